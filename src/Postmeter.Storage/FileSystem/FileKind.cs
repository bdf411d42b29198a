namespace Postmeter.Storage.FileSystem;

/// <summary>What a path or descriptor is, from the type bits of its mode (<c>S_IFMT</c>).</summary>
public enum FileKind
{
    Missing,

    /// <summary>Something may be there, but this user may not look (a directory on the way cannot be entered).</summary>
    Inaccessible,

    Regular,
    Directory,
    SymbolicLink,
    Socket,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Unknown,
}
