namespace RepitBot.Shared.Contracts.Auth;

/// <summary>One authentication event. Never carries a code, a token or a secret.</summary>
public sealed record AuditEventDto(
    long Id,
    DateTime OccurredAt,
    string EventType,
    string Outcome,
    long? UserId,
    long? TelegramId,
    string? ClientAddress,
    string? CodeLookupId,
    string? Detail);
