using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using RepitBot.Modules.Users.Domain;
using RepitBot.Modules.Users.Persistence;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Permissions;
using RepitBot.Shared.Contracts.Users;

namespace RepitBot.Modules.Users.Application;

/// <summary>
/// The reads through the caller's permission filter as EF Core compiled queries, one per kind of caller (service, or a
/// person's role) and action, with the caller's id among their parameters: one user by id, a page of users, and how many
/// users a list has. Issue 12's profile found a third of a read's CPU in building the filter expression per call and in
/// EF Core finding the cached query for it (funcletizing and hashing the tree); a compiled query skips both, and the
/// bot's list (issue 9) spent a quarter of its CPU there. The filter is still the one <see cref="UserAccess.Filter"/>
/// builds from the permission table, so these cannot read the table differently.
/// </summary>
internal static class CompiledUserReads
{
    // The filter is built once per kind of caller for a person with this id, and every captured value equal to it is
    // then made the query's parameter. No user has it (ids are positive).
    private const long CallerIdMarker = long.MinValue;

    private static readonly ConcurrentDictionary<(Type Context, string Query, bool IsService, UserRole? Role, string Action, UserRole? Of), Delegate?> Queries = new();

    // The template the filter is spliced into, in place of Placeholder; each template's second parameter is the caller's id.
    private static readonly Expression<Func<User, bool>> Placeholder = _ => true;

    private static readonly Expression<Func<UsersDbContext, long, long, User?>> ById = (db, callerId, userId) =>
        db.Users.Where(Placeholder).Where(user => user.Id == userId)
            .Include(user => user.Parents).Include(user => user.Children).AsSingleQuery().AsNoTracking()
            .FirstOrDefault();

    // A role or a search term left null filters nothing: EF Core makes the SQL for each set of null parameters once.
    private static readonly Expression<Func<UsersDbContext, long, UserRole?, string?, int, int, IQueryable<User>>> Page = (db, callerId, role, search, skip, take) =>
        db.Users.Where(Placeholder)
            .Where(user => role == null || user.Role == role)
            .Where(user => search == null || user.SearchName.Contains(search))
            .OrderBy(user => user.Id).Skip(skip).Take(take)
            .Include(user => user.Parents).Include(user => user.Children).AsSingleQuery().AsNoTracking();

    // The same page as Page, each user projected by UserMapping.Summary (spliced in like the filter): one table, no links.
    private static readonly Expression<Func<UsersDbContext, long, UserRole?, string?, int, int, IQueryable<UserSummary>>> SummaryPage = (db, callerId, role, search, skip, take) =>
        db.Users.Where(Placeholder)
            .Where(user => role == null || user.Role == role)
            .Where(user => search == null || user.SearchName.Contains(search))
            .OrderBy(user => user.Id).Skip(skip).Take(take)
            .Select(UserMapping.Summary);

    private static readonly Expression<Func<UsersDbContext, long, UserRole?, string?, int>> Count = (db, callerId, role, search) =>
        db.Users.Where(Placeholder)
            .Where(user => role == null || user.Role == role)
            .Where(user => search == null || user.SearchName.Contains(search))
            .Count();

    /// <summary>
    /// The user if the caller may do <paramref name="action"/> to them, not tracked; null when there is none or the
    /// filter could not be compiled for this caller (the caller then reads through <see cref="UserLookup"/>).
    /// </summary>
    /// <remarks>
    /// One per provider's context too: a compiled query keeps the first model it ran on (tests host both). A filter that
    /// needs the caller's family (their own tutor and parents) depends on more than the caller's id: never compiled here.
    /// </remarks>
    public static Func<UsersDbContext, long, long, CancellationToken, Task<User?>>? For(UsersDbContext db, Caller caller, string action) =>
        Get(db, caller, action, null, nameof(ById), (isService, role) =>
            Filtered(ById, isService, role, action, null, withCancellation: true) is { } query
                ? EF.CompileAsyncQuery((Expression<Func<UsersDbContext, long, long, CancellationToken, User?>>)query)
                : null);

    /// <summary>
    /// A page of the users of role <paramref name="ofRole"/> (null: of every role) the caller may do
    /// <paramref name="action"/> to, by id, with their links, not tracked: its parameters are the caller's id, the same
    /// role, a lower-case search term or null, how many to skip and how many to take. One per role, each with the filter
    /// for that role alone (<see cref="UserAccess.Filter"/>), so the database plans each with the index it needs.
    /// </summary>
    public static Func<UsersDbContext, long, UserRole?, string?, int, int, IAsyncEnumerable<User>>? PageFor(UsersDbContext db, Caller caller, string action, UserRole? ofRole) =>
        Get(db, caller, action, ofRole, nameof(Page), (isService, role) =>
            Filtered(Page, isService, role, action, ofRole, withCancellation: false) is { } query
                ? EF.CompileAsyncQuery((Expression<Func<UsersDbContext, long, UserRole?, string?, int, int, IQueryable<User>>>)query)
                : null);

