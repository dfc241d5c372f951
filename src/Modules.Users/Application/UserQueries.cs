using Microsoft.EntityFrameworkCore;
using RepitBot.Modules.Users.Domain;
using RepitBot.Modules.Users.Persistence;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Permissions;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Contracts.Users;

namespace RepitBot.Modules.Users.Application;

/// <summary>
/// The reads: a page of users, one user by id, one by Telegram account; each only what the caller may read. One user
/// the caller may only read the public fields of (their family) comes by id only, with those fields alone.
/// </summary>
internal sealed class UserQueries(UsersDbContext db, UserLookup lookup)
{
    public async Task<Result<UserPage>> ListAsync(Caller caller, UserListQuery query, CancellationToken cancellationToken)
    {
        if (UserValidation.ValidateQuery(query) is { } invalid)
        {
            return invalid;
        }

        // One round trip for the page and its links: a user has parents (a student, at most two) or children (a parent),
        // never many of both, so joining both collections multiplies no rows worth splitting the query for.
        var (users, total) = await PageAsync(
            caller,
            query,
            CompiledUserReads.PageFor(db, caller, PermissionActions.Read, query.Role),
            page => page.Include(user => user.Parents).Include(user => user.Children).AsSingleQuery(),
            cancellationToken);
        return new UserPage(users.Select(user => user.ToDto()).ToList(), total, query.Page, query.Size, Paging.PagesOf(total, query.Size));
    }

    public async Task<Result<UserSummaryPage>> ListSummariesAsync(Caller caller, UserListQuery query, CancellationToken cancellationToken)
    {
        if (UserValidation.ValidateQuery(query) is { } invalid)
        {
            return invalid;
        }

        var (users, total) = await PageAsync(
            caller,
            query,
            CompiledUserReads.SummaryPageFor(db, caller, PermissionActions.Read, query.Role),
            page => page.Select(UserMapping.Summary),
            cancellationToken);
        return new UserSummaryPage(users, total, query.Page, query.Size, Paging.PagesOf(total, query.Size));
    }

    public async Task<Result<UserDto>> GetAsync(Caller caller, long userId, CancellationToken cancellationToken)
    {
        var user = CompiledUserReads.For(db, caller, PermissionActions.Read) is { } read
            ? await read(db, caller.UserId ?? 0, userId, cancellationToken)
            : await lookup.ReadAsync(caller, PermissionActions.Read, user => user.Id == userId, cancellationToken);
        if (user is not null)
        {
            return user.ToDto();
        }

        // Someone of the caller's family (a student's parent or tutor) is seen by name and role only. Beyond the family,
        // read_public reaches what read does, so a caller without a family scope is not asked twice.
        if (!PermissionScopes.NeedsFamily(caller, PermissionActions.ReadPublic))
        {
            return UserErrors.NotFound(userId);
        }

        var relative = await lookup.ReadAsync(caller, PermissionActions.ReadPublic, user => user.Id == userId, cancellationToken);
        return relative is null ? UserErrors.NotFound(userId) : relative.ToPublicDto();
    }

    public async Task<Result<UserDto>> FindByTelegramIdAsync(Caller caller, long telegramId, CancellationToken cancellationToken)
    {
        var user = await lookup.ReadAsync(caller, PermissionActions.Read, user => user.TelegramId == telegramId, cancellationToken);
        return user is null ? ModuleError.NotFound($"No user is linked to Telegram account {telegramId}.") : user.ToDto();
    }

    // A page of the users the caller may read, in the shape asked for, and how many there are: through the compiled
    // query for the caller's kind when there is one, else through the filter built for them (shape applies only there).
    private async Task<(List<T> Page, int Total)> PageAsync<T>(
        Caller caller,
        UserListQuery query,
        Func<UsersDbContext, long, UserRole?, string?, int, int, IAsyncEnumerable<T>>? compiledPage,
        Func<IQueryable<User>, IQueryable<T>> shape,
        CancellationToken cancellationToken)
    {
        var search = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim().ToLowerInvariant();
        var skip = Paging.Skip(query.Page, query.Size);
        var compiledCount = CompiledUserReads.CountFor(db, caller, PermissionActions.Read, query.Role);
        IQueryable<User>? users = null;
        if (compiledPage is null || compiledCount is null)
        {
            users = db.Users.AsNoTracking().Where(await lookup.FilterAsync(caller, PermissionActions.Read, cancellationToken, query.Role));
            users = query.Role is { } role ? users.Where(user => user.Role == role) : users;
            users = search is not null ? users.Where(user => user.SearchName.Contains(search)) : users;
        }

        var page = users is null
            ? await compiledPage!(db, caller.UserId ?? 0, query.Role, search, skip, query.Size).ToListAsync(cancellationToken)
            : await shape(users.OrderBy(user => user.Id).Skip(skip).Take(query.Size)).ToListAsync(cancellationToken);

        // A page that is neither full nor past the end is the last one, so it tells the total without a second query:
        // most lists fit one page (a tutor's students), and most presses in the bot read one.
        var total = (page.Count > 0 && page.Count < query.Size) || (page.Count == 0 && skip == 0)
            ? skip + page.Count
            : users is null
                ? await compiledCount!(db, caller.UserId ?? 0, query.Role, search, cancellationToken)
                : await users.CountAsync(cancellationToken);
        return (page, total);
    }
}
