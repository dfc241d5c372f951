namespace RepitBot.BotApiServer;

/// <summary>How the bot answered a button press: the toast or alert text a person would see, if any.</summary>
public sealed record LocalCallbackAnswer(string CallbackQueryId, long ChatId, string? Text, bool ShowAlert);
