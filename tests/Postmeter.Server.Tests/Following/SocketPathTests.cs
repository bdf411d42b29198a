using Postmeter.Server.Tests.Import;

namespace Postmeter.Server.Tests.Following;

/// <summary>
/// <c>-logs_socket unix=PATH</c> may replace only a socket left by a dead process: whatever else is at the path (a log
/// file, a link) is refused and kept, and at exit nothing but the socket this run made is removed.
/// </summary>
public sealed class SocketPathTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_regular_file_at_the_socket_path_is_refused_and_kept_byte_for_byte()
    {
        var path = _temp.Path("maillog");
        File.Copy(FixturePaths.Seed42, path);

        var result = Listen(path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{path} is a regular file, not a socket", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(FixturePaths.Seed42), File.ReadAllBytes(path));
    }

    [Fact]
    public void A_symbolic_link_at_the_socket_path_is_refused_and_kept_with_its_target()
    {
        var target = _temp.Path("target.log");
        File.WriteAllText(target, "keep me\n");
        var link = _temp.Path("logs.sock");
        File.CreateSymbolicLink(link, target);

        var result = Listen(link);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{link} is a symbolic link, not a socket", result.Error, StringComparison.Ordinal);
        Assert.Equal(target, new FileInfo(link).LinkTarget);
        Assert.Equal("keep me\n", File.ReadAllText(target));
    }

    [Fact]
    public void A_socket_path_in_a_missing_directory_names_the_directory()
    {
        var path = _temp.Path("no-such-dir", "logs.sock");

        var result = Listen(path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"the directory {_temp.Path("no-such-dir")} does not exist", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stale_socket_left_by_a_dead_process_is_replaced()
    {
        var path = _temp.Path("logs.sock");
        // A process that bound the socket and died without removing it (.NET would remove its own at dispose).
        LiveChecks.Run("python3", "-c", $"import socket; socket.socket(socket.AF_UNIX).bind('{path}')");

        Assert.True(File.Exists(path));
        using var follower = LiveFollower.StartWith(["-workspace", _temp.Path("ws"), "-logs_socket", "unix=" + path]);
        follower.WaitFor("listening on unix=");

        Assert.Equal(0, follower.Stop());
        Assert.False(File.Exists(path), "the run's own socket is removed at exit");
    }

    [Fact]
    public void What_replaced_the_socket_while_running_is_not_removed_at_exit()
    {
        var path = _temp.Path("logs.sock");
        using var follower = LiveFollower.StartWith(["-workspace", _temp.Path("ws"), "-logs_socket", "unix=" + path]);
        follower.WaitFor("listening on unix=");
        File.Delete(path);
        File.WriteAllText(path, "someone else's file\n");

        Assert.Equal(0, follower.Stop());
        Assert.Equal("someone else's file\n", File.ReadAllText(path));
    }

    private ProcessResult Listen(string path) =>
        PostmeterProcess.Run(["-workspace", _temp.Path("ws"), "-logs_socket", "unix=" + path]);
}
