using System.Text.RegularExpressions;
using RepitBot.Modules.Auth.Audit;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Contracts.Users;

namespace RepitBot.Modules.Auth.Application.CheckPermission;

/// <summary>May the caller do this? Decided by <see cref="PermissionEvaluator"/> on Users' data; a denial is audited.</summary>
internal sealed partial class CheckPermissionHandler(IUsersModule users, AuditLog audit)
{
    public async Task<Result<PermissionDecision>> HandleAsync(Caller caller, CheckPermissionRequest request, ClientInfo client, CancellationToken cancellationToken)
    {
        if (Validate(request) is { } invalid)
        {
            return invalid;
        }

        var usersUnavailable = false;
        var decision = await PermissionEvaluator.DecideAsync(caller, request.Resource!, request.Action!, request.ResourceOwnerId, async (id, token) =>
        {
            var user = await users.GetUserAsync(AuthCaller.Self, id, token);
            usersUnavailable = user.Error is { Kind: ErrorKind.Unavailable };
            return user.IsSuccess ? user.Value : null;
        }, cancellationToken);
        if (usersUnavailable)
        {
            return ModuleError.Unavailable("Permissions cannot be checked right now.");
        }

        if (!decision.Allowed)
        {
            await audit.WriteAsync(AuditEventTypes.PermissionDenied, AuditLog.Failure, client, caller.UserId, detail: Truncate($"{request.Action} {request.Resource} {request.ResourceOwnerId}"), cancellationToken: cancellationToken);
        }

        return decision;
    }

    private static ModuleError? Validate(CheckPermissionRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Resource is null || !PermissionName().IsMatch(request.Resource))
        {
            errors["resource"] = ["'resource' is required: a name of lower-case letters and underscores, such as students."];
        }

        if (request.Action is null || !PermissionName().IsMatch(request.Action))
        {
            errors["action"] = ["'action' is required: a name of lower-case letters and underscores, such as read."];
        }

        if (request.ResourceOwnerId is <= 0)
        {
            errors["resource_owner_id"] = ["'resource_owner_id' must be a positive user id."];
        }

        return errors.Count > 0 ? ModuleError.Invalid(errors) : null;
    }

    // The audit detail column holds 200 characters.
    private static string Truncate(string text) => text.Length <= 200 ? text : text[..200];

    [GeneratedRegex("^[a-z_]{1,64}$")]
    private static partial Regex PermissionName();
}
