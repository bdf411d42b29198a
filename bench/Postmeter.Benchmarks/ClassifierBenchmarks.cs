using System.Text;
using BenchmarkDotNet.Attributes;
using Postmeter.Core.Classification;
using Postmeter.Core.Parsing;

namespace Postmeter.Benchmarks;

/// <summary>
/// Failure classification of one reply, uncached: what every bounce and deferral whose reply text has not been seen
/// before costs. On a real server many replies are unique (they carry queue ids, timestamps, tracking ids), so this
/// is paid far more often than on the repeated fixture. The replies are the fixture's own failed deliveries.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class ClassifierBenchmarks
{
    /// <summary>Replies classified per invocation (cycling through the fixture's), so Mean is per reply.</summary>
    public const int RepliesPerInvoke = 1000;

    private (string? Dsn, string Text)[] _replies = [];

    [GlobalSetup]
    public void Setup()
    {
        var fixture = Fixture.Load();
        var envelopes = ParsingBenchmarks.NewEnvelopeParser(LogFormat.Default);
        var replies = new List<(string?, string)>();
        for (var i = 0; i < fixture.Count; i++)
        {
            if (envelopes.TryParse(fixture.Line(i), out var envelope))
            {
                var e = PostfixParser.Parse(envelope.Daemon, envelope.Text);
                if (e.Kind == PostfixEventKind.Delivery && e.Status is DeliveryStatus.Bounced or DeliveryStatus.Deferred or DeliveryStatus.SoftBounce)
                {
                    replies.Add((e.Dsn.IsEmpty ? null : Encoding.UTF8.GetString(e.Dsn), Encoding.UTF8.GetString(e.Text)));
                }
            }
        }

        _replies = replies.Count > 0
            ? [.. replies]
            : throw new InvalidDataException($"{fixture.Path} has no bounced or deferred deliveries to classify.");
    }

    [Benchmark(OperationsPerInvoke = RepliesPerInvoke)]
    public int Classify()
    {
        var classifier = FailureClassifier.Default;
        var providers = 0;
        for (var i = 0; i < RepliesPerInvoke; i++)
        {
            var (dsn, text) = _replies[i % _replies.Length];
            providers += classifier.Classify(dsn, text).Provider is null ? 0 : 1;
        }

        return providers;
    }
}
