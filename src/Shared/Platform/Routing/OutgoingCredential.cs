using Microsoft.AspNetCore.Http;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Identity;

namespace RepitBot.Shared.Platform.Routing;

/// <summary>
/// What a remote call presents: the person's own bearer token when it acts for a person, the internal service
/// credential otherwise, and the end client's address for rate limits and audit. Set around one call; the
/// <see cref="OutgoingCredentialHandler"/> writes it on the request.
/// </summary>
public sealed record OutgoingCredential(string? BearerToken, string? ClientAddress)
{
    public const string ClientAddressHeader = "X-RepitBot-Client-Address";

    private static readonly AsyncLocal<OutgoingCredential?> CurrentValue = new();

    public static OutgoingCredential? Current => CurrentValue.Value;

    public static IDisposable Use(OutgoingCredential credential)
    {
        var previous = CurrentValue.Value;
        CurrentValue.Value = credential;
        return new Restore(previous);
    }

    /// <summary>
    /// A person's call travels with the bearer token of the request being served (the one that named this caller);
    /// a service's call, or a call outside any request, with the internal credential.
    /// </summary>
    public static OutgoingCredential For(Caller caller, IHttpContextAccessor accessor, ClientInfo? client = null)
    {
        string? bearer = null;
        if (!caller.IsService && accessor.HttpContext?.Request.Headers.Authorization.ToString() is { } header
            && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            bearer = header["Bearer ".Length..].Trim();
        }

        return new OutgoingCredential(bearer, client?.Address);
    }

    private sealed class Restore(OutgoingCredential? previous) : IDisposable
    {
        public void Dispose() => CurrentValue.Value = previous;
    }
}
