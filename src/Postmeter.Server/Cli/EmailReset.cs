using System.CommandLine;
using Postmeter.Server.Api;

namespace Postmeter.Server.Cli;

/// <summary>
/// Lightmeter's <c>-email_reset EMAIL</c> with <c>-password</c>, <c>-new_email</c> and/or <c>-new_user_name</c>: changes
/// that user (checked as in the web application), ends their sessions, and exits without importing.
/// </summary>
internal sealed class EmailReset
{
    private readonly Option<string?> _email = new("--email-reset", "-email_reset")
    {
        Description = "Change the user with this e-mail address (give -password, -new_email and/or -new_user_name), end their sessions, and exit.",
    };

    private readonly Option<string?> _password = new("--password", "-password")
    {
        Description = "With -email_reset: the new password (prefer 'postmeter users set-password': a flag shows in the process list).",
    };

    private readonly Option<string?> _newEmail = new("--new-email", "-new_email") { Description = "With -email_reset: the new e-mail address." };

    private readonly Option<string?> _newName = new("--new-user-name", "-new_user_name") { Description = "With -email_reset: the new name." };

    public void AddTo(Command command)
    {
        command.Options.Add(_email);
        command.Options.Add(_password);
        command.Options.Add(_newEmail);
        command.Options.Add(_newName);
    }

    public bool Requested(ParseResult result) => result.GetValue(_email) is not null;

    public void Run(ParseResult result, Option<string?> workspace, CliContext context)
    {
        var (password, newEmail, newName) = (result.GetValue(_password), result.GetValue(_newEmail), result.GetValue(_newName));
        if (password is null && newEmail is null && newName is null)
        {
            throw new UsageException("-email_reset: nothing to change; expected -password, -new_email and/or -new_user_name");
        }

        var errors = new Dictionary<string, string[]>();
        var email = newEmail is null ? null : AuthApi.CheckEmail(newEmail, errors);
        var name = newName is null ? null : AuthApi.CheckName(newName, errors);
        if (errors.Count > 0)
        {
            throw new UsageException([.. errors.Values.SelectMany(e => e)]);
        }

        using var accounts = AccountWorkspace.Open(result, workspace, context);
        var target = result.GetValue(_email)!.Trim();
        var user = accounts.FindUser(target) ?? throw new UsageException($"-email_reset: no user {target}; see 'postmeter users list'");
        var changed = user with { Email = email ?? user.Email, Name = name ?? user.Name };
        if (password is not null && Accounts.PasswordPolicy.Problem(password, changed.Email, changed.Name) is { } weak)
        {
            throw new UsageException(weak);
        }

        if (password is not null)
        {
            changed = changed with { PasswordHash = new Accounts.PasswordHashing().Hash(password) };
        }

        AccountChanges.Replace(accounts, changed, context.Clock.GetUtcNow().UtcDateTime, "user changed");
        context.Error.WriteLine($"postmeter: user {target} changed; their sessions have ended");
    }
}
