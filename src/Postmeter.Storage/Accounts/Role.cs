namespace Postmeter.Storage.Accounts;

/// <summary>What a user or token may do: an admin changes users, tokens and settings; a viewer only reads.</summary>
public enum Role
{
    Viewer,
    Admin,
}
