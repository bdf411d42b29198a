using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;

namespace Postmeter.Storage.Sqlite;

/// <summary>
/// One numbered, forward-only schema script (<c>Migrations/NNNN_name.sql</c>, embedded in the assembly), and what the
/// program does after it in the same transaction when SQL alone cannot fill what it creates.
/// </summary>
internal sealed record Migration(int Version, string Name, string Sql, Action<SqliteConnection, SqliteTransaction>? Then = null);

/// <summary>The schema scripts shipped with this version, in order; version N is the N-th script.</summary>
internal static class SchemaMigrations
{
    private const string Prefix = "Postmeter.Storage.Migrations.";

    /// <summary>Steps in code after a script, so that what it fills is computed by the same code an import writes it with.</summary>
    private static readonly Dictionary<int, Action<SqliteConnection, SqliteTransaction>> Then = new()
    {
        [5] = RollupRebuild.Run,
        [6] = DetectiveLookupFill.Run,
    };

    public static IReadOnlyList<Migration> All { get; } = Load();

    /// <summary>The schema version this program writes and understands.</summary>
    public static int Latest => All[^1].Version;

    private static List<Migration> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(Prefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var name = resource[Prefix.Length..^4];
            var underscore = name.IndexOf('_', StringComparison.Ordinal);
            if (underscore != 4 || !int.TryParse(name.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Migration script {name}.sql is not named NNNN_description.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(version, name, reader.ReadToEnd(), Then.GetValueOrDefault(version)));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Migration scripts must be numbered 1, 2, 3… without gaps; found {migrations[i].Name}.sql as script {i + 1}.");
            }
        }

        return migrations.Count > 0 ? migrations : throw new InvalidOperationException("No migration scripts are embedded in Postmeter.Storage.");
    }
}
