namespace RepitBot.BotApiServer;

/// <summary>One request a bot made, as the server answered it: for tests and for a person curious what was sent.</summary>
public sealed record LocalBotCall(string Method, long? ChatId, string? Text, int StatusCode, DateTime At);
