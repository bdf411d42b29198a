using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Postmeter.Core.Parsing;

namespace Postmeter.Core.Tracking;

/// <summary>
/// Everything a <see cref="MessageTracker"/> holds between lines: the messages not yet emitted, the links waiting
/// for their queue, and its clock. Stored with each commit point so that a restarted import continues exactly where
/// the committed one stopped.
/// </summary>
public sealed record TrackerSnapshot
{
    /// <summary>2: messages carry stable ids (and can be saved apart, see <see cref="IncrementalTrackerState"/>); 1: list indexes.</summary>
    public const int CurrentVersion = 2;

    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public int Version { get; init; } = CurrentVersion;

    public DateTime Now { get; init; }

    public DateTime LastSweep { get; init; }

    public long OrphanLines { get; init; }

    /// <summary>The id the next message will get.</summary>
    public long NextStateId { get; init; }

    /// <summary>Every message the tracker still references (or none, when they are saved apart); the lists below name them by <see cref="MessageState.Id"/>.</summary>
    public List<MessageState> Messages { get; init; } = [];

    public List<long> Active { get; init; } = [];

    public List<long> Recent { get; init; } = [];

    public List<long> Settling { get; init; } = [];

    public List<PendingState> Pending { get; init; } = [];

    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var zip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            JsonSerializer.Serialize(zip, this, Json);
        }

        return buffer.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes are not a state this version saved or reads.</exception>
    public static TrackerSnapshot FromBytes(byte[] bytes)
    {
        TrackerSnapshot? read;
        try
        {
            using var zip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            read = JsonSerializer.Deserialize<TrackerSnapshot>(zip, Json);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException("the saved tracker state is not gzip-compressed JSON", e);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the saved tracker state is not valid JSON ({e.Message})", e);
        }

        var snapshot = read ?? throw new InvalidDataException("The saved tracker state is empty.");
        return snapshot.Version switch
        {
            CurrentVersion => snapshot,
            // Version 1 named messages by their index in Messages, which become their ids.
            1 => snapshot with
            {
                Version = CurrentVersion,
                Messages = [.. snapshot.Messages.Select((m, i) => m with { Id = i })],
                NextStateId = snapshot.Messages.Count,
            },
            _ => throw new InvalidDataException($"The saved tracker state has version {snapshot.Version}; this Postmeter reads versions 1 to {CurrentVersion}."),
        };
    }

    /// <summary>One message as saved apart: UTF-8 JSON.</summary>
    public static byte[] MessageToBytes(MessageState message) => JsonSerializer.SerializeToUtf8Bytes(message, Json);

    /// <exception cref="InvalidDataException">The bytes are not a message as this version saves them.</exception>
    public static MessageState MessageFromBytes(byte[] bytes)
    {
        try
        {
            return JsonSerializer.Deserialize<MessageState>(bytes, Json) ?? throw new InvalidDataException("A saved in-flight message is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"a saved in-flight message is not valid JSON ({e.Message})", e);
        }
    }

    public sealed record MessageState
    {
        public long Id { get; init; }

        public required string Host { get; init; }

        public required string Instance { get; init; }

        public required string QueueId { get; init; }

        public DateTime FirstSeen { get; init; }

        public DateTime LastSeen { get; init; }

        public MessageOrigin Origin { get; init; }

        public DateTime? ReceivedAt { get; init; }

        public string? MessageId { get; init; }

        public string? Sender { get; init; }

        public string? ClientHost { get; init; }

        public string? ClientIp { get; init; }

        public string? SaslUsername { get; init; }

        public long? Size { get; init; }

        public int? RecipientCount { get; init; }

        public bool ReturnedToSender { get; init; }

        public string? NotificationOf { get; init; }

        public NotificationKind? NotificationKind { get; init; }

        public DateTime? ExpiredAt { get; init; }

        public bool Held { get; init; }

        public Completion Completion { get; init; }

        public DateTime? CompletedAt { get; init; }

        public bool Emitted { get; init; }

        public bool Settled { get; init; }

        public long? HopParent { get; init; }

        public List<long>? HopChildren { get; init; }

        public byte[]? RawLines { get; init; }

        public List<RecipientState> Recipients { get; init; } = [];
    }

    public sealed record RecipientState
    {
        public required string Address { get; init; }

        public string? OrigAddress { get; init; }

        public string? HopQueueId { get; init; }

        public DateTime? DiscardedAt { get; init; }

        public List<DeliveryAttempt> Attempts { get; init; } = [];
    }

    /// <summary>A link named before its queue appeared (see <see cref="MessageTracker"/>).</summary>
    public sealed record PendingState
    {
        public required string Host { get; init; }

        public required string Instance { get; init; }

        public required string QueueId { get; init; }

        public DateTime Time { get; init; }

        public long? HopParent { get; init; }

        public string? NotificationOf { get; init; }

        public NotificationKind? Notification { get; init; }
    }
}
