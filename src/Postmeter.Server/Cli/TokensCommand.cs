using System.CommandLine;
using Postmeter.Server.Accounts;

namespace Postmeter.Server.Cli;

/// <summary>
/// <c>postmeter tokens create|list|delete</c>: API tokens for scripts and Prometheus. A new token is printed once;
/// only its hash is kept.
/// </summary>
internal static class TokensCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("tokens", "Create, list or delete API tokens (Authorization: Bearer) for scripts and Prometheus.");
        command.Subcommands.Add(CreateToken(context));
        command.Subcommands.Add(ListTokens(context));
        command.Subcommands.Add(DeleteToken(context));
        return command;
    }

    private static Command CreateToken(CliContext context)
    {
        var workspace = AccountWorkspace.WorkspaceOption();
        var name = new Option<string>("--name") { Description = "What the token is for (unique), e.g. prometheus.", Required = true };
        var role = new Option<string>("--role") { Description = "viewer (read only, the default) or admin.", DefaultValueFactory = _ => Roles.Viewer };
        var command = new Command("create", "Create a token and print it (once: it cannot be shown again).") { workspace, name, role };
        command.SetAction(result => context.Guard(() =>
        {
            var tokenName = result.GetValue(name)!.Trim();
            if (ApiTokens.NameProblem(tokenName) is { } problem)
            {
                throw new UsageException($"--name: {problem}");
            }

            if (!Roles.TryParse(result.GetValue(role), out var tokenRole))
            {
                throw new UsageException($"--role: '{result.GetValue(role)}' is not a role; expected viewer or admin");
            }

            using var accounts = AccountWorkspace.Open(result, workspace, context);
            var secret = ApiTokens.NewSecret();
            if (accounts.AddToken(tokenName, tokenRole, ApiTokens.Hash(secret), ApiTokens.Hint(secret), context.Clock.GetUtcNow().UtcDateTime) is null)
            {
                throw new UsageException($"--name: a token named '{tokenName}' exists; delete it first or choose another name");
            }

            accounts.Audit(context.Clock.GetUtcNow().UtcDateTime, AuditTrail.CommandLine, null, "token created", tokenName, Roles.Name(tokenRole));
            context.Out.WriteLine(secret);
            context.Error.WriteLine($"postmeter: token '{tokenName}' ({Roles.Name(tokenRole)}) created; it is shown only now. Use it as: Authorization: Bearer <token>");
        }));
        return command;
    }

    private static Command ListTokens(CliContext context)
    {
        var workspace = AccountWorkspace.WorkspaceOption();
        var command = new Command("list", "List the tokens (name, role, start of the token, created, last used).") { workspace };
        command.SetAction(result => context.Guard(() =>
        {
            using var accounts = AccountWorkspace.Open(result, workspace, context);
            foreach (var token in accounts.ListTokens())
            {
                context.Out.WriteLine($"{token.Name}\t{Roles.Name(token.Role)}\t{token.Hint}\tcreated {token.CreatedAt:yyyy-MM-ddTHH:mm:ssZ}\t{(token.LastUsedAt is { } used ? $"last used {used:yyyy-MM-ddTHH:mm:ssZ}" : "never used")}");
            }
        }));
        return command;
    }

    private static Command DeleteToken(CliContext context)
    {
        var workspace = AccountWorkspace.WorkspaceOption();
        var name = new Option<string>("--name") { Description = "The token to delete.", Required = true };
        var command = new Command("delete", "Delete a token: requests with it are refused at once.") { workspace, name };
        command.SetAction(result => context.Guard(() =>
        {
            using var accounts = AccountWorkspace.Open(result, workspace, context);
            var tokenName = result.GetValue(name)!;
            if (!accounts.DeleteToken(tokenName))
            {
                throw new UsageException($"--name: no token named '{tokenName}'; see 'postmeter tokens list'");
            }

            accounts.Audit(context.Clock.GetUtcNow().UtcDateTime, AuditTrail.CommandLine, null, "token deleted", tokenName, null);
            context.Error.WriteLine($"postmeter: token '{tokenName}' deleted");
        }));
        return command;
    }
}
