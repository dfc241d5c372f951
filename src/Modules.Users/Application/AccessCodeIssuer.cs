using Microsoft.EntityFrameworkCore;
using RepitBot.Modules.Users.AccessCodes;
using RepitBot.Modules.Users.Persistence;
using RepitBot.Shared.Contracts.AccessCodes;

namespace RepitBot.Modules.Users.Application;

/// <summary>Makes a new access code whose lookup id no user has yet, and the bcrypt hash of its secret.</summary>
internal sealed class AccessCodeIssuer(UsersDbContext db, AccessCodeHasher hasher)
{
    private const int MaxLookupAttempts = 8;

    public async Task<(AccessCode Code, string Hash)> IssueAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxLookupAttempts; attempt++)
        {
            var code = AccessCode.Generate();
            if (!await db.Users.AnyAsync(user => user.AccessCodeLookup == code.LookupId, cancellationToken))
            {
                return (code, hasher.Hash(code));
            }
        }

        throw new InvalidOperationException("Could not find a free access code lookup id.");
    }
}
