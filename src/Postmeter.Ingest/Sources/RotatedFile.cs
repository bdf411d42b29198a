namespace Postmeter.Ingest.Sources;

/// <summary>A file found in a log directory that belongs to a pattern's rotation set.</summary>
internal sealed record RotatedFile(string Path, string FileName, RotatedFileName Rotation, DateTime LastWriteUtc);
