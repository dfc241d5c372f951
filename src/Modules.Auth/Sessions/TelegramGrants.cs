using Microsoft.EntityFrameworkCore;
using RepitBot.Modules.Auth.Domain;
using RepitBot.Modules.Auth.Persistence;
using RepitBot.Shared.Platform.Persistence;

namespace RepitBot.Modules.Auth.Sessions;

/// <summary>
/// The <see cref="TelegramGrant"/>s: made by a login with a code and a Telegram id, read by the bot's Telegram login,
/// ended by a logout from a session of that account.
/// </summary>
internal sealed class TelegramGrants(AuthDbContext db, TimeProvider clock)
{
    /// <summary>Grants the account with the code of this version, or renews the grant if it has one.</summary>
    public async Task GrantAsync(long userId, long telegramId, int codeVersion, CancellationToken cancellationToken)
    {
        var now = UtcTimestamps.Now(clock);
        var updated = await db.TelegramGrants.Where(g => g.UserId == userId && g.TelegramId == telegramId)
            .ExecuteUpdateAsync(set => set.SetProperty(g => g.GrantedAt, now).SetProperty(g => g.CodeVersion, codeVersion), cancellationToken);
        if (updated == 0)
        {
            db.TelegramGrants.Add(new TelegramGrant { UserId = userId, TelegramId = telegramId, GrantedAt = now, CodeVersion = codeVersion });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // A parallel login granted it first.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The version of the code the account was last granted to this user with; null when it has no grant.</summary>
    public Task<int?> GrantedCodeVersionAsync(long userId, long telegramId, CancellationToken cancellationToken) =>
        db.TelegramGrants.Where(g => g.UserId == userId && g.TelegramId == telegramId).Select(g => (int?)g.CodeVersion).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Logging out of a Telegram session means the bot asks for the code again next time.</summary>
    public async Task EndForSessionAsync(long userId, Guid sessionId, CancellationToken cancellationToken)
    {
        var telegramId = await db.TokenFamilies.Where(f => f.Id == sessionId).Select(f => f.TelegramId).FirstOrDefaultAsync(cancellationToken);
        if (telegramId is not null)
        {
            await db.TelegramGrants.Where(g => g.UserId == userId && g.TelegramId == telegramId).ExecuteDeleteAsync(cancellationToken);
        }
    }
}
