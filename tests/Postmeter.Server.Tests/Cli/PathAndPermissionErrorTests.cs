using Postmeter.Server.Tests.Import;

namespace Postmeter.Server.Tests.Cli;

/// <summary>
/// Paths and permissions that are wrong get one line naming the path and the real cause (exit 2), never a stack
/// trace, a hang or a misleading word. Real processes, so that standard input and the user are real.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class PathAndPermissionErrorTests : IDisposable
{
    /// <summary>The unprivileged user the permission tests run postmeter as (root may read everything).</summary>
    private const string Nobody = "65534";

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("report")]
    [InlineData("messages")]
    public void Standard_input_that_is_a_directory_is_named_as_such(string command)
    {
        var result = PostmeterProcess.RunInShell([command, "-"], "< /tmp");

        AssertClearError(result, "standard input is a directory");
    }

    [Theory]
    [InlineData("report", "-")]
    [InlineData("-stdin", "-importonly")]
    public void Closed_standard_input_is_an_error_not_a_hang(string first, string second)
    {
        var args = first == "report" ? new[] { first, second } : ["-workspace", _temp.Path("ws"), first, second];

        var result = PostmeterProcess.RunInShell(args, "<&-");

        AssertClearError(result, "standard input is closed");
    }

    [Fact]
    public void A_database_that_is_a_directory_is_named_as_such_for_readers_and_imports()
    {
        var workspace = _temp.Directory("ws");
        Directory.CreateDirectory(Path.Combine(workspace, "postmeter.db"));

        var read = PostmeterProcess.RunInShell(["report", "--workspace", workspace]);
        var import = PostmeterProcess.RunInShell(["-workspace", workspace, "-stdin", "-importonly"], "< /dev/null");

        AssertClearError(read, $"{workspace}/postmeter.db is a directory");
        AssertClearError(import, $"{workspace}/postmeter.db is a directory");
    }

    [Fact]
    public void A_dangling_workspace_link_names_its_missing_target()
    {
        var link = _temp.Path("ws");
        File.CreateSymbolicLink(link, _temp.Path("gone"));

        var read = PostmeterProcess.RunInShell(["messages", "--workspace", link]);
        var import = PostmeterProcess.RunInShell(["-workspace", link, "-stdin", "-importonly"], "< /dev/null");

        AssertClearError(read, $"workspace {link} is a symbolic link to {_temp.Path("gone")}, which does not exist");
        AssertClearError(import, "which does not exist");
    }

    [Fact]
    public void An_unreadable_database_and_a_workspace_that_cannot_be_entered_say_permission_denied()
    {
        // As root (CI), the files stay the owner's and postmeter runs as nobody; otherwise the owner loses the right.
        var user = IsRoot() ? Nobody : null;
        var owner = IsRoot() ? UnixFileMode.UserRead | UnixFileMode.UserWrite : UnixFileMode.None;
        var workspace = ImportedWorkspace();
        File.SetUnixFileMode(Path.Combine(workspace, "postmeter.db"), owner);

        var unreadable = PostmeterProcess.RunInShell(["report", "--workspace", workspace], user: user);
        File.SetUnixFileMode(Path.Combine(workspace, "postmeter.db"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.SetUnixFileMode(workspace, IsRoot() ? owner | UnixFileMode.UserExecute : UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var closed = PostmeterProcess.RunInShell(["report", "--workspace", workspace], user: user);
        File.SetUnixFileMode(workspace, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        AssertClearError(unreadable, $"cannot read workspace database {workspace}/postmeter.db (permission denied)");
        AssertClearError(closed, $"cannot look into workspace directory {workspace} (permission denied)");
    }

    private static bool IsRoot() =>
        File.ReadLines("/proc/self/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t')[1] == "0";

    private string ImportedWorkspace()
    {
        var workspace = _temp.Path("ws");
        var logs = _temp.Directory("logs");
        File.Copy(FixturePaths.Seed11, Path.Combine(logs, "maillog"));
        Assert.Equal(0, CliRunner.Run(["-workspace", workspace, "-watch_dir", logs, "-importonly"]).ExitCode);
        return workspace;
    }

    private static void AssertClearError(ProcessResult result, string expected)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled", result.Error, StringComparison.Ordinal);
    }
}
