using Postmeter.Ingest;
using Postmeter.Ingest.Importing;
using Postmeter.Storage;
using Postmeter.Storage.Sqlite;

namespace Postmeter.Server.Cli;

/// <summary>What commands talk to: standard streams and the clock, replaceable in tests.</summary>
internal sealed class CliContext(
    TextWriter output, TextWriter error, Func<Stream> openStdin, Func<Stream> openStdout, TimeProvider clock, bool errorIsTerminal = false)
{
    /// <summary>Opens a workspace (path, read-only?).</summary>
    public Func<string, bool, IWorkspaceStore> OpenWorkspace { get; init; } = WorkspaceStores.Open;

    /// <summary>Reads an environment variable; settings read the environment through this only.</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Told of each stage an import reaches (the crash-safety tests' host kills the process at one).</summary>
    public IImportObserver ImportObserver { get; init; } = Ingest.Importing.ImportObserver.None;

    /// <summary>Where the web UI's built files are (<c>wwwroot</c> beside the program; a test gives its own).</summary>
    public string WebRoot { get; init; } = Path.Combine(AppContext.BaseDirectory, "wwwroot");

    /// <summary>Stops a running server or follower as SIGTERM does (for a host that runs Postmeter in its own process).</summary>
    public CancellationToken Stop { get; init; }

    /// <summary>Whether standard error is a terminal (progress is drawn as a bar rather than logged).</summary>
    public bool ErrorIsTerminal { get; } = errorIsTerminal;

    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    public Func<Stream> OpenStdin { get; } = openStdin;

    public TimeProvider Clock { get; } = clock;

    /// <summary>A buffered standard output; dispose it to flush.</summary>
    public Stream OpenStdout() => new BufferedStream(openStdout(), 1 << 16);

    /// <summary>Runs a command body, turning the user's mistakes into one clear line on stderr and exit code 2.</summary>
    public int Guard(Action body)
    {
        try
        {
            body();
            return 0;
        }
        catch (UsageException e)
        {
            foreach (var problem in e.Problems)
            {
                Error.WriteLine($"postmeter: {problem}");
            }

            return UsageException.ExitCode;
        }
        catch (Exception e) when (e is LogInputException or WorkspaceException)
        {
            Error.WriteLine($"postmeter: {e.Message}");
            return UsageException.ExitCode;
        }
        catch (IOException e) when (e.Message.Contains("Broken pipe", StringComparison.OrdinalIgnoreCase))
        {
            // The reader of our output went away (| head): not an error worth a message.
            return 0;
        }
    }
}
