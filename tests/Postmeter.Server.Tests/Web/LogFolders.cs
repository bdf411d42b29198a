namespace Postmeter.Server.Tests.Web;

/// <summary>A log folder for a server to follow, inside a test's temporary folder (made once, then reused).</summary>
internal static class LogFolders
{
    /// <summary><c>logs/mail.log</c> holding the seed-42 realpostfix run.</summary>
    public static string WithRealLog(TempFolder temp) => Make(temp, "logs", () => File.ReadAllBytes(FixturePaths.Seed42));

    /// <summary><c>runs/mail.log</c>: the realpostfix runs one after the other (seed 42, long queue ids, seed 11, filter), over two days.</summary>
    public static string WithAllRealRuns(TempFolder temp) => Make(temp, "runs", () =>
        [.. new[] { FixturePaths.Seed42, FixturePaths.LongQueueIds, FixturePaths.Seed11, FixturePaths.Filter }.SelectMany(File.ReadAllBytes)]);

    /// <summary><c>nowait/mail.log</c>: a realpostfix run stopped with mail still deferred in the queue.</summary>
    public static string WithQueuedMail(TempFolder temp) => Make(temp, "nowait", () => File.ReadAllBytes(FixturePaths.NoWait));

    /// <summary><c>quiet/mail.log</c>, empty: for tests about the server, not the mail.</summary>
    public static string Empty(TempFolder temp) => Make(temp, "quiet", () => []);

    private static string Make(TempFolder temp, string name, Func<byte[]> content)
    {
        var logs = temp.Path(name);
        if (!Directory.Exists(logs))
        {
            Directory.CreateDirectory(logs);
            File.WriteAllBytes(Path.Combine(logs, "mail.log"), content());
        }

        return logs;
    }
}
