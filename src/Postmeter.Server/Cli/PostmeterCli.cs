using System.CommandLine;
using Postmeter.Ingest.Importing;
using Postmeter.Ingest.Sources;

namespace Postmeter.Server.Cli;

/// <summary>The <c>postmeter</c> command line.</summary>
public static class PostmeterCli
{
    public static int Run(string[] args, TextWriter output, TextWriter error) =>
        Run(args, new CliContext(output, error, OpenStandardInput, Console.OpenStandardOutput, TimeProvider.System, !Console.IsErrorRedirected));

    /// <summary>The shipped program with an observer of import stages (the crash-safety tests' host).</summary>
    internal static int Run(string[] args, TextWriter output, TextWriter error, IImportObserver? importObserver) =>
        Run(args, new CliContext(output, error, OpenStandardInput, Console.OpenStandardOutput, TimeProvider.System, !Console.IsErrorRedirected)
        {
            ImportObserver = importObserver ?? ImportObserver.None,
        });

    internal static int Run(
        string[] args, TextWriter output, TextWriter error, Func<Stream> openStdin, Func<Stream> openStdout, TimeProvider clock, Func<string, string?> environment) =>
        Run(args, new CliContext(output, error, openStdin, openStdout, clock) { Environment = environment });

    private static Stream OpenStandardInput()
    {
        StandardInputCheck.EnsureReadable();
        return Console.OpenStandardInput();
    }

    internal static int Run(string[] args, CliContext context)
    {
        var (output, error) = (context.Out, context.Error);
        var root = new RootCommand("Postmeter: mailops monitoring for Postfix.")
        {
            ReportCommand.Create(context),
            MessagesCommand.Create(context),
            TokensCommand.Create(context),
            UsersCommand.Create(context),
        };
        ImportCommand.Attach(root, context);
        // Lightmeter's spelling of --version.
        root.Options.OfType<VersionOption>().First().Aliases.Add("-version");
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var parseError in result.Errors)
            {
                error.WriteLine($"postmeter: {parseError.Message}");
            }

            error.WriteLine("Try 'postmeter --help'.");
            return UsageException.ExitCode;
        }

        return result.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
