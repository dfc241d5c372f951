using Microsoft.EntityFrameworkCore;
using RepitBot.Modules.Users.Persistence;

namespace RepitBot.Modules.Users.AccessCodes;

/// <summary>
/// The bcrypt cost of the stored codes (of the newest one), for the dummy verify of an unknown code: a dummy of another
/// cost than the real hashes would tell unknown codes by their time. Read again every minute, as reissues under a
/// changed work factor move it; the configured work factor until a code is stored.
/// </summary>
internal sealed class StoredHashCost(AccessCodeHasher hasher, TimeProvider clock)
{
    private static readonly TimeSpan ReadAgainAfter = TimeSpan.FromMinutes(1);
    private Reading? known;

    public async Task<int> GetAsync(UsersDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (known is { } value && now - value.ReadAt < ReadAgainAfter && now >= value.ReadAt)
        {
            return value.Cost;
        }

        var newest = await db.Users.OrderByDescending(u => u.AccessCodeIssuedAt).Select(u => u.AccessCodeHash).FirstOrDefaultAsync(cancellationToken);
        var cost = (newest is null ? null : AccessCodeHasher.CostOf(newest)) ?? hasher.WorkFactor;
        known = new Reading(cost, now);
        return cost;
    }

    private sealed record Reading(int Cost, DateTimeOffset ReadAt);
}
