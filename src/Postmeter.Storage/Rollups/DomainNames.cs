using Postmeter.Core.Classification;

namespace Postmeter.Storage.Rollups;

/// <summary>
/// The lower-cased domain of an address (after the last <c>@</c>, "" when there is none) and its provider group,
/// remembered per distinct spelling, so the same few thousand domains are not lower-cased and looked up per row.
/// </summary>
internal sealed class DomainNames
{
    private const int MaxRemembered = 100_000;

    private readonly Dictionary<string, (string Domain, string Group)> _known = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Domain, string Group)>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public DomainNames() => _lookup = _known.GetAlternateLookup<ReadOnlySpan<char>>();

    public string DomainOf(string? address) => Resolve(address).Domain;

    public (string Domain, string Group) Resolve(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return (string.Empty, ProviderGroups.Other);
        }

        var at = address.LastIndexOf('@');
        var raw = at < 0 ? ReadOnlySpan<char>.Empty : address.AsSpan(at + 1);
        if (_lookup.TryGetValue(raw, out var known))
        {
            return known;
        }

        if (_known.Count >= MaxRemembered)
        {
            _known.Clear();
        }

        var domain = raw.ToString().ToLowerInvariant();
        known = (domain, ProviderGroups.Of(domain));
        _known[raw.ToString()] = known;
        return known;
    }
}
