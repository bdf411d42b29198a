namespace Postmeter.Storage;

/// <summary>Housekeeping beside the importer: retention, settings, and a second handle to do it on.</summary>
public interface IWorkspaceMaintenance
{
    /// <summary>The newest log time stored (the reference for retention), or null for an empty workspace.</summary>
    DateTime? NewestLogTime();

    /// <summary>Deletes at most about <paramref name="maxRows"/> rows older than <paramref name="cutoff"/> in one short transaction; returns how many went (0: nothing left).</summary>
    int DeleteOlderThan(DateTime cutoff, int maxRows);

    string? GetSetting(string key);

    void SetSetting(string key, string value);

    /// <summary>
    /// A second handle on the same workspace for work beside the importer's commits (the retention loop while
    /// following), so that neither waits for the other longer than one short transaction. Dispose it before the store.
    /// </summary>
    /// <exception cref="WorkspaceException">The workspace was opened read-only.</exception>
    IWorkspaceStore OpenCompanion();
}
