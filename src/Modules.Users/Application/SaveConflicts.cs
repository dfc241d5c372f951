using Microsoft.EntityFrameworkCore;
using RepitBot.Modules.Users.Persistence;
using RepitBot.Shared.Contracts.Results;

namespace RepitBot.Modules.Users.Application;

internal static class SaveConflicts
{
    /// <summary>Saves, turning a unique-index race (two writers, one Telegram id) into a 409 instead of a 500.</summary>
    public static async Task<ModuleError?> TrySaveAsync(this UsersDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return ModuleError.Conflict("The change conflicts with another user: this Telegram account or access code is already in use.");
        }
    }
}
