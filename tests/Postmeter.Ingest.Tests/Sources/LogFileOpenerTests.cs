using System.IO.Compression;
using Postmeter.Ingest.Sources;
using Postmeter.Ingest.Tests.Support;

namespace Postmeter.Ingest.Tests.Sources;

public sealed class LogFileOpenerTests : IDisposable
{
    private readonly TempFolder _dir = new();
    private readonly byte[] _maillog = RepositoryFiles.RealMaillogBytes();

    public void Dispose() => _dir.Dispose();

    private static byte[] ReadAll(Stream stream)
    {
        using (stream)
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }

    [Fact]
    public void Plain_file_is_read_as_is_and_stays_seekable()
    {
        var path = _dir.Write("mail.log", _maillog);

        using var stream = LogFileOpener.Open(path);

        Assert.True(stream.CanSeek);
        Assert.Equal(_maillog.Length, stream.Length);
        Assert.Equal(_maillog, ReadAll(stream));
    }

    [Fact]
    public void Gzip_made_by_gzip_is_decompressed()
    {
        var path = _dir.Write("mail.log.2.gz", Archiver.Gzip(_maillog));

        Assert.Equal(_maillog, ReadAll(LogFileOpener.Open(path)));
    }

    [Fact]
    public void Gzip_is_detected_by_content_even_with_a_misleading_name()
    {
        var path = _dir.Write("mail.log.1", Archiver.Gzip(_maillog));

        Assert.Equal(_maillog, ReadAll(LogFileOpener.Open(path)));
    }

