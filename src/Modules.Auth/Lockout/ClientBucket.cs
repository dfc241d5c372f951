using System.Net;
using System.Net.Sockets;

namespace RepitBot.Modules.Auth.Lockout;

/// <summary>
/// Which per-address bucket a client counts in. An IPv6 client is keyed by its /64: one subscriber usually holds a
/// whole /64 and can pick any address in it, so counting single addresses would let one client reset its count at will.
/// </summary>
internal static class ClientBucket
{
    public const string Unknown = "unknown";

    public static string Of(string? address)
    {
        if (address is null || !IPAddress.TryParse(address, out var ip))
        {
            return Unknown;
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        if (ip.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return ip.ToString();
        }

        var bytes = ip.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
