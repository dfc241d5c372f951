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
/// The read of one user by id through the caller's permission filter as an EF Core compiled query, one per kind of
/// caller (service, or a person's role) and action, with the caller's id and the user's id as its parameters. Issue
/// 12's profile found a third of a read's CPU in building the filter expression per call and in EF Core finding the
/// cached query for it (funcletizing and hashing the tree); a compiled query skips both. The filter is still the one
/// <see cref="UserAccess.Filter"/> builds from the permission table, so this cannot read the table differently.
/// </summary>
internal static class CompiledUserReads
{
    // The filter is built once per kind of caller for a person with this id, and every captured value equal to it is
    // then made the query's parameter. No user has it (ids are positive).
    private const long CallerIdMarker = long.MinValue;

    private static readonly ConcurrentDictionary<(Type Context, bool IsService, UserRole? Role, string Action), Func<UsersDbContext, long, long, CancellationToken, Task<User?>>?> Queries = new();

    // The template the filter is spliced into, in place of Placeholder.
    private static readonly Expression<Func<User, bool>> Placeholder = _ => true;

    private static readonly Expression<Func<UsersDbContext, long, long, User?>> Template = (db, callerId, userId) =>
        db.Users.Where(Placeholder).Where(user => user.Id == userId)
            .Include(user => user.Parents).Include(user => user.Children).AsSingleQuery().AsNoTracking()
            .FirstOrDefault();

    /// <summary>
    /// The user if the caller may do <paramref name="action"/> to them, not tracked; null when there is none or the
    /// filter could not be compiled for this caller (the caller then reads through <see cref="UserLookup"/>).
    /// </summary>
    /// <remarks>
    /// One per provider's context too: a compiled query keeps the first model it ran on (tests host both). A filter that
    /// needs the caller's family (their own tutor and parents) depends on more than the caller's id: never compiled here.
    /// </remarks>
    public static Func<UsersDbContext, long, long, CancellationToken, Task<User?>>? For(UsersDbContext db, Caller caller, string action) =>
        PermissionScopes.NeedsFamily(caller, action) ? null : Queries.GetOrAdd((db.GetType(), caller.IsService, caller.Role, action), key => Compile(key.IsService, key.Role, key.Action));

    private static Func<UsersDbContext, long, long, CancellationToken, Task<User?>>? Compile(bool isService, UserRole? role, string action)
    {
        var model = isService ? Caller.Service(ServiceNames.Users) : Caller.Person(CallerIdMarker, role!.Value);
        var callerId = Template.Parameters[1];
        var filter = new CallerIdAsParameter(callerId).Visit(UserAccess.Filter(model, action));
        if (MarkerLeft.In(filter))
        {
            // The caller's id reached the filter in a form not recognised: the uncompiled read stays right.
            return null;
        }

        var body = new Splice(filter).Visit(Template.Body);
        var cancellation = Expression.Parameter(typeof(CancellationToken), "cancellationToken");
        var query = Expression.Lambda<Func<UsersDbContext, long, long, CancellationToken, User?>>(body, [.. Template.Parameters, cancellation]);
        return EF.CompileAsyncQuery(query);
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

    private sealed class Splice(Expression filter) : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node) =>
            node.Member.Name == nameof(Placeholder) && node.Member.DeclaringType == typeof(CompiledUserReads) ? Expression.Quote(filter) : base.VisitMember(node);
    }
}
