namespace RepitBot.Modules.Auth.Domain;

/// <summary>The durable denylist: an access token's jti, kept until the token would have expired anyway.</summary>
internal sealed class RevokedAccessToken
{
    public string Jti { get; set; } = string.Empty;

    public DateTime ExpiresAt { get; set; }

    public DateTime RevokedAt { get; set; }

    /// <summary>The revocation generation of this row (see <see cref="RevocationCounter"/>).</summary>
    public long Generation { get; set; }
}
