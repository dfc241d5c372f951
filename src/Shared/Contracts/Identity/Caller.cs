using System.Globalization;
using System.Security.Claims;
using RepitBot.Shared.Contracts.Users;

namespace RepitBot.Shared.Contracts.Identity;

/// <summary>
/// Who is making a contract call: a person (user id and role from their access token) or another module
/// presenting the internal service credential. Every contract method takes one, so both implementations
/// of a contract authorize the same way.
/// </summary>
public sealed record Caller
{
    private Caller(long? userId, UserRole? role, string? serviceName)
    {
        UserId = userId;
        Role = role;
        ServiceName = serviceName;
    }

    public long? UserId { get; }

    public UserRole? Role { get; }

    public string? ServiceName { get; }

    public bool IsService => ServiceName is not null;

    public static Caller Person(long userId, UserRole role) => new(userId, role, null);

    public static Caller Service(string name) => new(null, null, name);

    /// <summary>
    /// The caller of an authenticated request. Authentication already refused tokens without a usable subject and
    /// role, so on an endpoint that requires authorization this always succeeds.
    /// </summary>
    public static Caller Of(ClaimsPrincipal principal) =>
        FromPrincipal(principal) ?? throw new InvalidOperationException("The request has no authenticated caller.");

    /// <summary>The caller an authenticated request stands for, or null when its claims are incomplete.</summary>
    public static Caller? FromPrincipal(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var service = principal.FindFirst(RepitBotClaims.Service)?.Value;
        if (service is not null)
        {
            return Service(service);
        }

        var subject = principal.FindFirst(RepitBotClaims.Subject)?.Value;
        var role = principal.FindFirst(RepitBotClaims.Role)?.Value;
        if (long.TryParse(subject, NumberStyles.None, CultureInfo.InvariantCulture, out var userId)
            && Enum.TryParse<UserRole>(role, ignoreCase: true, out var parsedRole)
            && Enum.IsDefined(parsedRole))
        {
            return Person(userId, parsedRole);
        }

        return null;
    }
}
