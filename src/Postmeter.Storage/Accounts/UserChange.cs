namespace Postmeter.Storage.Accounts;

/// <summary>How a change to a user ended.</summary>
public enum UserChange
{
    Done,
    NotFound,

    /// <summary>Another user has that e-mail address.</summary>
    AddressTaken,

    /// <summary>Refused: it would leave no administrator.</summary>
    LastAdmin,
}
