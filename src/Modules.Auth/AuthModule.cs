using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace RepitBot.Modules.Auth;

/// <summary>
/// The Auth module's one public entry. The module itself (login, tokens, permissions, audit) lands with the Auth
/// issue; the host already calls these so role <c>auth</c> and role <c>all</c> need no change when it does.
/// </summary>
public static class AuthModule
{
    public static IServiceCollection AddAuthModule(this IServiceCollection services, IConfiguration configuration) => services;

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder endpoints) => endpoints;
}
