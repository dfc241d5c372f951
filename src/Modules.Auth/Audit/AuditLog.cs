using Microsoft.Extensions.Logging;
using RepitBot.Modules.Auth.Domain;
using RepitBot.Modules.Auth.Persistence;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Platform.Persistence;

namespace RepitBot.Modules.Auth.Audit;

/// <summary>
/// Writes every authentication event to the audit table and as one structured log line. Callers pass only ids, the
/// public lookup part of a code and a short reason: never a code, a token or a secret.
/// </summary>
internal sealed partial class AuditLog(AuthDbContext db, TimeProvider clock, ILogger<AuditLog> logger)
{
    public const string Success = "success";
    public const string Failure = "failure";

    public async Task WriteAsync(string eventType, string outcome, ClientInfo client, long? userId = null, long? telegramId = null, string? codeLookupId = null, string? detail = null, CancellationToken cancellationToken = default)
    {
        db.AuditEvents.Add(new AuditEvent
        {
            OccurredAt = UtcTimestamps.Now(clock),
            EventType = eventType,
            Outcome = outcome,
            UserId = userId,
            TelegramId = telegramId,
            ClientAddress = client.Address,
            CodeLookupId = codeLookupId,
            Detail = detail,
        });
        await db.SaveChangesAsync(cancellationToken);
        LogEvent(logger, eventType, outcome, userId, telegramId, client.Address, codeLookupId, detail);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Auth event {EventType} {Outcome}: user {UserId}, telegram {TelegramId}, client {ClientAddress}, code {CodeLookupId}, {Detail}")]
    private static partial void LogEvent(ILogger logger, string eventType, string outcome, long? userId, long? telegramId, string? clientAddress, string? codeLookupId, string? detail);
}
