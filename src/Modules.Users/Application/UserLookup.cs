using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using RepitBot.Modules.Users.Domain;
using RepitBot.Modules.Users.Persistence;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Permissions;
using RepitBot.Shared.Contracts.Results;

namespace RepitBot.Modules.Users.Application;

/// <summary>Loads users through the caller's permission filter, with their parent and child links.</summary>
internal sealed class UserLookup(UsersDbContext db)
{
    public Task<User?> FindAsync(Caller caller, string action, Expression<Func<User, bool>> which, CancellationToken cancellationToken) =>
        Query(caller, action, which).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The same user for reading only: not tracked, as nothing will be saved.</summary>
    public Task<User?> ReadAsync(Caller caller, string action, Expression<Func<User, bool>> which, CancellationToken cancellationToken) =>
        Query(caller, action, which).AsNoTracking().FirstOrDefaultAsync(cancellationToken);

    // One user has at most two parents and a few children: one query joining its links costs one round trip, where a
    // split query cost three (each round trip on loopback costs more CPU than the rows it brings).
    private IQueryable<User> Query(Caller caller, string action, Expression<Func<User, bool>> which) =>
        db.Users
            .Where(UserAccess.Filter(caller, action))
            .Where(which)
            .Include(user => user.Parents)
            .Include(user => user.Children)
            .AsSingleQuery();

    /// <summary>
    /// Loads a user the caller may act on. When they may not: 403 if they can at least see the user,
    /// 404 otherwise, so nobody learns that another tutor's user exists.
    /// </summary>
    public async Task<(User? User, ModuleError? Denied)> FindForAsync(Caller caller, string action, long userId, CancellationToken cancellationToken)
    {
        var user = await FindAsync(caller, action, user => user.Id == userId, cancellationToken);
        if (user is not null)
        {
            return (user, null);
        }

        var visible = await db.Users.Where(UserAccess.Filter(caller, PermissionActions.Read)).AnyAsync(u => u.Id == userId, cancellationToken);
        return (null, visible ? ModuleError.Forbidden("You are not allowed to do this to this user.") : UserErrors.NotFound(userId));
    }
}
