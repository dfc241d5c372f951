namespace RepitBot.BotApiServer;

/// <summary>
/// Someone who talks to a bot on a <see cref="LocalBot"/>: a Telegram user id and a name. As in Telegram, the private
/// chat with the bot has the person's own id.
/// </summary>
public sealed record LocalPerson(long Id, string FirstName, string? Username = null, string? LastName = null);
