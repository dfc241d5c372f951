namespace RepitBot.Modules.Auth.Domain;

/// <summary>
/// A Telegram account that logged in with an access code, so the bot may get tokens for it without the code again.
/// Ends with a logout from a session of that account, a reissued code (granted before it) or a deactivated user.
/// </summary>
internal sealed class TelegramGrant
{
    public long UserId { get; set; }

    public long TelegramId { get; set; }

    public DateTime GrantedAt { get; set; }

    /// <summary>The version of the user's access code the grant was made with; a newer one ends it.</summary>
    public int CodeVersion { get; set; }
}
