using System.CommandLine;
using Postmeter.Server.Accounts;
using Postmeter.Server.Api;
using Postmeter.Storage.Accounts;

namespace Postmeter.Server.Cli;

/// <summary><c>postmeter users list|add|delete|set-password</c>: the web application's users, from the command line.</summary>
internal static class UsersCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("users", "List, add or delete users of the web application, or set a password.");
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Add(context));
        command.Subcommands.Add(Delete(context));
        command.Subcommands.Add(SetPassword(context));
        return command;
    }

    private static Command List(CliContext context)
    {
        var workspace = AccountWorkspace.WorkspaceOption();
        var command = new Command("list", "List the users (e-mail address, name, role).") { workspace };
        command.SetAction(result => context.Guard(() =>
        {
            using var accounts = AccountWorkspace.Open(result, workspace, context);
            foreach (var user in accounts.ListUsers())
            {
                context.Out.WriteLine($"{user.Email}\t{user.Name}\t{Roles.Name(user.Role)}");
            }
        }));
        return command;
    }

    private static Command Add(CliContext context)
    {
        var workspace = AccountWorkspace.WorkspaceOption();
        var email = new Option<string>("--email") { Description = "The user's e-mail address (their sign-in name).", Required = true };
        var name = new Option<string>("--name") { Description = "The user's name.", Required = true };
        var role = new Option<string>("--role") { Description = "admin or viewer (the default).", DefaultValueFactory = _ => Roles.Viewer };
        var password = new PasswordInput();
        var command = new Command("add", "Add a user (the password is checked for strength as in the web application).") { workspace, email, name, role };
        password.AddTo(command);
        command.SetAction(result => context.Guard(() =>
        {
            var errors = new Dictionary<string, string[]>();
            var address = AuthApi.CheckEmail(result.GetValue(email), errors);
            var userName = AuthApi.CheckName(result.GetValue(name), errors);
            if (!Roles.TryParse(result.GetValue(role), out var userRole))
            {
                errors["role"] = [$"--role: '{result.GetValue(role)}' is not a role; expected admin or viewer"];
            }

            ThrowIfAny(errors);
            var secret = password.Read(result, context);
            if (PasswordPolicy.Problem(secret, address!, userName!) is { } weak)
            {
                throw new UsageException(weak);
            }

            using var accounts = AccountWorkspace.Open(result, workspace, context);
            var now = context.Clock.GetUtcNow().UtcDateTime;
            var added = accounts.AddUser(address!, userName!, userRole, new PasswordHashing().Hash(secret), now)
                ?? throw new UsageException($"--email: {address} is registered already");
            accounts.Audit(now, AuditTrail.CommandLine, null, "user added", added.Email, Roles.Name(added.Role));
            context.Error.WriteLine($"postmeter: user {added.Email} ({Roles.Name(added.Role)}) added");
        }));
        return command;
    }

    private static Command Delete(CliContext context)
    {
        var workspace = AccountWorkspace.WorkspaceOption();
        var email = new Option<string>("--email") { Description = "The user to delete.", Required = true };
        var command = new Command("delete", "Delete a user and end their sessions.") { workspace, email };
        command.SetAction(result => context.Guard(() =>
        {
            using var accounts = AccountWorkspace.Open(result, workspace, context);
            var user = Find(accounts, result.GetValue(email)!);
            if (accounts.DeleteUser(user.Id) == UserChange.LastAdmin)
            {
                throw new UsageException($"--email: {user.Email} is the only administrator; make another user an admin first (postmeter users add --role admin)");
            }

            accounts.Audit(context.Clock.GetUtcNow().UtcDateTime, AuditTrail.CommandLine, null, "user deleted", user.Email, null);
            context.Error.WriteLine($"postmeter: user {user.Email} deleted");
        }));
        return command;
    }

    private static Command SetPassword(CliContext context)
    {
        var workspace = AccountWorkspace.WorkspaceOption();
        var email = new Option<string>("--email") { Description = "The user whose password to set.", Required = true };
        var password = new PasswordInput();
        var command = new Command("set-password", "Set a user's password; their sessions end.") { workspace, email };
        password.AddTo(command);
        command.SetAction(result => context.Guard(() =>
        {
            using var accounts = AccountWorkspace.Open(result, workspace, context);
            var user = Find(accounts, result.GetValue(email)!);
            var secret = password.Read(result, context);
            AccountChanges.SetPassword(accounts, user, secret, context.Clock.GetUtcNow().UtcDateTime);
            context.Error.WriteLine($"postmeter: password of {user.Email} set; their sessions have ended");
        }));
        return command;
    }

    private static UserAccount Find(IAccountStore accounts, string email) =>
        accounts.FindUser(email.Trim()) ?? throw new UsageException($"--email: no user {email}; see 'postmeter users list'");

    private static void ThrowIfAny(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            throw new UsageException([.. errors.Values.SelectMany(e => e)]);
        }
    }
}
