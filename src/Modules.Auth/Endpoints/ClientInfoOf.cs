using Microsoft.AspNetCore.Http;
using RepitBot.Shared.Contracts.Auth;

namespace RepitBot.Modules.Auth.Endpoints;

internal static class ClientInfoOf
{
    /// <summary>The client's address as the server sees it (behind the gateway, the forwarded-headers setup decides it).</summary>
    public static ClientInfo Request(HttpContext context) => new(context.Connection.RemoteIpAddress?.ToString());
}
