using Microsoft.Data.Sqlite;
using Postmeter.Core.Tracking;
using Postmeter.Storage.Detective;

namespace Postmeter.Storage.Sqlite;

/// <summary>
/// A search's terms as SQL over the stored rows — the rule of <see cref="DetectiveMatch"/> — and the index streams
/// that give its candidates newest first. Caller text only ever goes into parameters.
/// </summary>
internal sealed class DetectiveFilters
{
    private readonly DetectiveQuery _query;

    public DetectiveFilters(DetectiveQuery query)
    {
        _query = query;
        MessageId = query.Id is { } id ? DetectiveMatch.MessageIdOf(id) : null;
        RelayKey = query.Recipient is { IsDomain: true } domain ? LookupKeys.ReversedDomain(domain.Text) : null;
    }

    public string? MessageId { get; }

    public string? RelayKey { get; }

    /// <summary>The provider group recipients must belong to, or null.</summary>
    public ProviderFilter? Provider => _query.Provider;

    /// <summary>The SQL function that gives a recipient domain's provider group (registered by <see cref="RegisterFunctions"/>).</summary>
    private const string GroupFunction = "postmeter_provider_group";

    /// <summary>Makes the SQL above callable on <paramref name="connection"/>: the provider group of a domain, by the search's rules.</summary>
    public void RegisterFunctions(SqliteConnection connection)
    {
        if (_query.Provider is { } provider)
        {
            connection.CreateFunction(GroupFunction, (string? domain) => provider.Rules.GroupOf(domain ?? ""), isDeterministic: true);
        }
    }

    public bool WantsMessages => _query.Status is not DetectiveStatus.Rejected and not DetectiveStatus.Queued;

    public bool WantsRejects => DetectiveMatch.WantsRejects(_query);

    /// <summary>The conditions on a stored message (alias <c>m</c>).</summary>
    public string MessageConditions()
    {
        var terms = new List<string> { "m.completed_at >= $from", "m.completed_at < $to" };
        if (_query.Sender is { } sender)
        {
            terms.Add(sender.IsDomain ? "m.sender_domain = $sender" : "m.sender = $sender COLLATE NOCASE");
        }

        const string OwnRecipients = "r.id >= m.first_recipient_id AND r.id < m.first_recipient_id + m.recipient_rows";
        if (_query.Recipient is { } recipient)
        {
            var match = recipient.IsDomain
                ? "(r.domain = $recipient OR r.relay_key = $relay OR (r.relay_key > $relay || '.' AND r.relay_key < $relay || '/'))"
                : "(r.address = $recipient COLLATE NOCASE OR r.orig_address = $recipient COLLATE NOCASE)";
            terms.Add($"EXISTS (SELECT 1 FROM recipients r WHERE {OwnRecipients} AND {match})");
        }

        if (_query.Id is not null)
        {
            terms.Add("(m.queue_id = $id OR m.message_id = $message_id OR EXISTS (SELECT 1 FROM hops h WHERE h.message_seq = m.seq AND h.queue_id = $id))");
        }

        if (_query.Provider is not null)
        {
            terms.Add($"EXISTS (SELECT 1 FROM recipients r WHERE {OwnRecipients} AND {GroupFunction}(r.domain) = $provider)");
        }

        if (_query.Client is not null)
        {
            terms.Add("m.client_ip = $client");
        }

        if (_query.SaslUsername is not null)
        {
            terms.Add("m.sasl_username = $sasl_username");
        }

        if (_query.Directions is { } directions)
        {
            terms.Add(directions.Count == 0 ? "0" : $"m.direction IN ({TrafficReader.Numbers(directions.Select(d => (int)d))})");
        }

        switch (_query.Status)
        {
            case DetectiveStatus.Returned:
                terms.Add("m.returned_to_sender = 1");
                break;
            case DetectiveStatus.Sent or DetectiveStatus.Bounced or DetectiveStatus.Deferred or DetectiveStatus.Expired or DetectiveStatus.Discarded:
                terms.Add($"EXISTS (SELECT 1 FROM recipients r WHERE {OwnRecipients} AND r.hop_queue_id IS NULL AND r.fate = $fate)");
                break;
            default:
                break;
        }

        return string.Join(" AND ", terms);
    }

    /// <summary>The conditions on a stored reject (alias <c>j</c>).</summary>
    public string RejectConditions()
    {
        var terms = new List<string> { "j.time >= $from", "j.time < $to" };
        if (_query.Sender is { } sender)
        {
            terms.Add(sender.IsDomain ? "j.sender_domain = $sender" : "j.sender = $sender COLLATE NOCASE");
        }

        if (_query.Recipient is { } recipient)
        {
            terms.Add(recipient.IsDomain ? "j.recipient_domain = $recipient" : "j.recipient = $recipient COLLATE NOCASE");
        }

        if (_query.Id is not null)
        {
            terms.Add("j.queue_id = $id");
        }

        if (_query.Provider is not null)
        {
            terms.Add($"{GroupFunction}(j.recipient_domain) = $provider");
        }

        if (_query.Client is not null)
        {
            terms.Add("j.client_ip = $client");
        }

        return string.Join(" AND ", terms);
    }

