namespace RepitBot.Modules.Auth.Domain;

/// <summary>
/// One login and every refresh token rotated from it. Its <see cref="ExpiresAt"/> is absolute from the login:
/// rotation never extends it. Revoking the family ends the session, access tokens included (they carry its id as sid).
/// </summary>
internal sealed class TokenFamily
{
    public Guid Id { get; set; }

    public long UserId { get; set; }

    public long? TelegramId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    /// <summary>The version of the user's access code the session was opened with; a newer one ends it.</summary>
    public int CodeVersion { get; set; }

    public DateTime? RevokedAt { get; set; }

    /// <summary>The revocation generation that ended the session (see <see cref="RevocationCounter"/>).</summary>
    public long? RevokedGeneration { get; set; }

    public string? RevokedReason { get; set; }
}
