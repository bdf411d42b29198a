using Postmeter.Ingest.Sources;
using Postmeter.Ingest.Tests.Support;

namespace Postmeter.Ingest.Tests.Sources;

public sealed class LogInputsTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Dash_means_standard_input()
    {
        var input = Assert.Single(LogInputs.Expand(["-"]));

        Assert.True(input.IsStandardInput);
        Assert.Equal("standard input", input.DisplayName);
    }

    [Fact]
    public void File_argument_is_the_file_itself_even_if_it_is_an_archive()
    {
        var path = _dir.Write("mail.log.3.gz", Archiver.Gzip("x\n"u8.ToArray()));

        var input = Assert.Single(LogInputs.Expand([path]));

        Assert.False(input.IsStandardInput);
        Assert.Equal(path, input.Path);
    }

    [Fact]
    public void Relative_file_argument_becomes_a_full_path()
    {
        var path = _dir.Write("mail.log", "x\n");
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);

        Assert.Equal(path, Assert.Single(LogInputs.Expand([relative])).Path);
    }

    [Fact]
    public void Directory_expands_to_every_pattern_in_default_order_each_oldest_first()
    {
        foreach (var name in new[] { "zimbra.log", "maillog", "mail.log", "mail.log.1", "mail.log.2.gz", "clamav.log" })
        {
            _dir.Write(name, name + "\n");
        }

        var inputs = LogInputs.Expand([_dir.Root]);

        Assert.Equal(
            new[] { "mail.log.2.gz", "mail.log.1", "mail.log", "maillog", "zimbra.log" }.Select(name => _dir.Path(name)),
            inputs.Select(i => i.Path));
    }

    [Fact]
    public void Warning_and_error_subsets_are_skipped_when_the_full_mail_log_is_there()
    {
        foreach (var name in new[] { "mail.err", "mail.warn", "mail.warn.1", "mail.log", "mail.log.1" })
        {
            _dir.Write(name, name + "\n");
        }

        var inputs = LogInputs.Expand([_dir.Root]);

        Assert.Equal(new[] { "mail.log.1", "mail.log" }.Select(name => _dir.Path(name)), inputs.Select(i => i.Path));
    }

    [Fact]
    public void Warning_and_error_logs_are_read_when_they_are_all_there_is()
    {
        foreach (var name in new[] { "mail.err", "mail.warn.1", "mail.warn" })
        {
            _dir.Write(name, name + "\n");
        }

        var inputs = LogInputs.Expand([_dir.Root]);

        Assert.Equal(new[] { "mail.warn.1", "mail.warn", "mail.err" }.Select(name => _dir.Path(name)), inputs.Select(i => i.Path));
    }

    [Fact]
    public void Arguments_keep_their_order()
    {
        var other = _dir.Write("other.log", "x\n");
        Directory.CreateDirectory(_dir.Path("var"));
        _dir.Write("var/mail.log", "y\n");
        _dir.Write("var/mail.log.1", "z\n");

        var inputs = LogInputs.Expand([other, "-", _dir.Path("var")]);

        Assert.Equal([other, "-", _dir.Path("var/mail.log.1"), _dir.Path("var/mail.log")], inputs.Select(i => i.Path));
    }

    [Fact]
    public void Input_named_twice_is_read_once_where_it_first_appears()
    {
        var current = _dir.Write("mail.log", "x\n");
        var archive = _dir.Write("mail.log.1", "y\n");

        var inputs = LogInputs.Expand([current, _dir.Root, "-", "-"]);

        Assert.Equal([current, archive, "-"], inputs.Select(i => i.Path));
    }

    [Fact]
    public void Unknown_path_is_reported_with_what_was_expected()
    {
        var missing = _dir.Path("mail.lgo");

        var error = Assert.Throws<LogInputException>(() => LogInputs.Expand([missing]));

        Assert.Equal(
            $"No such file or directory: {missing} (expected a Postfix log file, a directory of them, or - for standard input)",
            error.Message);
        Assert.Equal(missing, error.Path);
    }

    [Fact]
    public void Directory_without_log_files_is_reported()
    {
        _dir.Write("syslog", "x\n");

        var error = Assert.Throws<LogInputException>(() => LogInputs.Expand([_dir.Root]));

        Assert.StartsWith($"No Postfix log files in directory {_dir.Root} (expected files named mail.log, mail.warn, mail.err, maillog, zimbra.log", error.Message);
    }

    [Fact]
    public void Directory_with_archives_but_no_current_file_is_reported()
    {
        _dir.Write("maillog.1.gz", Archiver.Gzip("x\n"u8.ToArray()));

        var error = Assert.Throws<LogInputException>(() => LogInputs.Expand([_dir.Root]));

        Assert.StartsWith("Missing file: maillog. Instead found: maillog.1.gz (", error.Message);
    }

    [Fact]
    public void Custom_patterns_choose_the_files_of_a_directory()
    {
        _dir.Write("mail.log", "x\n");
        var postfixLog = _dir.Write("postfix.log", "y\n");

        var inputs = LogInputs.Expand([_dir.Root], ["postfix.log"]);

        Assert.Equal([postfixLog], inputs.Select(i => i.Path));
    }

    [Fact]
    public void No_arguments_give_no_inputs()
    {
        Assert.Empty(LogInputs.Expand([]));
    }

    [Fact]
    public void File_input_opens_decompressed()
    {
        var lines = RepositoryFiles.RealMaillogLines().Take(10).ToList();
        var path = _dir.Write("maillog.1", Archiver.BZip2(RepositoryFiles.Join(lines)));
        var read = new List<byte[]>();

        using (var stream = Assert.Single(LogInputs.Expand([path])).Open())
        {
            new LineReader().ReadAll(stream, line => read.Add(line.ToArray()));
        }

        Assert.Equal(lines, read);
    }
}
