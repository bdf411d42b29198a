using Postmeter.Ingest.Sources;
using Postmeter.Server.Tests.Cli;

namespace Postmeter.Server.Tests.Import;

/// <summary>
/// A log given through a symbolic link is read as the file it points to: its modification time dates year-less lines
/// and its size measures progress, not the link's own.
/// </summary>
public sealed class SymlinkedLogTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Year_less_lines_of_a_linked_log_are_dated_by_the_files_time_not_the_links()
    {
        var (file, link) = LinkedLog();

        var direct = CliRunner.Run(["report", file, "--timezone", "UTC", "--format", "json"]);
        var linked = CliRunner.Run(["report", link, "--timezone", "UTC", "--format", "json"]);

        Assert.Contains("2025-11-21", direct.Output, StringComparison.Ordinal);
        Assert.Equal(direct.Output, linked.Output);
    }

    [Fact]
    public void A_watched_directory_whose_log_is_a_link_is_imported_as_the_file_it_points_to()
    {
        var (file, link) = LinkedLog();
        var plain = _temp.Directory("plain");
        File.Copy(file, Path.Combine(plain, "maillog"));
        File.SetLastWriteTimeUtc(Path.Combine(plain, "maillog"), File.GetLastWriteTimeUtc(file));

        var viaLink = CliRunner.Run(["-workspace", _temp.Path("ws-link"), "-watch_dir", Path.GetDirectoryName(link)!, "-importonly", "--timezone", "UTC"]);
        var viaFile = CliRunner.Run(["-workspace", _temp.Path("ws-file"), "-watch_dir", plain, "-importonly", "--timezone", "UTC"]);

        Assert.True(viaLink.ExitCode == 0, viaLink.Error);
        Assert.Equal(0, viaFile.ExitCode);
        Assert.Equal(
            CliRunner.Run(["messages", "--workspace", _temp.Path("ws-file")]).Output,
            CliRunner.Run(["messages", "--workspace", _temp.Path("ws-link")]).Output);
    }

    [Fact]
    public void The_size_and_time_of_a_link_are_its_targets()
    {
        var (file, link) = LinkedLog();

        var info = LogFileInfo.Of(link);

        Assert.Equal(new FileInfo(file).Length, info.Length);
        Assert.Equal(File.GetLastWriteTimeUtc(file), info.LastWriteTimeUtc);
        Assert.NotEqual(new FileInfo(link).Length, info.Length);
    }

    /// <summary>The seed-42 log last written in December 2025 (so its November lines are of 2025), linked to from a directory of its own now.</summary>
    private (string File, string Link) LinkedLog()
    {
        var file = _temp.Path("archive-maillog");
        File.Copy(FixturePaths.Seed42, file);
        File.SetLastWriteTimeUtc(file, new DateTime(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc));
        var link = Path.Combine(_temp.Directory("logs"), "maillog");
        File.CreateSymbolicLink(link, file);
        return (file, link);
    }
}
