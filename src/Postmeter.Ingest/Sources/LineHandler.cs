namespace Postmeter.Ingest.Sources;

/// <summary>
/// Receives one line, without its line terminator. The span points into a reused buffer: it is valid only during
/// the call, so copy what must be kept.
/// </summary>
public delegate void LineHandler(ReadOnlySpan<byte> line);
