namespace RepitBot.Modules.Auth.Domain;

internal sealed class AuditEvent
{
    public long Id { get; set; }

    public DateTime OccurredAt { get; set; }

    public string EventType { get; set; } = string.Empty;

    public string Outcome { get; set; } = string.Empty;

    public long? UserId { get; set; }

    public long? TelegramId { get; set; }

    public string? ClientAddress { get; set; }

    /// <summary>The public lookup part of an access code, never the secret.</summary>
    public string? CodeLookupId { get; set; }

    public string? Detail { get; set; }
}
