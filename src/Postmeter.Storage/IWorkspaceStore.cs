namespace Postmeter.Storage;

/// <summary>
/// A workspace: what Postmeter keeps about the mail, in one store with three roles — the importer writes
/// (<see cref="IImportWriter"/>), readers query (<see cref="IWorkspaceReader"/>), housekeeping runs beside them
/// (<see cref="IWorkspaceMaintenance"/>). Callers take the role they need. Implementations: SQLite (the embedded
/// default), PostgreSQL later.
/// </summary>
public interface IWorkspaceStore : IImportWriter, IWorkspaceReader, IWorkspaceMaintenance, Dashboard.IDashboardQueries, Detective.IDetectiveQueries, IDisposable
{
    /// <summary>Where the data lives, for messages (a file path, a server name).</summary>
    string Location { get; }
}
