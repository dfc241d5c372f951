namespace RepitBot.Modules.Auth.Domain;

/// <summary>A refresh token, stored only as the SHA-256 of its value. Consumed once by a refresh.</summary>
internal sealed class RefreshToken
{
    public Guid Id { get; set; }

    public Guid FamilyId { get; set; }

    public string TokenHash { get; set; } = string.Empty;

    public DateTime CreatedAt { get; set; }

    public DateTime? ConsumedAt { get; set; }
}
