namespace RepitBot.BotApiServer;

/// <summary>
/// A button under a message or in the reply keyboard. <see cref="CallbackData"/> is set for inline buttons that send a
/// callback query, <see cref="Url"/> for link buttons; a reply-keyboard button only has its text.
/// </summary>
public sealed record LocalButton(string Text, string? CallbackData = null, string? Url = null);
