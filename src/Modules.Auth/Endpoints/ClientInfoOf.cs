using Microsoft.AspNetCore.Http;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Platform.Routing;

namespace RepitBot.Modules.Auth.Endpoints;

internal static class ClientInfoOf
{
    /// <summary>
    /// The end client's address: as another RepitBot service forwarded it when the request carries a service
    /// key (the host calling this service for its own client), otherwise as this server sees the connection.
    /// </summary>
    public static ClientInfo Request(HttpContext context)
    {
        if (context.User.HasClaim(c => c.Type == RepitBotClaims.Service)
            && context.Request.Headers.TryGetValue(OutgoingCall.ClientAddressHeader, out var forwarded)
            && System.Net.IPAddress.TryParse(forwarded.ToString(), out var address))
        {
            return new ClientInfo(address.ToString());
        }

        return new ClientInfo(context.Connection.RemoteIpAddress?.ToString());
    }
}
