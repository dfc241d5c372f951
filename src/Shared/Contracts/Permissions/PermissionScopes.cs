using System.Linq.Expressions;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Users;

namespace RepitBot.Shared.Contracts.Permissions;

/// <summary>
/// The one place that decides which targets a scope reaches: <see cref="PermissionScope.All"/> every target,
/// <see cref="PermissionScope.Own"/> the caller, <see cref="PermissionScope.Owned"/> what the calling tutor owns,
/// <see cref="PermissionScope.Children"/> the calling parent's linked children, <see cref="PermissionScope.Family"/> the
/// caller's own tutor and parents (ids the caller's own record names, given as <c>family</c>). It is one expression: a query provider
/// translates it (the Users module's database filter) and the same expression, compiled, judges one target in memory
/// (the Auth module's check-permission), so the two cannot read the table differently.
/// </summary>
public static class PermissionScopes
{
    private static readonly UserRole[] Roles = Enum.GetValues<UserRole>();

    /// <summary>
    /// The users the caller may do <paramref name="action"/> to, each judged by the row of the resource its role
    /// names (a student by "students", ...). <paramref name="shape"/> describes the caller's user type as a
    /// <see cref="ScopeTarget"/> in an object initializer; it is inlined, so a query provider sees only that type.
    /// <paramref name="family"/> is the caller's own tutor and parents, needed only when <see cref="NeedsFamily"/> says so.
    /// With <paramref name="ofRole"/>, only the users of that role: the rule keeps that role's scope alone, so a query
    /// planner is left the one branch of the filter that can match (a prepared statement's generic plan cannot rule the
    /// others out by itself, and a tutor's list of students then walked every user in id order).
    /// </summary>
    public static Expression<Func<TUser, bool>> Filter<TUser>(Caller caller, string action, Expression<Func<TUser, ScopeTarget>> shape, IReadOnlyCollection<long>? family = null, UserRole? ofRole = null) =>
        Inline(Rule(caller, role => ofRole is null || role == ofRole ? PermissionTable.ScopeOf(caller, PermissionResources.ForUser(role), action) : PermissionScope.None, family), shape);

    /// <summary>
    /// Whether the caller's scope for <paramref name="action"/> on some kind of user is their family, so the ids of their
    /// own tutor and parents must be looked up (in their own record) before a filter or check can be made.
    /// </summary>
    public static bool NeedsFamily(Caller caller, string action) =>
        caller.UserId is not null && Roles.Any(role => PermissionTable.ScopeOf(caller, PermissionResources.ForUser(role), action).HasFlag(PermissionScope.Family));

    /// <summary>The caller's family as <see cref="Filter"/> and <see cref="Reaches"/> take it: their tutor and their parents.</summary>
    public static IReadOnlyCollection<long> FamilyOf(long? tutorId, IEnumerable<long> parentIds) =>
        tutorId is { } tutor ? [tutor, .. parentIds] : [.. parentIds];

    /// <summary>
    /// Whether the caller's scope for <paramref name="action"/> on <paramref name="resource"/> reaches the target.
    /// When the resource is a kind of user, a target of another role is outside it; for a target of that role this is
    /// exactly what <see cref="Filter"/> answers.
    /// </summary>
    public static bool Reaches(Caller caller, string resource, string action, ScopeTarget target, IReadOnlyCollection<long>? family = null)
    {
        var scope = PermissionTable.ScopeOf(caller, resource, action);
        var kind = PermissionResources.RoleOf(resource);
        var rule = Rule(caller, role => kind is null || role == kind ? scope : PermissionScope.None, family);

        // Interpreted: the rule is built per caller, and one evaluation does not repay compiling it to IL.
        return rule.Compile(preferInterpretation: true)(target);
    }

    private static Expression<Func<ScopeTarget, bool>> Rule(Caller caller, Func<UserRole, PermissionScope> scopeOfRole, IReadOnlyCollection<long>? familyIds)
    {
        // Lists (not arrays) and captured locals: EF Core sends them as query parameters, so one query plan serves every caller.
        List<UserRole> RolesWith(PermissionScope scope) => Roles.Where(role => scopeOfRole(role).HasFlag(scope)).ToList();

        var all = RolesWith(PermissionScope.All);
        if (caller.UserId is not { } callerId)
        {
            // Only a person is somebody's self, tutor or parent.
            return target => all.Contains(target.Role);
        }

        var own = RolesWith(PermissionScope.Own);
        var owned = RolesWith(PermissionScope.Owned);
        var children = RolesWith(PermissionScope.Children);
        var relatives = RolesWith(PermissionScope.Family);
        var family = familyIds?.ToList() ?? [];
        return target => all.Contains(target.Role)
            || (own.Contains(target.Role) && target.Id == callerId)
            || (owned.Contains(target.Role) && target.TutorId == callerId)
            || (children.Contains(target.Role) && target.ParentIds.Contains(callerId))
            || (relatives.Contains(target.Role) && family.Contains(target.Id));
    }

    private static Expression<Func<TUser, bool>> Inline<TUser>(Expression<Func<ScopeTarget, bool>> rule, Expression<Func<TUser, ScopeTarget>> shape)
    {
        if (shape.Body is not MemberInitExpression { NewExpression.Arguments.Count: 0 } init
            || init.Bindings.Any(binding => binding is not MemberAssignment))
        {
            throw new ArgumentException("Describe the target as new ScopeTarget { Id = ..., Role = ..., TutorId = ..., ParentIds = ... }.", nameof(shape));
        }

        var members = init.Bindings.Cast<MemberAssignment>().ToDictionary(binding => binding.Member.Name, binding => binding.Expression, StringComparer.Ordinal);
        var body = new TargetInliner(rule.Parameters[0], members).Visit(rule.Body);
        return Expression.Lambda<Func<TUser, bool>>(body, shape.Parameters);
    }

    /// <summary>Replaces each <c>target.Member</c> of the rule with what the shape assigns to that member.</summary>
    private sealed class TargetInliner(ParameterExpression target, Dictionary<string, Expression> members) : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression != target)
            {
                return base.VisitMember(node);
            }

            var value = members[node.Member.Name];
            return value.Type == node.Type ? value : Expression.Convert(value, node.Type);
        }

        protected override Expression VisitParameter(ParameterExpression node) =>
            node == target ? throw new InvalidOperationException("The scope rule must reach the target only through its members.") : node;
    }
}
