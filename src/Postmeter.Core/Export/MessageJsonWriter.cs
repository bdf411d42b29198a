using System.Text.Json;
using Postmeter.Core.Tracking;

namespace Postmeter.Core.Export;

/// <summary>
/// Writes messages and rejects as JSON Lines (the schema documented in the README under "postmeter messages").
/// The same writer serves the streaming command and the stored workspace, so both print identical lines.
/// </summary>
public sealed class MessageJsonWriter : ITrackingSink, IDisposable
{
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    };

    private readonly Stream _output;
    private readonly Utf8JsonWriter _json;

    public MessageJsonWriter(Stream output)
    {
        _output = output;
        _json = new Utf8JsonWriter(output, Options);
    }

    public long MessagesWritten { get; private set; }

    public long RejectsWritten { get; private set; }

    public void OnMessage(TrackedMessage message)
    {
        var j = _json;
        j.WriteStartObject();
        j.WriteString("type", "message");
        j.WriteString("host", message.Host);
        j.WriteString("queue_id", message.QueueId);
        j.WriteString("message_id", message.MessageId);
        j.WriteString("sender", message.Sender);
        WriteTime("received_at", message.ReceivedAt);
        j.WriteString("client_ip", message.ClientIp);
        j.WriteString("sasl_username", message.SaslUsername);
        if (message.Size is { } size)
        {
            j.WriteNumber("size", size);
        }
        else
        {
            j.WriteNull("size");
        }

        j.WriteString("direction", TrackingNames.Of(message.Direction));
        j.WriteBoolean("returned_to_sender", message.ReturnedToSender);
        j.WriteStartArray("hops");
        foreach (var hop in message.Hops)
        {
            j.WriteStringValue(hop);
        }

        j.WriteEndArray();
        j.WriteStartArray("recipients");
        foreach (var recipient in message.FinalRecipients)
        {
            WriteRecipient(recipient);
        }

        j.WriteEndArray();
        j.WriteBoolean("complete", message.Completion == Completion.Removed);
        j.WriteString("notification_of", message.NotificationOf);
        j.WriteEndObject();
        EndLine();
        MessagesWritten++;
    }

    public void OnReject(RejectRecord reject)
    {
        var j = _json;
        j.WriteStartObject();
        j.WriteString("type", "reject");
        WriteTime("time", reject.Time);
        j.WriteString("host", reject.Host);
        j.WriteString("queue_id", reject.QueueId);
        j.WriteString("source", reject.Source);
        j.WriteString("stage", reject.Stage);
        j.WriteString("client_ip", reject.ClientIp);
        j.WriteString("sender", reject.Sender);
        j.WriteString("recipient", reject.Recipient);
        j.WriteString("code", reject.Code);
        j.WriteString("dsn", reject.Dsn);
        j.WriteString("reason", reject.Reason);
        j.WriteEndObject();
        EndLine();
        RejectsWritten++;
    }

    public void OnAuthFailure(AuthFailureRecord failure)
    {
    }

    public void Flush()
    {
        _json.Flush();
        _output.Flush();
    }

    public void Dispose()
    {
        Flush();
        _json.Dispose();
    }

    private void WriteRecipient(TrackedRecipient recipient)
    {
        var j = _json;
        var last = recipient.LastAttempt;
        j.WriteStartObject();
        j.WriteString("address", recipient.Address);
        j.WriteString("orig_address", recipient.OrigAddress);
        j.WriteString("status", TrackingNames.Of(recipient.Fate));
        j.WriteString("dsn", last?.Dsn);
        j.WriteString("relay", last?.Relay);
        j.WriteNumber("attempts", recipient.Attempts.Count);
        WriteTime("last_attempt_at", last?.Time ?? recipient.FateAt);
        j.WriteString("response", last?.Response);
        j.WriteEndObject();
    }

    private void WriteTime(string name, DateTime? time)
    {
        if (time is { } t)
        {
            _json.WriteString(name, IsoTime.Format(t));
        }
        else
        {
            _json.WriteNull(name);
        }
    }

    private void EndLine()
    {
        _json.Flush();
        _output.WriteByte((byte)'\n');
        _json.Reset(_output);
    }
}
