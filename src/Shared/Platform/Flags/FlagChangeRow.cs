namespace RepitBot.Shared.Platform.Flags;

/// <summary>The audit trail of flag changes: who set or reset which flag, when. <see cref="Enabled"/> null is a reset.</summary>
internal sealed class FlagChangeRow
{
    public long Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public bool? Enabled { get; set; }

    public string ChangedBy { get; set; } = string.Empty;

    public DateTime ChangedAt { get; set; }
}
