namespace RepitBot.Modules.Auth.Domain;

/// <summary>
/// A refresh token, stored only as the SHA-256 of its value. Consumed once by a refresh, which records its successor,
/// so a retry of that refresh answers the same pair again (ADR 0012).
/// </summary>
internal sealed class RefreshToken
{
    public Guid Id { get; set; }

    public Guid FamilyId { get; set; }

    public string TokenHash { get; set; } = string.Empty;

    public DateTime CreatedAt { get; set; }

    public DateTime? ConsumedAt { get; set; }

    /// <summary>The token the refresh that consumed this one issued; null while unconsumed.</summary>
    public Guid? SuccessorId { get; set; }

    /// <summary>The jti of the access token issued with this refresh token, so a retried refresh can sign it again.</summary>
    public string? AccessTokenId { get; set; }
}
