namespace Postmeter.Storage.Rollups;

/// <summary>
/// The domain of an address, remembered per distinct spelling, so the same few thousand domains are not lower-cased
/// per row: what follows the last <c>@</c>, lower-cased (the rule of <see cref="Detective.LookupKeys.DomainOf"/>).
/// Not thread-safe: one per writer.
/// </summary>
public sealed class DomainNames
{
    public const string NoAddress = "<>";
    public const string NoDomain = "(no domain)";

    private const int MaxRemembered = 100_000;

    private readonly Dictionary<string, string> _known = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public DomainNames() => _lookup = _known.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The domain an address is counted under: <c>&lt;&gt;</c> for no address (a bounce's sender), <c>(no domain)</c> for a bare name — as <c>report</c> names them.</summary>
    public string DomainOf(string? address) => string.IsNullOrEmpty(address) ? NoAddress : LookupDomainOf(address) ?? NoDomain;

    /// <summary>The domain a search finds the address by; null when it has none.</summary>
    public string? LookupDomainOf(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return null;
        }

        var at = address.LastIndexOf('@');
        var raw = at < 0 ? ReadOnlySpan<char>.Empty : address.AsSpan(at + 1);
        if (raw.IsEmpty)
        {
            return null;
        }

        if (_lookup.TryGetValue(raw, out var known))
        {
            return known;
        }

        if (_known.Count >= MaxRemembered)
        {
            _known.Clear();
        }

        known = raw.ToString().ToLowerInvariant();
        _known[raw.ToString()] = known;
        return known;
    }
}
