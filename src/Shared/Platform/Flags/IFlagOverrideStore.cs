namespace RepitBot.Shared.Platform.Flags;

/// <summary>Flag values set at runtime, shared by every instance. Without one, flags come from configuration only.</summary>
internal interface IFlagOverrideStore
{
    /// <summary>The current overrides, from a snapshot that is refreshed in the background (never a blocking read).</summary>
    ValueTask<IReadOnlyDictionary<string, FlagOverride>> CurrentAsync(CancellationToken cancellationToken);

    Task SetAsync(string flag, bool? enabled, string changedBy, CancellationToken cancellationToken);
}

internal sealed record FlagOverride(bool Enabled, string ChangedBy, DateTime ChangedAt);
