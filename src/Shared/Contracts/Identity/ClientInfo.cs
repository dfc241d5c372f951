namespace RepitBot.Shared.Contracts.Identity;

/// <summary>Where a request came from, for rate limits and the audit log.</summary>
public sealed record ClientInfo(string? Address)
{
    public static ClientInfo Unknown { get; } = new((string?)null);
}
