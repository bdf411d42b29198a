using System.Net;

namespace Postmeter.Server.Web;

/// <summary>The peers whose forwarded headers are believed: <c>--trusted-proxies</c> as a list of networks.</summary>
internal static class TrustedNetworks
{
    public const string Expected = "comma-separated addresses or CIDR networks, such as 127.0.0.1,10.0.0.0/8,::1/128, or none";

    public static bool TryParse(string text, out List<IPNetwork> networks)
    {
        networks = [];
        if (text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPNetwork.TryParse(part, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(part, out var address))
            {
                networks.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                networks = [];
                return false;
            }
        }

        return networks.Count > 0;
    }
}
