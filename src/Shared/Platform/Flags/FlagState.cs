namespace RepitBot.Shared.Platform.Flags;

/// <summary>
/// One flag as an admin sees it. <see cref="Source"/>: "override" (set at runtime), "configuration" (env or
/// appsettings), "inherited" (a module flag following its global flag) or "default".
/// </summary>
public sealed record FlagState(string Name, bool Enabled, bool Default, string Source, string? ChangedBy, DateTime? ChangedAt);
