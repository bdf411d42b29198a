using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Postmeter.Core.Parsing;
using Postmeter.Core.Processing;
using Postmeter.Core.Tests.Support;
using Postmeter.Core.Tracking;

namespace Postmeter.Core.Tests.Parsing;

/// <summary>
/// Feeds mutations of every real line of the realpostfix-seed42 run, in all four line formats, through the whole engine
/// (<see cref="EnvelopeParser"/>, <see cref="PostfixParser"/>, <see cref="MessageTracker"/>) and checks that nothing
/// throws and the tracker still finishes. Fixed seed: a failure is reproducible and its input is printed.
/// </summary>
public sealed class FuzzTests
{
    private const int Seed = 20261121;
    private const int MutantsPerLine = 29;
    private const int TruncatedSampleLines = 40;

    private static readonly DateTime Reference = new(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc);

    private static readonly JsonSerializerOptions RelaxedJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly byte[] Separators = ":[]<>,;=/() "u8.ToArray();

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xC3], [0xFF], [0xFE], [0x80], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xF0, 0x9F, 0x98],
        [0xC3, 0x28], [0xE2, 0x28, 0xA1], [0xF8, 0x88, 0x80, 0x80, 0x80],
    ];

    private static readonly string[] Daemons =
        ["smtpd", "cleanup", "qmgr", "bounce", "pickup", "postscreen", "dnsblog", "master", "postsuper", "anvil", "smtp", "local", "lmtp", "error", "discard"];

    /// <summary>
    /// One run per line format, each well over 70 000 lines (over 200 000 for any three formats together). The known
    /// <c>lost connection after from</c> crash is left to its own test in <see cref="ParserRobustnessTests"/>.
    /// </summary>
    [Theory]
    [InlineData(LogFormat.Default)]
    [InlineData(LogFormat.Rfc3339)]
    [InlineData(LogFormat.PrependRfc3339)]
    [InlineData(LogFormat.Logstash)]
    public void Mutated_real_lines_never_throw_and_the_tracker_still_completes(LogFormat format)
    {
        var traditional = File.ReadAllLines(FixturePaths.Fixture("realpostfix-seed42", "maillog"));
        var rfc3339 = File.ReadAllLines(FixturePaths.Fixture("realpostfix-seed42", "maillog.rfc3339"));
        Assert.Equal(traditional.Length, rfc3339.Length);
        Assert.True(traditional.Length > 2000);

        var rng = new Random(Seed + (int)format);
        var clock = Stopwatch.StartNew();
        var originals = traditional.Select((line, i) => Wrap(format, line, rfc3339[i])).ToArray();
        var inputs = new List<(byte[] Line, string How)>();

        // Mutants of each line, then the line itself: the tracker follows the real messages through the noise.
        for (var i = 0; i < originals.Length; i++)
        {
            for (var k = 0; k < MutantsPerLine; k++)
            {
                inputs.Add(Mutate(rng, originals[i], originals));
            }

            inputs.Add((originals[i], "original"));
        }

        for (var s = 0; s < TruncatedSampleLines; s++)
        {
            var line = originals[rng.Next(originals.Length)];
            for (var length = 0; length <= line.Length; length++)
            {
                inputs.Add((line[..length], "truncated at " + length));
            }
        }

        inputs.AddRange(Pathological(originals[rng.Next(originals.Length)]));

        var failures = new Dictionary<string, (int Count, string Example)>();
        var sequential = new CollectingSink();
        var tracker = new MessageTracker(sequential);
        var stats = new LineStatistics();
        var processor = new LogProcessor(tracker, stats);
        var envelopes = new EnvelopeParser(format, new YearlessClock(TimeZoneInfo.Utc, null, Reference));
        foreach (var (line, how) in inputs)
        {
            try
            {
                processor.ProcessLine(envelopes, line);
            }
            catch (Exception ex)
            {
                Record(failures, ex, how, line);
            }
        }

        try
        {
            processor.Complete();
        }
        catch (Exception ex)
        {
            Record(failures, ex, "Complete", []);
        }

        Assert.True(failures.Count == 0, $"{failures.Values.Sum(f => f.Count)} of {inputs.Count} lines threw, at {failures.Count} places:\n"
            + string.Join("\n\n", failures.Select(f => $"{f.Key} ({f.Value.Count}×)\n{f.Value.Example}")));
        Assert.True(inputs.Count >= 70_000, $"only {inputs.Count} lines fed");
        Assert.Equal(0, tracker.InFlight);
        Assert.True(sequential.Messages.Count > 100, $"only {sequential.Messages.Count} messages emitted");
        Assert.All(sequential.Messages, m => Assert.NotNull(m.CompletedAt));
        Assert.True(stats.Lines > originals.Length, $"only {stats.Lines} lines counted");

        // The two-thread processor must conclude exactly the same from the same noisy input.
        var pipelined = new CollectingSink();
        var pipelinedStats = new LineStatistics();
        using (var pipeline = new PipelinedLogProcessor(new MessageTracker(pipelined), pipelinedStats))
        {
            var pipelinedEnvelopes = new EnvelopeParser(format, new YearlessClock(TimeZoneInfo.Utc, null, Reference));
            foreach (var (line, _) in inputs)
            {
                pipeline.ProcessLine(pipelinedEnvelopes, line);
            }

            pipeline.Complete();
        }

        Assert.Equal(stats.Lines, pipelinedStats.Lines);
        Assert.Equal(stats.Malformed, pipelinedStats.Malformed);
        Assert.Equal(sequential.Messages.Select(Summary), pipelined.Messages.Select(Summary));
        Assert.Equal(sequential.Rejects, pipelined.Rejects);
        Assert.Equal(sequential.AuthFailures, pipelined.AuthFailures);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"fuzzing took {clock.Elapsed}");
    }

    private static string Summary(TrackedMessage m) =>
        $"{m.Host}/{m.Instance}/{m.QueueId} {m.Completion} {m.CompletedAt:o} {m.ReceivedAt:o} {m.Origin} <{m.MessageId}> {m.Sender} "
        + $"{m.ClientIp} {m.SaslUsername} {m.Size} {m.NotificationOf} {m.ReturnedToSender} {m.ExpiredAt:o} hops={string.Join(',', m.Hops)} "
        + string.Join(" | ", m.Recipients.Select(r => $"{r.Address}<{r.OrigAddress}> {r.Fate} {r.FateAt:o} {r.HopQueueId} "
            + string.Join(";", r.Attempts.Select(a => $"{a.Time:o} {a.Status} {a.Daemon} {a.Relay} {a.Dsn} {a.Response} {a.Tls}"))));

    [Fact]
    public void Mutated_message_texts_never_throw_in_any_daemon_parser()
    {
        var texts = File.ReadAllLines(FixturePaths.Fixture("realpostfix-seed42", "maillog"))
            .Select(l => l.IndexOf("]: ", StringComparison.Ordinal) is var at and > 0 ? l[(at + 3)..] : l)
            .Select(Encoding.UTF8.GetBytes)
            .ToArray();
        var rng = new Random(Seed + 1);
        var failures = new Dictionary<string, (int Count, string Example)>();
        var calls = 0;

        foreach (var text in texts)
        {
            for (var k = 0; k < 4; k++)
            {
                var (mutant, how) = Mutate(rng, text, texts);
                foreach (var daemon in Daemons)
                {
                    calls++;
                    try
                    {
                        _ = PostfixParser.Parse(Encoding.ASCII.GetBytes(daemon), mutant).Kind;
                    }
                    catch (Exception ex)
                    {
                        Record(failures, ex, $"{daemon}/{how}", mutant);
                    }
                }
            }
        }

        Assert.True(calls > 100_000, $"only {calls} calls");
        Assert.True(failures.Count == 0, $"{failures.Values.Sum(f => f.Count)} of {calls} parses threw, at {failures.Count} places:\n"
            + string.Join("\n\n", failures.Select(f => $"{f.Key} ({f.Value.Count}×)\n{f.Value.Example}")));
    }

    private static byte[] Wrap(LogFormat format, string traditional, string rfc3339)
    {
        var stamp = rfc3339[..rfc3339.IndexOf(' ', StringComparison.Ordinal)];
        return format switch
        {
            LogFormat.Default => Encoding.UTF8.GetBytes(traditional),
            LogFormat.Rfc3339 => Encoding.UTF8.GetBytes(rfc3339),
            LogFormat.PrependRfc3339 => Encoding.UTF8.GetBytes(stamp + " " + traditional),
            _ => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["@timestamp"] = stamp, ["message"] = traditional }, RelaxedJson),
        };
    }

    private static (byte[] Line, string How) Mutate(Random rng, byte[] line, byte[][] others)
    {
        var b = new List<byte>(line);
        var how = rng.Next(12);
        switch (how)
        {
            case 0:
                for (var n = rng.Next(1, 4); n > 0 && b.Count > 0; n--)
                {
                    b[rng.Next(b.Count)] ^= (byte)(1 << rng.Next(8));
                }

                return (b.ToArray(), "bit flips");
            case 1:
                for (var n = rng.Next(1, 4); n > 0 && b.Count > 0; n--)
                {
                    b[rng.Next(b.Count)] = (byte)rng.Next(256);
                }

                return (b.ToArray(), "byte replacements");
            case 2:
                return (line[..rng.Next(line.Length + 1)], "truncation");
            case 3:
                var junk = new byte[rng.Next(1, 24)];
                rng.NextBytes(junk);
                b.InsertRange(rng.Next(b.Count + 1), junk);
                return (b.ToArray(), "junk insertion");
            case 4:
                for (var n = rng.Next(1, 4); n > 0; n--)
                {
                    b.InsertRange(rng.Next(b.Count + 1), InvalidUtf8[rng.Next(InvalidUtf8.Length)]);
                }

                return (b.ToArray(), "invalid UTF-8");
            case 5:
                for (var n = rng.Next(1, 4); n > 0; n--)
                {
                    var at = rng.Next(b.Count + 1);
                    if (rng.Next(2) == 0 || at == b.Count)
                    {
                        b.Insert(at, 0);
                    }
                    else
                    {
                        b[at] = 0;
                    }
                }

                return (b.ToArray(), "NUL bytes");
            case 6:
                var separator = Separators[rng.Next(Separators.Length)];
                var positions = Enumerable.Range(0, b.Count).Where(i => b[i] == separator).ToList();
                var where = positions.Count > 0 ? positions[rng.Next(positions.Count)] : rng.Next(b.Count + 1);
                b.InsertRange(where, Enumerable.Repeat(separator, rng.Next(1, 40)));
                return (b.ToArray(), "repeated separator");
            case 7:
                if (b.Count > 1)
                {
                    var start = rng.Next(b.Count);
                    b.RemoveRange(start, rng.Next(1, Math.Min(40, b.Count - start) + 1));
                }

                return (b.ToArray(), "deleted range");
            case 8:
                var other = others[rng.Next(others.Length)];
                var cut = rng.Next(line.Length + 1);
                var otherCut = rng.Next(other.Length + 1);
                return ([.. line[..cut], .. other[otherCut..]], "splice with another line");
            case 9:
                if (b.Count > 2)
                {
                    var from = rng.Next(b.Count);
                    var length = rng.Next(1, Math.Min(60, b.Count - from) + 1);
                    var copy = b.GetRange(from, length);
                    b.InsertRange(rng.Next(b.Count + 1), copy);
                }

                return (b.ToArray(), "duplicated range");
            case 10:
                var words = new[] { "NOQUEUE", "99999999999999999999", "-1", "", "<", ">", "[", "]", "::", "=", "from=<", "to=<", "status=", "relay=", ", ", "; from=<", ": ", "0000000000000000000000000" };
                var text = Encoding.UTF8.GetString(line);
                var tokens = text.Split(' ');
                tokens[rng.Next(tokens.Length)] = words[rng.Next(words.Length)];
                return (Encoding.UTF8.GetBytes(string.Join(' ', tokens)), "token replaced");
            default:
                var bytes = new byte[rng.Next(0, 200)];
                var alphabet = "[<:>], =;/()ABCDEF0123456789 "u8;
                for (var i = 0; i < bytes.Length; i++)
                {
                    bytes[i] = alphabet[rng.Next(alphabet.Length)];
                }

                var keep = rng.Next(line.Length + 1);
                return ([.. line[..keep], .. bytes], "separator soup tail");
        }
    }

    private static IEnumerable<(byte[] Line, string How)> Pathological(byte[] sample)
    {
        const string header = "Nov 21 22:29:56 mail postfix/smtpd[28387]: ";
        var huge = new string('A', 100 * 1024);
        yield return (sample.Concat(Encoding.ASCII.GetBytes(huge)).ToArray(), "100 KB tail");
        yield return (Encoding.ASCII.GetBytes(huge), "100 KB of one letter");
        yield return (Encoding.ASCII.GetBytes($"{header}38641F01B0: client=localhost[127.0.0.1], sasl_method=PLAIN, sasl_username={huge}"), "100 KB username");
        yield return (Encoding.ASCII.GetBytes($"Nov 21 22:29:56 mail postfix/cleanup[28390]: 38641F01B0: message-id=<{huge}>"), "100 KB message-id");
        yield return (Encoding.ASCII.GetBytes($"Nov 21 22:29:56 mail postfix/smtp[28391]: 38641F01B0: to=<{huge}@example.com>, relay=none, delay=0, delays=0/0/0/0, dsn=4.4.1, status=deferred ({huge})"), "100 KB recipient and reason");
        yield return (Encoding.ASCII.GetBytes($"Nov 21 22:29:56 {huge} postfix/smtpd[28387]: connect from x[1.2.3.4]"), "100 KB host");
        yield return (Encoding.ASCII.GetBytes("{\"@timestamp\":\"2026-11-21T22:29:56Z\",\"message\":\"" + header + huge + "\"}"), "100 KB JSON message");
        yield return (Encoding.ASCII.GetBytes(new string('{', 100_000)), "100 KB of JSON openers");
        yield return (Encoding.ASCII.GetBytes(new string('[', 5000) + new string(']', 5000)), "nested JSON arrays");

        foreach (var c in "[<:]>,;= \0")
        {
            foreach (var n in new[] { 1, 2, 3, 15, 16, 31, 32, 33, 200, 5000 })
            {
                var run = new string(c, n);
                yield return (Encoding.ASCII.GetBytes(run), $"{n}×'{c}'");
                yield return (Encoding.ASCII.GetBytes(header + run), $"header + {n}×'{c}'");
                yield return (Encoding.ASCII.GetBytes(header + "38641F01B0: " + run), $"header + queue id + {n}×'{c}'");
                yield return (Encoding.ASCII.GetBytes("2026-11-21T22:29:56Z mail postfix/qmgr[1]: " + run), $"rfc3339 header + {n}×'{c}'");
            }
        }

        var mixed = new StringBuilder();
        for (var i = 0; i < 3000; i++)
        {
            mixed.Append("[<:"[i % 3]);
        }

        yield return (Encoding.ASCII.GetBytes(mixed.ToString()), "[<: repeated");
        yield return (Encoding.ASCII.GetBytes(header + mixed), "header + [<: repeated");

        foreach (var daemon in Daemons)
        {
            foreach (var text in new[] { "", ":", ": ", "38641F01B0:", "38641F01B0: ", "NOQUEUE: ", "NOQUEUE: reject: ", "warning: ", "warning: [", "38641F01B0: to=<", "38641F01B0: to=<>, ", "38641F01B0: from=<", "38641F01B0: reject: RCPT from ", "38641F01B0: reject: header  from ; from=<", "lost connection after ", "lost connection after RCPT", "timeout after  from x[1]", "connect from ", "disconnect from ", "statistics: ", "CONNECT from [", "38641F01B0: sender non-delivery notification: ", "38641F01B0: uid=0 from=<" })
            {
                yield return (Encoding.ASCII.GetBytes($"Nov 21 22:29:56 mail postfix/{daemon}[1]: {text}"), $"{daemon} stub '{text}'");
            }
        }
    }

    private static void Record(Dictionary<string, (int Count, string Example)> failures, Exception ex, string how, byte[] line)
    {
        var frame = new StackTrace(ex, true).GetFrames()
            .FirstOrDefault(f => f.GetMethod()?.DeclaringType?.Namespace?.StartsWith("Postmeter.Core", StringComparison.Ordinal) == true
                && f.GetMethod()?.DeclaringType?.Namespace?.StartsWith("Postmeter.Core.Tests", StringComparison.Ordinal) != true);
        var site = $"{ex.GetType().Name} at {frame?.GetMethod()?.DeclaringType?.Name}.{frame?.GetMethod()?.Name}:{frame?.GetFileLineNumber()}";
        if (failures.TryGetValue(site, out var known))
        {
            failures[site] = (known.Count + 1, known.Example);
            return;
        }

        failures[site] = (1, $"{how}: {Printable(line)}\n{ex.Message}");
    }

    private static string Printable(byte[] line)
    {
        var sb = new StringBuilder();
        foreach (var b in line.Take(400))
        {
            sb.Append(b is >= 0x20 and < 0x7F && b != '\\' ? ((char)b).ToString() : $"\\x{b:X2}");
        }

        return line.Length > 400 ? sb + $"… ({line.Length} bytes)" : sb.ToString();
    }
}
