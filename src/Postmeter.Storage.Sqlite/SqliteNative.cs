using System.Runtime.InteropServices;

namespace Postmeter.Storage.Sqlite;

/// <summary>
/// Direct calls into the SQLite library SQLitePCLRaw has loaded (<c>e_sqlite3</c>), for the writer's binds and steps:
/// no SafeHandle reference counting per call, and binds (which only copy a value) without a GC transition. Profiling a
/// commit showed SQLitePCLRaw's marshalling at about a tenth of the writer thread's time.
/// </summary>
internal static class SqliteNative
{
    private const string Library = "e_sqlite3";

    /// <summary>SQLITE_TRANSIENT: SQLite copies the value before the bind returns.</summary>
    private static readonly IntPtr Transient = new(-1);

    public static int BindText(IntPtr statement, int index, ReadOnlySpan<byte> utf8) =>
        BindText(statement, index, ref MemoryMarshal.GetReference(utf8), utf8.Length, Transient);

    public static int BindBlob(IntPtr statement, int index, ReadOnlySpan<byte> value) =>
        BindBlob(statement, index, ref MemoryMarshal.GetReference(value), value.Length, Transient);

    [DllImport(Library, EntryPoint = "sqlite3_bind_int64")]
    [SuppressGCTransition]
    public static extern int BindInteger(IntPtr statement, int index, long value);

    [DllImport(Library, EntryPoint = "sqlite3_bind_double")]
    [SuppressGCTransition]
    public static extern int BindReal(IntPtr statement, int index, double value);

    [DllImport(Library, EntryPoint = "sqlite3_bind_null")]
    [SuppressGCTransition]
    public static extern int BindNull(IntPtr statement, int index);

    [DllImport(Library, EntryPoint = "sqlite3_step")]
    public static extern int Step(IntPtr statement);

    [DllImport(Library, EntryPoint = "sqlite3_reset")]
    public static extern int Reset(IntPtr statement);

    [DllImport(Library, EntryPoint = "sqlite3_bind_text")]
    [SuppressGCTransition]
    private static extern int BindText(IntPtr statement, int index, ref byte text, int length, IntPtr destructor);

    [DllImport(Library, EntryPoint = "sqlite3_bind_blob")]
    [SuppressGCTransition]
    private static extern int BindBlob(IntPtr statement, int index, ref byte value, int length, IntPtr destructor);
}
