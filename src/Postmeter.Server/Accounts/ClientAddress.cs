using Microsoft.AspNetCore.Http;

namespace Postmeter.Server.Accounts;

/// <summary>The client's address as the forwarded-headers step left it: the peer's, or what a trusted proxy said.</summary>
internal static class ClientAddress
{
    public static string Of(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        return (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }

    /// <summary>
    /// Who a limit counts: an IPv4 address, or an IPv6 client's /64 (one subscriber's whole network, which it may
    /// rotate through at will).
    /// </summary>
    public static string LimitKey(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6 || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return Of(context);
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new System.Net.IPAddress(bytes) + "/64";
    }
}
