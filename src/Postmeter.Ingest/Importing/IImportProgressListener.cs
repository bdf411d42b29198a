namespace Postmeter.Ingest.Importing;

/// <summary>Receives <see cref="ImportProgress"/> every few thousand lines, on the reading thread; keep it cheap.</summary>
public interface IImportProgressListener
{
    void Report(ImportProgress progress);
}
