namespace Postmeter.Storage;

/// <summary>
/// How far one source has been read. <see cref="Key"/> is stable for the life of the source (chosen by the importer
/// when it first sees it); the prefix fields let the importer recognise the same content under another name
/// (a rotated or compressed file).
/// </summary>
public sealed record SourceCheckpoint(
    string Key,
    string Name,
    byte[] PrefixHash,
    int PrefixLength,
    long Offset,
    long Lines,
    int ClockYear,
    int ClockLastDayKey,
    DateTime UpdatedAt);
