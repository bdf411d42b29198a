using System.IO.Compression;
using System.Text.Json;

namespace Postmeter.Server.Tests.Cli;

public sealed class MessagesCommandTests
{
    private static readonly string[] MessageFields =
    [
        "type", "host", "queue_id", "message_id", "sender", "received_at", "client_ip", "sasl_username", "size", "direction",
        "returned_to_sender", "hops", "recipients", "complete", "notification_of",
    ];

    private static readonly string[] RecipientFields = ["address", "orig_address", "status", "dsn", "relay", "attempts", "last_attempt_at", "response"];

    private static readonly string[] RejectFields = ["type", "time", "host", "queue_id", "source", "stage", "client_ip", "sender", "recipient", "code", "dsn", "reason"];

    [Fact]
    public void Every_line_is_a_message_or_reject_object_with_the_documented_fields()
    {
        var result = CliRunner.Run(["messages", FixturePaths.Seed42, "--timezone", "UTC"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
        var messages = 0;
        var rejects = 0;
        foreach (var line in result.Lines)
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var names = root.EnumerateObject().Select(p => p.Name).ToArray();
            if (root.GetProperty("type").GetString() == "message")
            {
                messages++;
                Assert.Equal(MessageFields, names);
                foreach (var recipient in root.GetProperty("recipients").EnumerateArray())
                {
                    Assert.Equal(RecipientFields, recipient.EnumerateObject().Select(p => p.Name).ToArray());
                    Assert.Contains(recipient.GetProperty("status").GetString(), new[] { "sent", "bounced", "deferred", "expired", "discarded" });
                }
            }
            else
            {
                rejects++;
                Assert.Equal(RejectFields, names);
            }
        }

        // seed42: 24 NOQUEUE, 5 queue-id and 4 cleanup rejects; hundreds of messages.
        Assert.Equal(33, rejects);
        Assert.InRange(messages, 200, 400);
    }

    [Fact]
    public void Times_are_iso_8601_utc_and_message_ids_have_no_brackets()
    {
        var result = CliRunner.Run(["messages", FixturePaths.Seed42, "--timezone", "UTC", "--log-starting-year", "2026"]);

        using var doc = JsonDocument.Parse(result.Lines.First(l => l.Contains("\"38641F01B0\"", StringComparison.Ordinal)));
        var m = doc.RootElement;
        Assert.Equal("2026-11-21T22:29:56Z", m.GetProperty("received_at").GetString());
        Assert.Equal("20261121222956.2.f794f51f63@mail.example.net", m.GetProperty("message_id").GetString());
        Assert.Equal("outbound", m.GetProperty("direction").GetString());
        var recipient = Assert.Single(m.GetProperty("recipients").EnumerateArray());
        Assert.Equal("olga.mueller@gmail.com", recipient.GetProperty("address").GetString());
        Assert.Equal("sent", recipient.GetProperty("status").GetString());
        Assert.Equal("gmail-smtp-in.l.google.com[127.0.0.10]:25", recipient.GetProperty("relay").GetString());
    }

    [Fact]
    public void Gzip_file_standard_input_and_plain_file_give_identical_output()
    {
        var plain = CliRunner.Run(["messages", FixturePaths.Seed42, "--timezone", "UTC", "--log-starting-year", "2026"]);
        var gz = Path.Combine(Path.GetTempPath(), $"postmeter-{Guid.NewGuid():N}.log.gz");
        try
        {
            using (var file = File.Create(gz))
            using (var zip = new GZipStream(file, CompressionLevel.Fastest))
            {
                zip.Write(File.ReadAllBytes(FixturePaths.Seed42));
            }

            var compressed = CliRunner.Run(["messages", gz, "--timezone", "UTC", "--log-starting-year", "2026"]);
            var stdin = CliRunner.Run(["messages", "-", "--timezone", "UTC", "--log-starting-year", "2026"], File.ReadAllBytes(FixturePaths.Seed42));

            Assert.Equal(0, compressed.ExitCode);
            Assert.Equal(plain.Output, compressed.Output);
            Assert.Equal(plain.Output, stdin.Output);
        }
        finally
        {
            File.Delete(gz);
        }
    }

    [Fact]
    public void Rfc3339_copy_of_a_log_gives_the_same_messages_as_the_traditional_log()
    {
        var traditional = CliRunner.Run(["messages", FixturePaths.LongQueueIds, "--timezone", "UTC", "--log-starting-year", "2026"]);
        var rfc3339 = CliRunner.Run(["messages", FixturePaths.LongQueueIdsRfc3339, "--log-format", "rfc3339"]);

        Assert.Equal(0, rfc3339.ExitCode);
        Assert.Equal(Normalize(traditional.Lines), Normalize(rfc3339.Lines));
    }

    /// <summary>rsyslog's copy carries microseconds that the traditional stamp lacks; compare to the second.</summary>
    private static string[] Normalize(string[] lines) =>
        [.. lines.Select(l => System.Text.RegularExpressions.Regex.Replace(l, @"(\d\d:\d\d:\d\d)\.\d+Z", "$1Z"))];
}
