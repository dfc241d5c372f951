namespace RepitBot.BotApiServer;

/// <summary>A refusal as Telegram words it: the HTTP status, the description, and for a 429 the seconds to wait.</summary>
internal sealed class BotApiError(int code, string description, int? retryAfter = null) : Exception(description)
{
    public int Code { get; } = code;

    public string Description { get; } = description;

    public int? RetryAfter { get; } = retryAfter;

    public static BotApiError BadRequest(string detail) => new(400, $"Bad Request: {detail}");
}
