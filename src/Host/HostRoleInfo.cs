namespace RepitBot.Host;

/// <summary>The role this process runs, for the start-up line and diagnostics.</summary>
internal sealed record HostRoleInfo(string Name);
