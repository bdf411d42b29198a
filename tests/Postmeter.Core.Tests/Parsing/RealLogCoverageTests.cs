using System.Text;
using Postmeter.Core.Parsing;
using Postmeter.Core.Tests.Support;

namespace Postmeter.Core.Tests.Parsing;

/// <summary>Every line of the real Postfix runs is read, and only the two kinds Postmeter has no use for stay unsupported.</summary>
public sealed class RealLogCoverageTests
{
    public static TheoryData<string> Logs()
    {
        var data = new TheoryData<string>();
        foreach (var path in new[]
        {
            FixturePaths.Fixture("realpostfix-seed42", "maillog"),
            FixturePaths.Fixture("realpostfix-longqid", "maillog"),
            FixturePaths.Fixture("realpostfix-seed11", "maillog"),
            FixturePaths.Fixture("realpostfix-filter", "maillog"),
        })
        {
            if (File.Exists(path))
            {
                data.Add(path);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Logs))]
    public void Every_real_line_is_read_and_only_smtp_connect_errors_and_shutdown_waits_are_unsupported(string path)
    {
        var parser = new EnvelopeParser(LogFormat.Default, new YearlessClock(TimeZoneInfo.Utc, 2026, Track.Reference));
        var unexpected = new List<string>();
        var kinds = new HashSet<PostfixEventKind>();
        var lines = 0;
        foreach (var line in File.ReadLines(path))
        {
            lines++;
            var p = ParsedLine.TryOf(parser, Encoding.UTF8.GetBytes(line));
            if (p is null)
            {
                unexpected.Add("malformed: " + line);
                continue;
            }

            kinds.Add(p.Kind);
            var expectedUnsupported = (p.Daemon == "smtp" && p.Text.StartsWith("connect to ", StringComparison.Ordinal))
                || (p.Daemon == "postfix-script" && p.Text.StartsWith("waiting for", StringComparison.Ordinal));
            if ((p.Kind == PostfixEventKind.Unsupported) != expectedUnsupported)
            {
                unexpected.Add($"{p.Kind}: {line}");
            }
        }

        Assert.True(lines > 500);
        Assert.True(unexpected.Count == 0, string.Join('\n', unexpected.Take(20)));
        Assert.Superset(new HashSet<PostfixEventKind>
        {
            PostfixEventKind.SmtpdConnect, PostfixEventKind.SmtpdDisconnect, PostfixEventKind.SmtpdClient, PostfixEventKind.MessageId,
            PostfixEventKind.QueueActive, PostfixEventKind.Delivery, PostfixEventKind.Removed, PostfixEventKind.Notification,
            PostfixEventKind.Reject, PostfixEventKind.Lifecycle,
        }, kinds);
    }

    [Fact]
    public void Lightmeter_sample_logs_only_have_wrapped_continuation_lines_without_an_envelope()
    {
        var malformed = new List<string>();
        var files = Directory.GetFiles(FixturePaths.Fixture("lightmeter", "individual_files"), "*.log");
        foreach (var file in files)
        {
            var format = File.ReadLines(file).FirstOrDefault()?.StartsWith("20", StringComparison.Ordinal) == true ? LogFormat.Rfc3339 : LogFormat.Default;
            var parser = new EnvelopeParser(format, new YearlessClock(TimeZoneInfo.Utc, 2021, Track.Reference));
            foreach (var line in File.ReadLines(file))
            {
                if (line.Length > 0 && ParsedLine.TryOf(parser, Encoding.UTF8.GetBytes(line)) is null)
                {
                    malformed.Add($"{Path.GetFileName(file)}: {line}");
                }
            }
        }

        Assert.True(files.Length > 30);
        Assert.Equal(["18_expired.log: ir/)"], malformed);
    }
}
