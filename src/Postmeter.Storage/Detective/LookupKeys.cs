namespace Postmeter.Storage.Detective;

/// <summary>
/// The normalised keys the detective searches by, stored beside the rows they come from so that a search by domain or
/// by the relay's domain reads an index: every store computes them with these rules.
/// </summary>
public static class LookupKeys
{
    /// <summary>The lower-cased domain of an address (after its last <c>@</c>); null when it has none.</summary>
    public static string? DomainOf(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return null;
        }

        var at = address.LastIndexOf('@');
        return at < 0 || at == address.Length - 1 ? null : address[(at + 1)..].ToLowerInvariant();
    }

    /// <summary>
    /// The host name of a remote relay (<c>mx.example.com[192.0.2.1]:25</c>), lower-cased and spelled backwards
    /// (<c>moc.elpmaxe.xm</c>), so that "relay ends in example.com" is a prefix of an index; null for local
    /// delivery agents (<c>local</c>, <c>private/dovecot-lmtp</c>, <c>none</c>) and addresses without a name.
    /// </summary>
    public static string? RelayKeyOf(string? relay)
    {
        if (string.IsNullOrEmpty(relay))
        {
            return null;
        }

        var end = relay.IndexOf('[');
        var host = end < 0 ? relay.AsSpan() : relay.AsSpan(0, end);
        if (host.IsEmpty || !host.Contains('.') || host.Contains('/'))
        {
            return null;
        }

        Span<char> reversed = host.Length <= 256 ? stackalloc char[host.Length] : new char[host.Length];
        for (var i = 0; i < host.Length; i++)
        {
            reversed[host.Length - 1 - i] = char.ToLowerInvariant(host[i]);
        }

        return new string(reversed);
    }

    /// <summary>A domain spelled as <see cref="RelayKeyOf"/> spells a relay's host.</summary>
    public static string ReversedDomain(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var chars = domain.ToLowerInvariant().ToCharArray();
        Array.Reverse(chars);
        return new string(chars);
    }
}
