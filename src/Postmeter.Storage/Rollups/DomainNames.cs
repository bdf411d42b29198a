namespace Postmeter.Storage.Rollups;

/// <summary>
/// The domain an address is counted under, remembered per distinct spelling, so the same few thousand domains are not
/// lower-cased per row: what follows the last <c>@</c>, lower-cased; <c>&lt;&gt;</c> for no address (a bounce's
/// sender), <c>(no domain)</c> for a bare name — as <c>report</c> names them.
/// </summary>
internal sealed class DomainNames
{
    public const string NoAddress = "<>";
    public const string NoDomain = "(no domain)";

    private const int MaxRemembered = 100_000;

    private readonly Dictionary<string, string> _known = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public DomainNames() => _lookup = _known.GetAlternateLookup<ReadOnlySpan<char>>();

    public string DomainOf(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return NoAddress;
        }

        var at = address.LastIndexOf('@');
        var raw = at < 0 ? ReadOnlySpan<char>.Empty : address.AsSpan(at + 1);
        if (raw.IsEmpty)
        {
            return NoDomain;
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
