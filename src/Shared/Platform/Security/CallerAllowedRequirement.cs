using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using RepitBot.Shared.Contracts.Identity;

namespace RepitBot.Shared.Platform.Security;

/// <summary>
/// Part of every authorized endpoint's policy: a person passes (their own authorization follows in the handler), a
/// service only when the endpoint names it in <see cref="AllowedServices"/>. So service identities are denied by
/// default, and an endpoint added later is for people until it says otherwise.
/// </summary>
internal sealed class CallerAllowedRequirement : AuthorizationHandler<CallerAllowedRequirement>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, CallerAllowedRequirement requirement)
    {
        var service = context.User.FindFirst(RepitBotClaims.Service)?.Value;
        if (service is null)
        {
            context.Succeed(requirement);
            return Task.CompletedTask;
        }

        var endpoint = (context.Resource as HttpContext)?.GetEndpoint() ?? context.Resource as Endpoint;
        if (endpoint?.Metadata.GetMetadata<AllowedServices>() is { } allowed && allowed.Names.Contains(service, StringComparer.Ordinal))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
