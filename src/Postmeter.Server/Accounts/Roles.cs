using Postmeter.Storage.Accounts;

namespace Postmeter.Server.Accounts;

/// <summary>Roles as the API and the claims name them.</summary>
internal static class Roles
{
    public const string Admin = "admin";
    public const string Viewer = "viewer";

    public static string Name(Role role) => role == Role.Admin ? Admin : Viewer;

    public static bool TryParse(string? text, out Role role)
    {
        role = text switch
        {
            Admin => Role.Admin,
            Viewer => Role.Viewer,
            _ => (Role)(-1),
        };
        return text is Admin or Viewer;
    }
}
