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
}
