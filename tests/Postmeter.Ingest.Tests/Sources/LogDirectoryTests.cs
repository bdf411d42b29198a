using Postmeter.Ingest.Sources;
using Postmeter.Ingest.Tests.Support;

namespace Postmeter.Ingest.Tests.Sources;

public sealed class LogDirectoryTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private void Create(params string[] names)
    {
        foreach (var name in names)
        {
            _dir.Write(name, name + "\n");
        }
    }

    private List<string> FileNamesOf(string pattern, IReadOnlyList<string>? patterns = null)
    {
        var listing = LogDirectory.Scan(_dir.Root, patterns ?? LogDirectory.DefaultPatterns);
        return listing.Series.Single(s => s.Pattern == pattern).Files.Select(Path.GetFileName).ToList()!;
    }

    [Fact]
    public void Numeric_rotations_are_read_oldest_first()
    {
        Create("mail.log", "mail.log.1", "mail.log.2.gz", "mail.log.3.bz2", "mail.log.10.gz", "mail.log.9.gz");

        Assert.Equal(["mail.log.10.gz", "mail.log.9.gz", "mail.log.3.bz2", "mail.log.2.gz", "mail.log.1", "mail.log"], FileNamesOf("mail.log"));
    }

    [Fact]
    public void Date_rotations_are_read_oldest_first()
    {
        Create("mail.log", "mail.log-20240103", "mail.log-20231231.gz", "mail.log-20240102.bz2", "mail.log-20240101.gz");

        Assert.Equal(["mail.log-20231231.gz", "mail.log-20240101.gz", "mail.log-20240102.bz2", "mail.log-20240103", "mail.log"], FileNamesOf("mail.log"));
    }

    [Fact]
    public void Hourly_date_rotations_are_read_oldest_first()
    {
        Create("mail.log", "mail.log-2024010123.gz", "mail.log-2024010200.gz", "mail.log-2024010109.gz");

        Assert.Equal(["mail.log-2024010109.gz", "mail.log-2024010123.gz", "mail.log-2024010200.gz", "mail.log"], FileNamesOf("mail.log"));
    }

    [Fact]
    public void Postfix_logrotate_stamps_are_read_oldest_first()
    {
        Create("maillog", "maillog.20240107-031500.gz", "maillog.20231231-235959.gz", "maillog.20240107-001500", "maillog.20240106-120000.bz2");

        Assert.Equal(
            ["maillog.20231231-235959.gz", "maillog.20240106-120000.bz2", "maillog.20240107-001500", "maillog.20240107-031500.gz", "maillog"],
            FileNamesOf("maillog"));
    }

    [Fact]
    public void Logrotate_dates_and_postfix_stamps_are_ordered_as_instants()
    {
        Create("maillog", "maillog-20240107.gz", "maillog.20240106-120000.gz", "maillog.20240107-080000.gz", "maillog-20240106.gz");

        Assert.Equal(
            ["maillog-20240106.gz", "maillog.20240106-120000.gz", "maillog-20240107.gz", "maillog.20240107-080000.gz", "maillog"],
            FileNamesOf("maillog"));
    }

    [Fact]
    public void Dateext_with_a_dot_is_ordered_by_date_not_as_a_huge_rotation_number()
    {
        Create("mail.log", "mail.log.20240102", "mail.log.20240101.gz", "mail.log.20231230.gz");

        Assert.Equal(["mail.log.20231230.gz", "mail.log.20240101.gz", "mail.log.20240102", "mail.log"], FileNamesOf("mail.log"));
    }

    [Fact]
    public void Mixed_conventions_keep_both_and_read_numbered_archives_first_when_they_were_written_first()
    {
        // logrotate's dateext switched on: the old numbered archives stopped rotating and are older.
        WriteInWriteOrder("mail.log.3.gz", "mail.log.2.gz", "mail.log.1.gz", "mail.log-20240105.gz", "mail.log-20240106.gz", "mail.log");

        Assert.Equal(
            ["mail.log.3.gz", "mail.log.2.gz", "mail.log.1.gz", "mail.log-20240105.gz", "mail.log-20240106.gz", "mail.log"],
            FileNamesOf("mail.log"));
    }

    [Fact]
    public void Mixed_conventions_read_dated_archives_first_when_they_were_written_first()
    {
        // dateext switched off: the dated archives are the old ones.
        WriteInWriteOrder("mail.log-20240105.gz", "mail.log-20240106.gz", "mail.log.2.gz", "mail.log.1", "mail.log");

        Assert.Equal(["mail.log-20240105.gz", "mail.log-20240106.gz", "mail.log.2.gz", "mail.log.1", "mail.log"], FileNamesOf("mail.log"));
    }

    [Fact]
    public void Mixed_conventions_interleave_by_write_time_keeping_each_conventions_own_order()
    {
        // Postfix's own "postfix logrotate" runs next to logrotate's numbered rotation of the same file.
        WriteInWriteOrder("maillog.2.gz", "maillog.20240105-000000.gz", "maillog.1.gz", "maillog.20240107-000000.gz", "maillog");

        Assert.Equal(["maillog.2.gz", "maillog.20240105-000000.gz", "maillog.1.gz", "maillog.20240107-000000.gz", "maillog"], FileNamesOf("maillog"));
    }

    [Fact]
    public void Mixed_conventions_with_equal_write_times_read_numbered_archives_first()
    {
        Create("mail.log", "mail.log-20240106.gz", "mail.log.1.gz", "mail.log-20240105.gz", "mail.log.2.gz");
        var time = new DateTime(2024, 1, 6, 0, 0, 0, DateTimeKind.Utc);
        foreach (var file in Directory.GetFiles(_dir.Root))
        {
            File.SetLastWriteTimeUtc(file, time);
        }

        Assert.Equal(["mail.log.2.gz", "mail.log.1.gz", "mail.log-20240105.gz", "mail.log-20240106.gz", "mail.log"], FileNamesOf("mail.log"));
    }

    [Fact]
    public void Compressed_copy_wins_over_an_uncompressed_duplicate_of_the_same_rotation()
    {
        Create("mail.log", "mail.log.1", "mail.log.1.gz", "mail.log.2.bz2", "mail.log.2", "mail.log-20240101", "mail.log-20240101.gz", "mail.log.3.gz", "mail.log.3.bz2");
        // One write time for all: the two conventions merge by write time, which must not depend on how fast the
        // files were created (a clock tick between two of them once put the dated archive first under load).
        foreach (var file in Directory.GetFiles(_dir.Root))
        {
            File.SetLastWriteTimeUtc(file, new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc));
        }

        Assert.Equal(["mail.log.3.gz", "mail.log.2.bz2", "mail.log.1.gz", "mail.log-20240101.gz", "mail.log"], FileNamesOf("mail.log"));
    }

    [Fact]
    public void Differently_named_archives_of_the_same_date_are_both_kept()
    {
        Create("maillog", "maillog.20240107-000000.gz", "maillog-20240107.gz", "maillog-20240106");

        Assert.Equal(["maillog-20240106", "maillog-20240107.gz", "maillog.20240107-000000.gz", "maillog"], FileNamesOf("maillog"));
    }

    [Fact]
    public void Unrelated_files_are_ignored()
    {
        Create(
            "maillog", "maillog.1", "maillog.processed", "maillog.1.processed", "clamav.log", "mail.log.swp", ".mail.log.swp",
            "mail.log", "mail.log.gz", "mail.log.1.swp", "mail.logger", "mail.log~", "mail.log.bak", "mail.log-2024", "mail.log-20241340",
            "mail.log.20240230-000000", "mail.log.x1", "mail.log.", "mail.log.-1", "mail.log.1.gz.tmp", "mail.log.1234567890", "xmail.log");
        Directory.CreateDirectory(_dir.Path("mail.log.5"));

        Assert.Equal(["mail.log"], FileNamesOf("mail.log"));
        Assert.Equal(["maillog.1", "maillog"], FileNamesOf("maillog"));
    }

    [Fact]
    public void Patterns_are_literal_names_not_regular_expressions()
    {
        Create("mail.log", "mailxlog", "mailxlog.1", "mail_log.2.gz", "mail.log.1");

        Assert.Equal(["mail.log.1", "mail.log"], FileNamesOf("mail.log"));
    }

    [Fact]
    public void Each_pattern_gets_its_own_series_in_pattern_order()
    {
        Create("zimbra.log", "mail.err", "mail.warn.1.gz", "mail.warn", "mail.log", "mail.log.1.gz");

        var listing = LogDirectory.Scan(_dir.Root);

        Assert.Equal(_dir.Root, listing.Directory);
        Assert.Equal(["mail.log", "mail.warn", "mail.err", "maillog", "zimbra.log"], listing.Series.Select(s => s.Pattern));
        Assert.Empty(listing.Series[3].Files);
        Assert.Null(listing.Series[3].CurrentFile);
        Assert.Equal(_dir.Path("mail.warn"), listing.Series[1].CurrentFile);
        Assert.Equal(
            new[] { "mail.log.1.gz", "mail.log", "mail.warn.1.gz", "mail.warn", "mail.err", "zimbra.log" }.Select(name => _dir.Path(name)),
            listing.Files);
    }

    [Fact]
    public void Custom_patterns_replace_the_default_ones()
    {
        Create("postfix.log", "postfix.log.1.gz", "mail.log");

        var listing = LogDirectory.Scan(_dir.Root, ["postfix.log"]);

        Assert.Equal(new[] { "postfix.log.1.gz", "postfix.log" }.Select(name => _dir.Path(name)), listing.Files);
    }

    [Fact]
    public void Directory_without_log_files_has_only_empty_series()
    {
        Create("syslog", "auth.log");

        Assert.Empty(LogDirectory.Scan(_dir.Root).Files);
    }

    [Fact]
    public void Archives_without_their_current_file_are_reported_with_what_was_found()
    {
        Create("mail.log.2.gz", "mail.log.1", "maillog");

        var error = Assert.Throws<LogInputException>(() => LogDirectory.Scan(_dir.Root));

        Assert.Equal(
            $"Missing file: mail.log. Instead found: mail.log.1, mail.log.2.gz (in {_dir.Root}; the current log file must be present next to its rotated archives)",
            error.Message);
        Assert.Equal(_dir.Root, error.Path);
    }

    [Fact]
    public void Every_pattern_missing_its_current_file_is_reported()
    {
        Create("mail.log.1", "mail.warn-20240101.gz", "maillog");

        var error = Assert.Throws<LogInputException>(() => LogDirectory.Scan(_dir.Root));

        Assert.StartsWith("Missing file: mail.log. Instead found: mail.log.1; Missing file: mail.warn. Instead found: mail.warn-20240101.gz (in ", error.Message);
    }

    [Fact]
    public void Missing_directory_is_reported_with_its_path()
    {
        var missing = _dir.Path("nope");

        var error = Assert.Throws<LogInputException>(() => LogDirectory.Scan(missing));

        Assert.Equal($"No such directory: {missing} (expected a directory of Postfix log files such as mail.log)", error.Message);
        Assert.Equal(missing, error.Path);
    }

    [Fact]
    public void File_given_as_a_directory_is_reported_as_not_a_directory()
    {
        var file = _dir.Write("mail.log", "x\n");

        var error = Assert.Throws<LogInputException>(() => LogDirectory.Scan(file));

        Assert.StartsWith($"Not a directory: {file} (", error.Message);
    }

    [Theory]
    [InlineData("log/mail.log")]
    [InlineData("")]
    [InlineData("..")]
    public void Pattern_that_is_not_a_plain_file_name_is_rejected(string pattern)
    {
        var error = Assert.Throws<LogInputException>(() => LogDirectory.Scan(_dir.Root, [pattern]));

        Assert.StartsWith($"Invalid log file pattern '{pattern}'", error.Message);
    }

    [Fact]
    public void Rotated_real_archives_read_back_as_the_original_log_in_order()
    {
        var lines = RepositoryFiles.RealMaillogLines();
        var third = lines.Count / 3;
        _dir.Write("maillog.2.gz", Archiver.Gzip(RepositoryFiles.Join(lines.Take(third))));
        _dir.Write("maillog.1.bz2", Archiver.BZip2(RepositoryFiles.Join(lines.Skip(third).Take(third))));
        _dir.Write("maillog.1", RepositoryFiles.Join(lines.Skip(third).Take(third)));
        _dir.Write("maillog", RepositoryFiles.Join(lines.Skip(2 * third)));

        var read = new List<byte[]>();
        var reader = new LineReader();
        foreach (var file in LogDirectory.Scan(_dir.Root).Files)
        {
            using var stream = LogFileOpener.Open(file);
            reader.ReadAll(stream, line => read.Add(line.ToArray()));
        }

        Assert.Equal(lines, read);
    }

    /// <summary>Creates files with the given names, each last written one hour after the previous one.</summary>
    private void WriteInWriteOrder(params string[] names)
    {
        var time = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var name in names)
        {
            File.SetLastWriteTimeUtc(_dir.Write(name, name + "\n"), time);
            time = time.AddHours(1);
        }
    }
}
