using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using RepitBot.Shared.Contracts.Identity;

namespace RepitBot.Shared.Platform.Security;

/// <summary>
/// Authentication every role shares: a person's JWT bearer token, or a service identity's key between modules.
/// One policy scheme picks the handler by the request's headers, so endpoints need not care which one applies. The
/// default policy lets a service through only where the endpoint names it (<see cref="ServiceAccess"/>).
/// </summary>
public static class AuthenticationRegistration
{
    public const string SchemeName = "RepitBot";
    public const string ServiceOnlyPolicy = "ServiceOnly";

    public static IServiceCollection AddRepitBotAuthentication(this IServiceCollection services, JwtSettings jwt, ServiceKeys serviceKeys)
    {
        services.AddSingleton(jwt);
        services.AddSingleton(serviceKeys);
        services.AddSingleton<IAuthorizationHandler, CallerAllowedRequirement>();

        services.AddAuthentication(SchemeName)
            .AddPolicyScheme(SchemeName, "Bearer token or service key", options =>
            {
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.ContainsKey(ServiceKeys.HeaderName)
                        ? ServiceKeyAuthenticationHandler.SchemeName
                        : JwtBearerDefaults.AuthenticationScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, ServiceKeyAuthenticationHandler>(ServiceKeyAuthenticationHandler.SchemeName, _ => { })
            .AddJwtBearer();

        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<TimeProvider>((options, clock) =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = AccessTokenValidation.Parameters(jwt, clock);
            options.Events = new JwtBearerEvents { OnTokenValidated = CheckSessionAsync, OnChallenge = AnswerOutageAsync };
        });

        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder(SchemeName).RequireAuthenticatedUser().AddRequirements(new CallerAllowedRequirement()).Build())
            .AddPolicy(ServiceOnlyPolicy, policy => policy.AddAuthenticationSchemes(SchemeName).RequireClaim(RepitBotClaims.Service).AddRequirements(new CallerAllowedRequirement()));

        return services;
    }

    /// <summary>
    /// A well-signed token is not enough: it must name a caller, and its session must still stand (no logout, no reused
    /// refresh token, no deactivated user). The registered <see cref="ISessionCheck"/> answers; never fail open.
    /// </summary>
    private static async Task CheckSessionAsync(TokenValidatedContext context)
    {
        if (context.Principal is null || Caller.FromPrincipal(context.Principal) is null)
        {
            context.Fail("The token has no valid subject and role.");
            return;
        }

        var sessions = context.HttpContext.RequestServices.GetService<ISessionCheck>();
        if (sessions is null || context.SecurityToken is not JsonWebToken token)
        {
            // Nobody here can say whether the session was revoked: refuse rather than trust it.
            context.Fail("No module is reachable to check the session.");
            return;
        }

        var state = await sessions.CheckAsync(token, context.Principal, context.HttpContext.RequestAborted);
        if (state == SessionState.Unknown)
        {
            context.Fail(new SessionCheckUnavailableException());
        }
        else if (state != SessionState.Active)
        {
            context.Fail("The session has ended.");
        }
        else if (context.Principal.Identity is ClaimsIdentity identity)
        {
            // The token stays with the identity it proves, so the caller it names can present it to a remote module.
            identity.BootstrapContext = token.EncodedToken;
        }
    }

    /// <summary>When the session could not be checked at all, the honest answer is 503, not "you are logged out".</summary>
    private static async Task AnswerOutageAsync(JwtBearerChallengeContext context)
    {
        if (context.AuthenticateFailure is not SessionCheckUnavailableException)
        {
            return;
        }

        context.HandleResponse();
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;

        // Refused before the endpoint ran: another instance may serve the same request, a write included.
        Http.ProblemHeaders.MarkNotExecuted(context.Response);
        var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = "The service is unavailable.", Detail = "Access tokens cannot be checked right now; try again shortly." },
        });
    }

    private sealed class SessionCheckUnavailableException() : Exception("The session could not be checked.");
}
