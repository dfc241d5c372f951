namespace RepitBot.Shared.Contracts.Auth;

public sealed record AuditQuery(int Page = 1, int Size = 50, long? UserId = null, string? EventType = null)
{
    public const int MaxSize = 200;
}
