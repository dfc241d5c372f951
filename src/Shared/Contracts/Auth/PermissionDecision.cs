namespace RepitBot.Shared.Contracts.Auth;

public sealed record PermissionDecision(bool Allowed, string Reason);