    /// <summary>The page <see cref="PageFor"/> reads, each user as <see cref="UserMapping.Summary"/> shows them.</summary>
    public static Func<UsersDbContext, long, UserRole?, string?, int, int, IAsyncEnumerable<UserSummary>>? SummaryPageFor(UsersDbContext db, Caller caller, string action, UserRole? ofRole) =>
        Get(db, caller, action, ofRole, nameof(SummaryPage), (isService, role) =>
            Filtered(SummaryPage, isService, role, action, ofRole, withCancellation: false) is { } query
                ? EF.CompileAsyncQuery((Expression<Func<UsersDbContext, long, UserRole?, string?, int, int, IQueryable<UserSummary>>>)query)
                : null);

    /// <summary>How many users <see cref="PageFor"/> pages through, with the same parameters but the paging.</summary>
    public static Func<UsersDbContext, long, UserRole?, string?, CancellationToken, Task<int>>? CountFor(UsersDbContext db, Caller caller, string action, UserRole? ofRole) =>
        Get(db, caller, action, ofRole, nameof(Count), (isService, role) =>
            Filtered(Count, isService, role, action, ofRole, withCancellation: true) is { } query
                ? EF.CompileAsyncQuery((Expression<Func<UsersDbContext, long, UserRole?, string?, CancellationToken, int>>)query)
                : null);

    private static TQuery? Get<TQuery>(UsersDbContext db, Caller caller, string action, UserRole? ofRole, string name, Func<bool, UserRole?, TQuery?> compile)
        where TQuery : Delegate =>
        PermissionScopes.NeedsFamily(caller, action)
            ? null
            : (TQuery?)Queries.GetOrAdd((db.GetType(), name, caller.IsService, caller.Role, action, ofRole), key => compile(key.IsService, key.Role));

    // The template with the caller's filter (for users of ofRole only, when given) in place of Placeholder, and a
    // cancellation token last when asked for; null when the caller's id could not be made a parameter.
    private static LambdaExpression? Filtered(LambdaExpression template, bool isService, UserRole? role, string action, UserRole? ofRole, bool withCancellation)
    {
        var model = isService ? Caller.Service(ServiceNames.Users) : Caller.Person(CallerIdMarker, role!.Value);
        var callerId = template.Parameters[1];
        var filter = new CallerIdAsParameter(callerId).Visit(UserAccess.Filter(model, action, ofRole: ofRole));
        if (MarkerLeft.In(filter))
        {
            // The caller's id reached the filter in a form not recognised: the uncompiled read stays right.
            return null;
        }

        var body = new Splice(filter).Visit(template.Body);
        ParameterExpression[] parameters = withCancellation
            ? [.. template.Parameters, Expression.Parameter(typeof(CancellationToken), "cancellationToken")]
            : [.. template.Parameters];
        return Expression.Lambda(body, parameters);
    }

    private static bool IsMarker(MemberExpression node) =>
        (node.Type == typeof(long) || node.Type == typeof(long?)) && Value(node) is long value && value == CallerIdMarker;

    // The value of a captured variable: a field read from a constant closure, possibly nested; null for anything else.
    private static object? Value(Expression? node) => node switch
    {
        ConstantExpression constant => constant.Value,
        MemberExpression { Member: FieldInfo { IsStatic: true } field } => field.GetValue(null),
        MemberExpression { Member: FieldInfo field } member => Value(member.Expression) is { } owner ? field.GetValue(owner) : null,
        _ => null,
    };

    private sealed class CallerIdAsParameter(ParameterExpression callerId) : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node) =>
            !IsMarker(node) ? base.VisitMember(node) : node.Type == typeof(long) ? callerId : Expression.Convert(callerId, typeof(long?));
    }

    private sealed class MarkerLeft : ExpressionVisitor
    {
        private bool found;

        public static bool In(Expression expression)
        {
            var visitor = new MarkerLeft();
            visitor.Visit(expression);
            return visitor.found;
        }

        protected override Expression VisitMember(MemberExpression node)
        {
            found |= IsMarker(node);
            return base.VisitMember(node);
        }

        protected override Expression VisitConstant(ConstantExpression node)
        {
            // The marker caller itself in the filter: its id is read in a way this cannot make a parameter.
            found |= (node.Value is long value && value == CallerIdMarker) || node.Value is Caller;
            return base.VisitConstant(node);
        }
    }

    // The caller's filter in place of Placeholder, and the projection itself in place of the property holding it.
    private sealed class Splice(Expression filter) : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node) => node.Member switch
        {
            { Name: nameof(Placeholder) } when node.Member.DeclaringType == typeof(CompiledUserReads) => Expression.Quote(filter),
            { Name: nameof(UserMapping.Summary) } when node.Member.DeclaringType == typeof(UserMapping) => Expression.Quote(UserMapping.Summary),
            _ => base.VisitMember(node),
        };
    }
}
