using Microsoft.EntityFrameworkCore;
using RepitBot.Modules.Users.Persistence;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Permissions;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Contracts.Users;

namespace RepitBot.Modules.Users.Application;

/// <summary>The reads: a page of users, one user by id, one by Telegram account; each only what the caller may read.</summary>
internal sealed class UserQueries(UsersDbContext db, UserLookup lookup)
{
    public async Task<Result<UserPage>> ListAsync(Caller caller, UserListQuery query, CancellationToken cancellationToken)
    {
        if (UserValidation.ValidateQuery(query) is { } invalid)
        {
            return invalid;
        }

        var users = db.Users.AsNoTracking().Where(UserAccess.Filter(caller, PermissionActions.Read));
        if (query.Role is { } role)
        {
            users = users.Where(user => user.Role == role);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLowerInvariant();
            users = users.Where(user => user.SearchName.Contains(term));
        }

        var total = await users.CountAsync(cancellationToken);
        var page = await users
            .OrderBy(user => user.Id)
            .Skip(Paging.Skip(query.Page, query.Size))
            .Take(query.Size)
            .Include(user => user.Parents)
            .Include(user => user.Children)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        return new UserPage(page.Select(user => user.ToDto()).ToList(), total, query.Page, query.Size, Paging.PagesOf(total, query.Size));
    }

    public async Task<Result<UserDto>> GetAsync(Caller caller, long userId, CancellationToken cancellationToken)
    {
        var user = CompiledUserReads.For(db, caller, PermissionActions.Read) is { } read
            ? await read(db, caller.UserId ?? 0, userId, cancellationToken)
            : await lookup.ReadAsync(caller, PermissionActions.Read, user => user.Id == userId, cancellationToken);
        return user is null ? UserErrors.NotFound(userId) : user.ToDto();
    }

    public async Task<Result<UserDto>> FindByTelegramIdAsync(Caller caller, long telegramId, CancellationToken cancellationToken)
    {
        var user = await lookup.ReadAsync(caller, PermissionActions.Read, user => user.TelegramId == telegramId, cancellationToken);
        return user is null ? ModuleError.NotFound($"No user is linked to Telegram account {telegramId}.") : user.ToDto();
    }
}
