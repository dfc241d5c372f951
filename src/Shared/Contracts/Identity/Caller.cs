using System.Globalization;
using System.Security.Claims;
using RepitBot.Shared.Contracts.Users;

namespace RepitBot.Shared.Contracts.Identity;

/// <summary>
/// Who a contract call is made for: a person (user id, role, and the access token that proves it) or a named
/// service. Every contract method takes one, so the in-process and the remote implementation authorize the same
/// person; a remote call presents the person's own token, read from here, never from an ambient HTTP request, so
/// background work (the bot) can act for a person too.
/// </summary>
public sealed class Caller : IEquatable<Caller>
{
    private Caller(long? userId, UserRole? role, string? serviceName, string? accessToken, bool sessionUnchecked = false)
    {
        UserId = userId;
        Role = role;
        ServiceName = serviceName;
        AccessToken = accessToken;
        SessionUnchecked = sessionUnchecked;
    }

    public long? UserId { get; }

    public UserRole? Role { get; }

    public string? ServiceName { get; }

    /// <summary>
    /// The person's access token, which a remote module checks for itself. Null for a service, and for a person
    /// known only in process (such a caller cannot reach a remote module).
    /// </summary>
    public string? AccessToken { get; }

    public bool IsService => ServiceName is not null;

    /// <summary>
    /// A person whose session nobody in this process has checked: made from a token kept between requests (the bot's).
    /// A remote module checks every token it is sent; the router checks this one before a module serves it in process,
    /// where a module trusts its caller. Every other caller was checked where it was made (a request's bearer check).
    /// </summary>
    public bool SessionUnchecked { get; }

    public static Caller Person(long userId, UserRole role, string? accessToken = null) => new(userId, role, null, accessToken);

    public static Caller Service(string name) => new(null, null, name, null);

    /// <summary>A person known by a kept token whose session is checked where the call is served (<see cref="SessionUnchecked"/>).</summary>
    public static Caller PersonToCheck(long userId, UserRole role, string accessToken) => new(userId, role, null, accessToken, sessionUnchecked: true);

    /// <summary>
    /// The caller of an authenticated request. Authentication already refused tokens without a usable subject and
    /// role, so on an endpoint that requires authorization this always succeeds.
    /// </summary>
    public static Caller Of(ClaimsPrincipal principal) =>
        FromPrincipal(principal) ?? throw new InvalidOperationException("The request has no authenticated caller.");

    /// <summary>
    /// The caller an authenticated principal stands for, or null when its claims are incomplete. A person's token is
    /// the identity's bootstrap context, where token validation keeps the token it validated.
    /// </summary>
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
            var token = principal.Identities.Select(identity => identity.BootstrapContext).OfType<string>().FirstOrDefault();
            return Person(userId, parsedRole, token);
        }

        return null;
    }

    /// <summary>Two callers are the same identity; the token that proves it does not make a different caller.</summary>
    public bool Equals(Caller? other) =>
        other is not null && UserId == other.UserId && Role == other.Role && ServiceName == other.ServiceName;

    public override bool Equals(object? obj) => Equals(obj as Caller);

    public override int GetHashCode() => HashCode.Combine(UserId, Role, ServiceName);

    /// <summary>Safe for a log line: never the token.</summary>
    public override string ToString() => IsService ? $"service:{ServiceName}" : $"user:{UserId}";
}
