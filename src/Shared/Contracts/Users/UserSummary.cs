namespace RepitBot.Shared.Contracts.Users;

/// <summary>
/// A user as a list shows them: who they are and whether they can use the bot, without their links, dates or Telegram
/// account. A list of these reads one table, where a page of <see cref="UserDto"/>s joins each user's links too.
/// </summary>
/// <param name="TelegramLinked">Whether a Telegram account is linked, without saying which.</param>
public sealed record UserSummary(long Id, string FullName, UserRole Role, bool IsActive, bool TelegramLinked);