    /// <summary>
    /// Index scans that give every candidate message newest first (a superset: <see cref="MessageConditions"/> decides):
    /// SQL with <c>$before</c> (exclusive, in the stream's own key) and <c>$chunk</c>, selecting (key, message sequence).
    /// The most selective term drives.
    /// </summary>
    public IEnumerable<CandidateStream> MessageStreams()
    {
        if (_query.Id is not null)
        {
            yield return new("SELECT seq, seq FROM messages WHERE queue_id = $id AND seq < $before ORDER BY seq DESC LIMIT $chunk", false);
            yield return new("SELECT seq, seq FROM messages WHERE message_id = $message_id AND seq < $before ORDER BY seq DESC LIMIT $chunk", false);
            yield return new("SELECT message_seq, message_seq FROM hops WHERE queue_id = $id AND message_seq < $before ORDER BY message_seq DESC LIMIT $chunk", false);
        }
        else if (_query.Recipient is { IsDomain: false })
        {
            yield return new("SELECT id, message_seq FROM recipients WHERE address = $recipient COLLATE NOCASE AND id < $before ORDER BY id DESC LIMIT $chunk", true);
            yield return new("SELECT id, message_seq FROM recipients WHERE orig_address = $recipient COLLATE NOCASE AND id < $before ORDER BY id DESC LIMIT $chunk", true);
        }
        else if (_query.Sender is { IsDomain: false })
        {
            yield return new("SELECT seq, seq FROM messages WHERE sender = $sender COLLATE NOCASE AND seq < $before ORDER BY seq DESC LIMIT $chunk", false);
        }
        else if (_query.SaslUsername is not null)
        {
            yield return new("SELECT seq, seq FROM messages WHERE sasl_username = $sasl_username AND seq < $before ORDER BY seq DESC LIMIT $chunk", false);
        }
        else if (_query.Client is not null)
        {
            yield return new("SELECT seq, seq FROM messages WHERE client_ip = $client AND seq < $before ORDER BY seq DESC LIMIT $chunk", false);
        }
        else if (_query.Recipient is { IsDomain: true })
        {
            yield return new("SELECT id, message_seq FROM recipients WHERE domain = $recipient AND id < $before ORDER BY id DESC LIMIT $chunk", true);
            // One scan per relay host whose name ends in the domain: each is in id order on its own, a range of hosts is not.
            yield return new("SELECT id, message_seq FROM recipients WHERE relay_key = $key AND id < $before ORDER BY id DESC LIMIT $chunk", true, StreamKeys.RelayHosts);
        }
        else if (_query.Sender is { IsDomain: true })
        {
            yield return new("SELECT seq, seq FROM messages WHERE sender_domain = $sender AND seq < $before ORDER BY seq DESC LIMIT $chunk", false);
        }
        else if (_query.Provider is { Group: not Core.Classification.ProviderGroups.Other })
        {
            // One scan per domain of the group found in the workspace; "other" is everything else, so it reads all.
            yield return new("SELECT id, message_seq FROM recipients WHERE domain = $key AND id < $before ORDER BY id DESC LIMIT $chunk", true, StreamKeys.ProviderDomains);
        }
        else
        {
            yield return new("SELECT seq, seq FROM messages WHERE seq < $before ORDER BY seq DESC LIMIT $chunk", false);
        }
    }

    /// <summary>As <see cref="MessageStreams"/>, for rejects (keyed by their sequence number).</summary>
    public CandidateStream RejectStream()
    {
        var term = _query switch
        {
            { Id: not null } => "queue_id = $id",
            { Recipient.IsDomain: false } => "recipient = $recipient COLLATE NOCASE",
            { Sender.IsDomain: false } => "sender = $sender COLLATE NOCASE",
            { Client: not null } => "client_ip = $client",
            { Recipient.IsDomain: true } => "recipient_domain = $recipient",
            { Sender.IsDomain: true } => "sender_domain = $sender",
            _ => "1",
        };
        return new($"SELECT seq, seq FROM rejects WHERE {term} AND seq < $before ORDER BY seq DESC LIMIT $chunk", false);
    }

    /// <summary>Binds the search's values under the names the SQL above uses.</summary>
    public void Bind(SqliteCommand command)
    {
        command.Parameters.AddWithValue("$from", Columns.From(_query.Range));
        command.Parameters.AddWithValue("$to", Columns.To(_query.Range));
        command.Parameters.AddWithValue("$sender", (object?)_query.Sender?.Text ?? DBNull.Value);
        command.Parameters.AddWithValue("$recipient", (object?)_query.Recipient?.Text ?? DBNull.Value);
        command.Parameters.AddWithValue("$relay", (object?)RelayKey ?? DBNull.Value);
        command.Parameters.AddWithValue("$id", (object?)_query.Id ?? DBNull.Value);
        command.Parameters.AddWithValue("$message_id", (object?)MessageId ?? DBNull.Value);
        command.Parameters.AddWithValue("$provider", (object?)_query.Provider?.Group ?? DBNull.Value);
        command.Parameters.AddWithValue("$client", (object?)_query.Client ?? DBNull.Value);
        command.Parameters.AddWithValue("$sasl_username", (object?)_query.SaslUsername ?? DBNull.Value);
        command.Parameters.AddWithValue("$fate", (long)(_query.Status switch
        {
            DetectiveStatus.Sent => Fate.Sent,
            DetectiveStatus.Bounced => Fate.Bounced,
            DetectiveStatus.Deferred => Fate.Deferred,
            DetectiveStatus.Expired => Fate.Expired,
            _ => Fate.Discarded,
        }));
    }
}

/// <summary>
/// An index scan of candidates, newest first; <see cref="ByRecipientId"/> when its key is a recipient row's id;
/// <see cref="PerKey"/> when it runs once for each of a list of keys (<c>$key</c>).
/// </summary>
internal sealed record CandidateStream(string Sql, bool ByRecipientId, StreamKeys PerKey = StreamKeys.None);

/// <summary>What a <see cref="CandidateStream"/> runs once for.</summary>
internal enum StreamKeys
{
    /// <summary>It runs once.</summary>
    None,

    /// <summary>Each relay host (reversed) that is the searched domain or ends in it.</summary>
    RelayHosts,

    /// <summary>Each recipient domain in the workspace that the searched provider group holds.</summary>
    ProviderDomains,
}
