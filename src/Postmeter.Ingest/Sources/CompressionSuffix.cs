namespace Postmeter.Ingest.Sources;

/// <summary>The compression a rotated file's name claims (<c>.gz</c>, <c>.bz2</c>).</summary>
internal enum CompressionSuffix
{
    None,
    Gzip,
    BZip2,
}
