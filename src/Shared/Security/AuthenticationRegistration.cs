using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace RepitBot.Shared.Security;

/// <summary>
/// Authentication every role shares: a person's JWT bearer token, or the internal service credential between modules.
/// One policy scheme picks the handler by the request's headers, so endpoints need not care which one applies.
/// </summary>
public static class AuthenticationRegistration
{
    public const string SchemeName = "RepitBot";
    public const string InternalServicePolicy = "InternalService";

    public static IServiceCollection AddRepitBotAuthentication(this IServiceCollection services, JwtSettings jwt, InternalApiKeySettings internalApiKey)
    {
        services.AddSingleton(jwt);
        services.AddSingleton(internalApiKey);

        services.AddAuthentication(SchemeName)
            .AddPolicyScheme(SchemeName, "Bearer token or internal service credential", options =>
            {
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.ContainsKey(InternalApiKeySettings.HeaderName)
                        ? InternalApiKeyAuthenticationHandler.SchemeName
                        : JwtBearerDefaults.AuthenticationScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, InternalApiKeyAuthenticationHandler>(InternalApiKeyAuthenticationHandler.SchemeName, _ => { })
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = AccessTokenValidation.Parameters(jwt);
                options.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        if (context.Principal is null || Caller.FromPrincipal(context.Principal) is null)
                        {
                            context.Fail("The token has no valid subject and role.");
                        }

                        return Task.CompletedTask;
                    },
                };
            });

        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder(SchemeName).RequireAuthenticatedUser().Build())
            .AddPolicy(InternalServicePolicy, policy => policy.AddAuthenticationSchemes(SchemeName).RequireClaim(RepitBotClaims.Service));

        return services;
    }
}
