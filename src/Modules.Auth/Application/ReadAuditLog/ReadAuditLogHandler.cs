using Microsoft.EntityFrameworkCore;
using RepitBot.Modules.Auth.Persistence;
using RepitBot.Shared.Contracts.Auth;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Permissions;
using RepitBot.Shared.Contracts.Results;

namespace RepitBot.Modules.Auth.Application.ReadAuditLog;

/// <summary>A page of the audit log for admins, newest first, filtered by user and event type.</summary>
internal sealed class ReadAuditLogHandler(AuthDbContext db)
{
    public async Task<Result<AuditPage>> HandleAsync(Caller caller, AuditQuery query, CancellationToken cancellationToken)
    {
        if (!PermissionTable.ScopeOf(caller, PermissionResources.AuditLog, PermissionActions.Read).HasFlag(PermissionScope.All))
        {
            return ModuleError.Forbidden("Only admins may read the audit log.");
        }

        if (Validate(query) is { } invalid)
        {
            return invalid;
        }

        var events = db.AuditEvents.AsNoTracking();
        if (query.UserId is { } userId)
        {
            events = events.Where(e => e.UserId == userId);
        }

        if (query.EventType is { } eventType)
        {
            events = events.Where(e => e.EventType == eventType);
        }

        var total = await events.CountAsync(cancellationToken);
        var page = await events.OrderByDescending(e => e.Id).Skip(Paging.Skip(query.Page, query.Size)).Take(query.Size)
            .Select(e => new AuditEventDto(e.Id, e.OccurredAt, e.EventType, e.Outcome, e.UserId, e.TelegramId, e.ClientAddress, e.CodeLookupId, e.Detail))
            .ToListAsync(cancellationToken);
        return new AuditPage(page, total, query.Page, query.Size, Paging.PagesOf(total, query.Size));
    }

    private static ModuleError? Validate(AuditQuery query)
    {
        var errors = new Dictionary<string, string[]>();
        Paging.Validate(query.Page, query.Size, AuditQuery.MaxSize, errors);

        if (query.EventType is { } type && !AuditEventTypes.All.Contains(type))
        {
            errors["event_type"] = [$"'event_type' must be one of {string.Join(", ", AuditEventTypes.All.Order(StringComparer.Ordinal))}."];
        }

        return errors.Count > 0 ? ModuleError.Invalid(errors) : null;
    }
}
