using System.Runtime.InteropServices;

namespace Postmeter.Storage.FileSystem;

/// <summary>
/// A file's kind and identity (device and inode) as the kernel reports them, which .NET's file APIs do not tell: a
/// socket from a regular file, a link itself from its target, what standard input is. Read with Linux's
/// <c>statx</c>, whose layout is the same on every architecture.
/// </summary>
public readonly record struct FileStatus(FileKind Kind, ulong Device, ulong Inode)
{
    private const int AtCurrentDirectory = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxType = 0x1;
    private const uint StatxInode = 0x100;
    private const int StatxSize = 256;
    private const int NoSuchFile = 2;
    private const int NotADirectory = 20;
    private const int PermissionDenied = 13;

    /// <summary>The status of <paramref name="path"/> itself (a link is not followed); <see cref="FileKind.Missing"/> when nothing is there.</summary>
    /// <returns>Null where the system cannot tell (not Linux, or the path cannot be looked at).</returns>
    public static FileStatus? OfPath(string path, bool followLinks = false) =>
        Query(AtCurrentDirectory, path, followLinks ? 0 : AtSymlinkNoFollow);

    /// <summary>The status of an open descriptor (0 for standard input).</summary>
    public static FileStatus? OfDescriptor(int descriptor) => Query(descriptor, string.Empty, AtEmptyPath);

    private static FileStatus? Query(int directory, string path, int flags)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var buffer = new byte[StatxSize];
        int result;
        try
        {
            result = Statx(directory, path, flags, StatxType | StatxInode, buffer);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }

        if (result != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            return error switch
            {
                NoSuchFile or NotADirectory => new FileStatus(FileKind.Missing, 0, 0),
                PermissionDenied => new FileStatus(FileKind.Inaccessible, 0, 0),
                _ => null,
            };
        }

        // struct statx: stx_mode is a u16 at byte 28, stx_ino a u64 at 32, stx_dev_major/minor u32 at 136 and 140.
        var mode = BitConverter.ToUInt16(buffer, 28);
        var inode = BitConverter.ToUInt64(buffer, 32);
        var device = ((ulong)BitConverter.ToUInt32(buffer, 136) << 32) | BitConverter.ToUInt32(buffer, 140);
        return new FileStatus(KindOf(mode), device, inode);
    }

    private static FileKind KindOf(ushort mode) => (mode & 0xF000) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        0xA000 => FileKind.SymbolicLink,
        0xC000 => FileKind.Socket,
        0x1000 => FileKind.Fifo,
        0x2000 => FileKind.CharacterDevice,
        0x6000 => FileKind.BlockDevice,
        _ => FileKind.Unknown,
    };

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(
        int directory, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, [Out] byte[] buffer);
}
