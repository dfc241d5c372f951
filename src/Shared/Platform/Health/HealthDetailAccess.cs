using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Permissions;
using RepitBot.Shared.Platform.Configuration;
using RepitBot.Shared.Platform.Flags;

namespace RepitBot.Shared.Platform.Health;

/// <summary>
/// Who sees the detail of /health (each check, its description, the remote modules' addresses): a person who may read
/// the deployment flags (an admin, by the permission table), a RepitBot service (its credential lives only inside the
/// deployment), or a peer on this machine (or in <see cref="SettingNames.HealthDetailNetworks"/>) that
/// did not come through a proxy. Everyone else gets the overall status only: the detail maps the internals.
/// </summary>
internal sealed class HealthDetailAccess(IReadOnlyList<IPNetwork> networks)
{
    private static readonly string[] ForwardingHeaders = ["X-Forwarded-For", "Forwarded", "X-Real-IP"];

    public static HealthDetailAccess Load(IConfiguration configuration)
    {
        var value = SettingReader.String(configuration, SettingNames.HealthDetailNetworks);
        var networks = new List<IPNetwork>();
        foreach (var part in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!IPNetwork.TryParse(part, out var network))
            {
                throw new InvalidSettingException(SettingNames.HealthDetailNetworks, $"'{part}' is not a network in CIDR form such as 10.0.0.0/8.");
            }

            networks.Add(network);
        }

        return new HealthDetailAccess(networks);
    }

    public bool SeesDetail(HttpContext context)
    {
        if (Caller.FromPrincipal(context.User) is { IsService: true } || FeatureFlagEndpoints.May(context.User, PermissionActions.Read))
        {
            return true;
        }

        // A request a proxy passed on is someone else's, whatever the proxy's own address.
        if (ForwardingHeaders.Any(context.Request.Headers.ContainsKey) || context.Connection.RemoteIpAddress is not { } address)
        {
            return false;
        }

        address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return IPAddress.IsLoopback(address) || networks.Any(network => network.Contains(address));
    }
}
