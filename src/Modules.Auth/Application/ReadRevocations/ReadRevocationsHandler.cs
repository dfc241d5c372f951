using RepitBot.Modules.Auth.Persistence;
using RepitBot.Modules.Auth.Revocation;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Platform.Security;

namespace RepitBot.Modules.Auth.Application.ReadRevocations;

/// <summary>
/// The revocation feed for the services that check tokens themselves (ADR 0026): the database's generation, read first,
/// then the live revocations above the generation the service holds, so the copy is complete up to that generation.
/// </summary>
internal sealed class ReadRevocationsHandler(AuthDbContext db, JwtSettings jwt, TimeProvider clock)
{
    public async Task<Result<RevocationFeed>> HandleAsync(Caller caller, long? after, CancellationToken cancellationToken)
    {
        if (!caller.IsService)
        {
            return ModuleError.Forbidden("Only the RepitBot services may read revocations.");
        }

        var generation = await RevocationStore.GenerationAsync(db, cancellationToken);
        if (after is { } held && held >= generation)
        {
            return new RevocationFeed(generation, []);
        }

        var live = await RevocationStore.LiveSinceAsync(db, after, clock.GetUtcNow().UtcDateTime, jwt, cancellationToken);
        return new RevocationFeed(generation, [.. live.Select(r => new RevokedEntry(r.IsSession, r.Id, new DateTimeOffset(DateTime.SpecifyKind(r.Until, DateTimeKind.Utc))))]);
    }
}
