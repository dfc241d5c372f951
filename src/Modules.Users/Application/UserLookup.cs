using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using RepitBot.Modules.Users.Domain;
using RepitBot.Modules.Users.Persistence;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Permissions;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Contracts.Users;

namespace RepitBot.Modules.Users.Application;

/// <summary>Loads users through the caller's permission filter, with their parent and child links.</summary>
internal sealed class UserLookup(UsersDbContext db)
{
    public async Task<User?> FindAsync(Caller caller, string action, Expression<Func<User, bool>> which, CancellationToken cancellationToken) =>
        await (await QueryAsync(caller, action, which, cancellationToken)).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The same user for reading only: not tracked, as nothing will be saved.</summary>
    public async Task<User?> ReadAsync(Caller caller, string action, Expression<Func<User, bool>> which, CancellationToken cancellationToken) =>
        await (await QueryAsync(caller, action, which, cancellationToken)).AsNoTracking().FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// The caller's filter for an action. Only a scope of the caller's family costs a query first (the caller's own tutor
    /// and parents, from their own record); every other scope is decided within the one query it filters.
    /// </summary>
    public async Task<Expression<Func<User, bool>>> FilterAsync(Caller caller, string action, CancellationToken cancellationToken, UserRole? ofRole = null)
    {
        if (!PermissionScopes.NeedsFamily(caller, action))
        {
            return UserAccess.Filter(caller, action, ofRole: ofRole);
        }

        var self = await db.Users.AsNoTracking()
            .Where(user => user.Id == caller.UserId)
            .Select(user => new { user.TutorId, ParentIds = user.Parents.Select(link => link.ParentId).ToList() })
            .FirstOrDefaultAsync(cancellationToken);
        return UserAccess.Filter(caller, action, self is null ? [] : PermissionScopes.FamilyOf(self.TutorId, self.ParentIds), ofRole);
    }

    // One user has at most two parents and a few children: one query joining its links costs one round trip, where a
    // split query cost three (each round trip on loopback costs more CPU than the rows it brings).
    private async Task<IQueryable<User>> QueryAsync(Caller caller, string action, Expression<Func<User, bool>> which, CancellationToken cancellationToken) =>
        db.Users
            .Where(await FilterAsync(caller, action, cancellationToken))
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

        var visible = await db.Users.Where(await FilterAsync(caller, PermissionActions.Read, cancellationToken)).AnyAsync(u => u.Id == userId, cancellationToken);
        return (null, visible ? ModuleError.Forbidden("You are not allowed to do this to this user.") : UserErrors.NotFound(userId));
    }
}
