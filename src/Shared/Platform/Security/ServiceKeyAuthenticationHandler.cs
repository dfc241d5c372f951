using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RepitBot.Shared.Contracts.Identity;

namespace RepitBot.Shared.Platform.Security;

/// <summary>
/// Authenticates a call from another module by its <see cref="ServiceKeys.HeaderName"/> header as the identity that
/// key belongs to. A key no identity accepts (a rotated-out one, say) fails: 401, never a fall back to anonymous.
/// </summary>
internal sealed class ServiceKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ServiceKeys keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ServiceKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ServiceKeys.HeaderName, out var presented) || presented.Count != 1)
        {
            return Task.FromResult(AuthenticateResult.Fail("Exactly one service key must be presented."));
        }

        if (keys.IdentityOf(presented.ToString()) is not { } name)
        {
            return Task.FromResult(AuthenticateResult.Fail("The service key is not valid."));
        }

        var identity = new ClaimsIdentity([new Claim(RepitBotClaims.Service, name)], SchemeName, RepitBotClaims.Service, RepitBotClaims.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
