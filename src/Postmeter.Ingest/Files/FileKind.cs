namespace Postmeter.Ingest.Files;

/// <summary>What a path or descriptor is, from the type bits of its mode (<c>S_IFMT</c>).</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    Socket,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Unknown,
}
