using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RepitBot.Shared.Contracts.Identity;

namespace RepitBot.Shared.Platform.Security;

/// <summary>Authenticates a call from another module by its <see cref="InternalApiKeySettings.HeaderName"/> header.</summary>
internal sealed class InternalApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    InternalApiKeySettings settings)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "InternalApiKey";
    private const string ServiceName = "internal";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(InternalApiKeySettings.HeaderName, out var presented) || presented.Count != 1)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!settings.Matches(presented.ToString()))
        {
            return Task.FromResult(AuthenticateResult.Fail("The internal service credential is not valid."));
        }

        var identity = new ClaimsIdentity([new Claim(RepitBotClaims.Service, ServiceName)], SchemeName, RepitBotClaims.Service, RepitBotClaims.Role);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
