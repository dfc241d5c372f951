namespace RepitBot.Shared.Platform.Flags;

/// <summary>A flag set at runtime; no row means the flag follows its configured default.</summary>
internal sealed class FlagOverrideRow
{
    public string Name { get; set; } = string.Empty;

    public bool Enabled { get; set; }

    public string ChangedBy { get; set; } = string.Empty;

    public DateTime ChangedAt { get; set; }
}
