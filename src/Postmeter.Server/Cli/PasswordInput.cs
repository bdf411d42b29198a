using System.CommandLine;
using System.Text;

namespace Postmeter.Server.Cli;

/// <summary>
/// Where a command takes a password from: <c>--password-file FILE</c>, <c>--password-stdin</c> (its first line), or a
/// prompt on the terminal that does not echo. Never from the command line itself, where other users of the machine
/// could read it in the process list.
/// </summary>
internal sealed class PasswordInput
{
    public Option<string?> File { get; } = new("--password-file") { Description = "Read the password from the first line of this file." };

    public Option<bool> Stdin { get; } = new("--password-stdin") { Description = "Read the password from the first line of standard input." };

    public void AddTo(Command command)
    {
        command.Options.Add(File);
        command.Options.Add(Stdin);
    }

    public string Read(ParseResult result, CliContext context)
    {
        if (result.GetValue(File) is { } path)
        {
            try
            {
                return FirstLine(System.IO.File.ReadAllText(path));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"--password-file: cannot read {path} ({e.Message}); expected a file holding the password on its first line");
            }
        }

        if (result.GetValue(Stdin))
        {
            using var reader = new StreamReader(context.OpenStdin(), Encoding.UTF8);
            return FirstLine(reader.ReadToEnd());
        }

        if (!context.ErrorIsTerminal || Console.IsInputRedirected)
        {
            throw new UsageException("no password given; expected --password-file FILE, --password-stdin, or a terminal to type it at");
        }

        context.Error.Write("Password: ");
        var typed = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }

        context.Error.WriteLine();
        return typed.ToString();
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
