namespace RepitBot.Modules.Users.Domain;

/// <summary>What <see cref="User.LinkTelegram"/> did.</summary>
internal enum TelegramLinkOutcome
{
    Linked,

    /// <summary>This Telegram account was linked already; nothing changed.</summary>
    AlreadyLinked,

    /// <summary>Another Telegram account is linked; it is not replaced.</summary>
    LinkedToAnotherAccount,

    /// <summary>A deactivated user links nothing.</summary>
    Inactive,
}
