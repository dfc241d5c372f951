using Microsoft.Extensions.DependencyInjection;
using RepitBot.Modules.Auth.Application;
using RepitBot.Modules.Auth.Application.ReadRevocations;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Identity;

namespace RepitBot.Modules.Auth.Revocation;

/// <summary>
/// Where a process's <see cref="LocalDenylist"/> is copied from: the database where the Auth module is hosted, the Auth
/// Service's revocation feed in a service that checks tokens itself (ADR 0026).
/// </summary>
internal interface IRevocationSource
{
    /// <summary>
    /// The revocations above <paramref name="held"/> (every live one when null) and the generation they are complete up
    /// to; null when the source cannot say right now. A database that cannot be read throws.
    /// </summary>
    Task<RevocationFeed?> ReadAsync(long? held, CancellationToken cancellationToken);
}

/// <summary>The Auth module's own database, read by the same handler that serves the feed to the services.</summary>
internal sealed class DatabaseRevocationSource(IServiceScopeFactory scopes) : IRevocationSource
{
    public async Task<RevocationFeed?> ReadAsync(long? held, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var read = await scope.ServiceProvider.GetRequiredService<ReadRevocationsHandler>().HandleAsync(AuthCaller.Self, held, cancellationToken);
        return read.IsSuccess ? read.Value : null;
    }
}

/// <summary>The Auth Service's feed, asked as the service identity this process holds (the User Service's, or the bot's).</summary>
internal sealed class AuthServiceRevocationSource(IServiceScopeFactory scopes, Caller reader) : IRevocationSource
{
    public async Task<RevocationFeed?> ReadAsync(long? held, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        // Through the router, which turns a failed connection into an answer ("unavailable") and keeps the circuit; an
        // answer that cannot be read is no answer either, and the copy stops vouching in time.
        var auth = scope.ServiceProvider.GetRequiredService<IAuthModule>();
        try
        {
            var read = await auth.GetRevocationsAsync(reader, held, cancellationToken);

            // An answer without its list, or with an entry without an id, is no answer (JSON does not enforce them).
            return read.IsSuccess && read.Value.Revocations is { } revocations && revocations.All(r => r is { Id: not null }) ? read.Value : null;
        }
        catch (Exception e) when (e is HttpRequestException or Refit.ApiException or System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