    [Fact]
    public void Gzip_made_by_System_IO_Compression_is_decompressed()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(_maillog);
        }

        var path = _dir.Write("maillog.20240107-031500", compressed.ToArray());

        Assert.Equal(_maillog, ReadAll(LogFileOpener.Open(path)));
    }

    [Fact]
    public void Bzip2_is_detected_by_content_even_with_a_misleading_name()
    {
        var path = _dir.Write("mail.log.3.gz", Archiver.BZip2(_maillog));

        Assert.Equal(_maillog, ReadAll(LogFileOpener.Open(path)));
    }

    [Fact]
    public void Plain_text_named_like_an_archive_is_read_as_plain_text()
    {
        var gz = _dir.Write("mail.log.1.gz", _maillog);
        var bz2 = _dir.Write("mail.log.2.bz2", "BZ but not bzip2\n");

        Assert.Equal(_maillog, ReadAll(LogFileOpener.Open(gz)));
        Assert.Equal("BZ but not bzip2\n"u8.ToArray(), ReadAll(LogFileOpener.Open(bz2)));
    }

    [Fact]
    public void Empty_and_tiny_files_are_read_as_plain_text()
    {
        Assert.Empty(ReadAll(LogFileOpener.Open(_dir.Write("empty", ""))));
        Assert.Equal("B"u8.ToArray(), ReadAll(LogFileOpener.Open(_dir.Write("one", "B"))));
        Assert.Equal("BZh"u8.ToArray(), ReadAll(LogFileOpener.Open(_dir.Write("three", "BZh"))));
    }

    [Fact]
    public void Concatenated_gzip_members_are_all_read()
    {
        var path = _dir.Write("mail.log.1.gz", [.. Archiver.Gzip(_maillog), .. Archiver.Gzip("second member\n"u8.ToArray())]);

        Assert.Equal([.. _maillog, .. "second member\n"u8], ReadAll(LogFileOpener.Open(path)));
    }

    [Fact]
    public void Gzip_followed_by_zero_padding_is_read_without_error()
    {
        var path = _dir.Write("mail.log.1.gz", [.. Archiver.Gzip(_maillog), .. new byte[4096]]);

        Assert.Equal(_maillog, ReadAll(LogFileOpener.Open(path)));
    }

    [Fact]
    public void Concatenated_bzip2_streams_are_all_read()
    {
        var path = _dir.Write("mail.log.1.bz2", [.. Archiver.BZip2(_maillog), .. Archiver.BZip2("second stream\n"u8.ToArray())]);

        Assert.Equal([.. _maillog, .. "second stream\n"u8], ReadAll(LogFileOpener.Open(path)));
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("plain")]
    public async Task Named_pipe_is_read_like_standard_input(string format)
    {
        var fifo = _dir.Path("mail.log.pipe");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var content = format == "gzip" ? Archiver.Gzip(_maillog) : _maillog;
        var writer = Task.Run(() => File.WriteAllBytes(fifo, content));

        using var stream = LogFileOpener.Open(fifo);

        Assert.False(stream.CanSeek);
        Assert.Equal(_maillog, ReadAll(stream));
        await writer;
    }

    [Fact]
    public void Missing_file_is_reported_with_its_path_and_what_was_expected()
    {
        var path = _dir.Path("mail.log");

        var error = Assert.Throws<LogInputException>(() => LogFileOpener.Open(path));

        Assert.Equal($"No such file: {path} (expected a Postfix log file)", error.Message);
        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void Directory_given_as_a_file_is_reported_as_such()
    {
        var error = Assert.Throws<LogInputException>(() => LogFileOpener.Open(_dir.Root));

        Assert.StartsWith($"Not a file: {_dir.Root} is a directory", error.Message);
    }

    [Fact]
    public void Corrupt_gzip_is_reported_as_a_damaged_archive_naming_the_file()
    {
        var compressed = Archiver.Gzip(_maillog);
        for (var i = compressed.Length / 2; i < (compressed.Length / 2) + 32; i++)
        {
            compressed[i] ^= 0x5A;
        }

        var path = _dir.Write("mail.log.2.gz", compressed);

        var error = Assert.Throws<LogInputException>(() => new LineReader().ReadAll(LogFileOpener.Open(path), _ => { }));

        Assert.StartsWith($"Damaged gzip archive: {path} (", error.Message);
        Assert.Equal(path, error.Path);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.99)]
    public void Truncated_gzip_is_reported_as_a_damaged_archive(double keep)
    {
        var compressed = Archiver.Gzip(_maillog);
        var path = _dir.Write("mail.log.1.gz", compressed[..(int)(compressed.Length * keep)]);

        var error = Assert.Throws<LogInputException>(() => ReadAll(LogFileOpener.Open(path)));

        Assert.StartsWith($"Damaged gzip archive: {path} (it ends before the end of the compressed data", error.Message);
    }

    [Fact]
    public void Gzip_missing_only_its_last_bytes_is_reported_as_damaged()
    {
        var compressed = Archiver.Gzip(_maillog);
        var path = _dir.Write("mail.log.1.gz", compressed[..^3]);

        Assert.Throws<LogInputException>(() => ReadAll(LogFileOpener.Open(path)));
    }

    [Fact]
    public void Truncated_bzip2_is_reported_as_a_damaged_archive()
    {
        var compressed = Archiver.BZip2(_maillog);
        var path = _dir.Write("mail.log.1.bz2", compressed[..(compressed.Length / 2)]);

        var error = Assert.Throws<LogInputException>(() => ReadAll(LogFileOpener.Open(path)));

        Assert.StartsWith($"Damaged bzip2 archive: {path} (", error.Message);
    }

    [Fact]
    public void Any_corrupted_byte_of_a_bzip2_file_is_reported_as_a_damaged_archive()
    {
        var compressed = Archiver.BZip2(_maillog);
        var path = _dir.Path("mail.log.1.bz2");
        for (var at = 10; at < compressed.Length; at += compressed.Length / 40)
        {
            var damaged = (byte[])compressed.Clone();
            damaged[at] ^= 0xFF;
            File.WriteAllBytes(path, damaged);

            var error = Assert.Throws<LogInputException>(() => ReadAll(LogFileOpener.Open(path)));

            Assert.StartsWith("Damaged bzip2 archive: ", error.Message);
        }
    }

    [Fact]
    public void Any_corrupted_byte_of_a_gzip_file_is_reported_as_a_damaged_archive()
    {
        var compressed = Archiver.Gzip(_maillog);
        var path = _dir.Path("mail.log.1.gz");
        for (var at = 10; at < compressed.Length; at += compressed.Length / 40)
        {
            var damaged = (byte[])compressed.Clone();
            damaged[at] ^= 0xFF;
            File.WriteAllBytes(path, damaged);

            var error = Assert.Throws<LogInputException>(() => ReadAll(LogFileOpener.Open(path)));

            Assert.StartsWith("Damaged gzip archive: ", error.Message);
        }
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("bzip2")]
    [InlineData("plain")]
    public void Standard_input_is_decompressed_by_content_too(string format)
    {
        var content = format switch
        {
            "gzip" => Archiver.Gzip(_maillog),
            "bzip2" => Archiver.BZip2(_maillog),
            _ => _maillog,
        };

        var stream = LogFileOpener.Open(new TricklingStream(content, maxChunk: 5000), "standard input");

        Assert.Equal(_maillog, ReadAll(stream));
    }

    [Fact]
    public void Corrupt_gzip_on_standard_input_is_reported_as_damaged_standard_input()
    {
        var compressed = Archiver.Gzip(_maillog);
        compressed[compressed.Length / 2] ^= 0xFF;
        compressed[(compressed.Length / 2) + 1] ^= 0xFF;

        var error = Assert.Throws<LogInputException>(() => ReadAll(LogFileOpener.Open(new TricklingStream(compressed), "standard input")));

        Assert.StartsWith("Damaged gzip archive: standard input (", error.Message);
    }

    [Theory]
    [InlineData(20_000)]
    [InlineData(-8)]
    [InlineData(-3)]
    public void Truncated_gzip_on_standard_input_is_refused_as_a_truncated_file_is(int keep)
    {
        var compressed = Archiver.Gzip(_maillog);
        var cut = compressed[..(keep > 0 ? keep : compressed.Length + keep)];

        var error = Assert.Throws<LogInputException>(() => ReadAll(LogFileOpener.Open(new TricklingStream(cut, maxChunk: 5000), "standard input")));

        Assert.StartsWith("Damaged gzip archive: standard input (", error.Message);
    }

    [Fact]
    public void Gzip_of_several_members_on_standard_input_is_read_whole()
    {
        var half = _maillog.Length / 2;
        var members = Archiver.Gzip(_maillog[..half]).Concat(Archiver.Gzip(_maillog[half..])).ToArray();

        var stream = LogFileOpener.Open(new TricklingStream(members, maxChunk: 5000), "standard input");

        Assert.Equal(_maillog, ReadAll(stream));
    }

    [Fact]
    public void Damage_is_described_in_plain_words_not_the_decoders()
    {
        var gzip = Archiver.Gzip(_maillog);
        gzip[gzip.Length / 2] ^= 0xFF;
        gzip[(gzip.Length / 2) + 1] ^= 0xFF;
        var bzip2 = Archiver.BZip2(_maillog);
        var messages = new List<string>();
        foreach (var (name, bytes) in new[] { ("mail.log.1.gz", gzip), ("mail.log.2.bz2", bzip2[..(bzip2.Length / 2)]) })
        {
            var path = _dir.Write(name, bytes);
            messages.Add(Assert.Throws<LogInputException>(() => ReadAll(LogFileOpener.Open(path))).Message);
        }

        for (var at = 10; at < bzip2.Length; at += bzip2.Length / 40)
        {
            var damaged = (byte[])bzip2.Clone();
            damaged[at] ^= 0xFF;
            var path = _dir.Write("mail.log.3.bz2", damaged);
            messages.Add(Assert.Throws<LogInputException>(() => ReadAll(LogFileOpener.Open(path))).Message);
        }

        Assert.All(messages, m => Assert.DoesNotContain("unsupported compression method", m, StringComparison.Ordinal));
        Assert.All(messages, m => Assert.DoesNotContain("outside the bounds", m, StringComparison.Ordinal));
        Assert.Contains("its compressed data is corrupt", messages[0], StringComparison.Ordinal);
        Assert.Contains("truncated", messages[1], StringComparison.Ordinal);
    }
}
