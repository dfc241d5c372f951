using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using RepitBot.Shared.Platform.Configuration;

namespace RepitBot.Shared.Platform.Http;

/// <summary>
/// The client's address behind a gateway: <c>X-Forwarded-For</c> is believed only from the proxies the operator names
/// (<see cref="SettingNames.ForwardedKnownProxies"/>, <see cref="SettingNames.ForwardedKnownNetworks"/>). The
/// framework's default of trusting loopback is dropped: with nothing named, no forwarded header moves anyone's address,
/// so a client cannot pick its own rate-limit bucket by sending the header itself.
/// </summary>
public static class ForwardedClientAddress
{
    public static ForwardedHeadersOptions Options(IConfiguration configuration)
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor,

            // A chain of named proxies is followed to the first address none of them is: that one is the client.
            ForwardLimit = null,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in List(configuration, SettingNames.ForwardedKnownProxies))
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new InvalidSettingException(SettingNames.ForwardedKnownProxies, $"'{proxy}' is not an IP address; give addresses separated by commas, such as 10.0.0.5,fd00::5."));
        }

        foreach (var network in List(configuration, SettingNames.ForwardedKnownNetworks))
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                ? parsed
                : throw new InvalidSettingException(SettingNames.ForwardedKnownNetworks, $"'{network}' is not a network in CIDR form; give networks separated by commas, such as 10.0.0.0/8,fd00::/8."));
        }

        return options;
    }

    private static IEnumerable<string> List(IConfiguration configuration, string name) =>
        (SettingReader.String(configuration, name) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
