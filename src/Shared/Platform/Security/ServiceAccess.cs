using Microsoft.AspNetCore.Builder;

namespace RepitBot.Shared.Platform.Security;

/// <summary>How an endpoint names the service identities that may call it, beside people or instead of them.</summary>
public static class ServiceAccess
{
    /// <summary>People, and these service identities.</summary>
    public static TBuilder AllowServices<TBuilder>(this TBuilder builder, params string[] names)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AllowedServices(names));

    /// <summary>Only these service identities: a person's token answers 403.</summary>
    public static TBuilder RequireServices<TBuilder>(this TBuilder builder, params string[] names)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AllowedServices(names)).RequireAuthorization(AuthenticationRegistration.ServiceOnlyPolicy);
}
