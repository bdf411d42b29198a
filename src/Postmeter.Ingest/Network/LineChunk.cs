namespace Postmeter.Ingest.Network;

/// <summary>Whole log lines from one client (each ending in <c>\n</c>), received together.</summary>
public sealed record LineChunk(string Client, byte[] Lines);
