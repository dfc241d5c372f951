using System.Text.Json;

namespace RepitBot.BotApiServer;

/// <summary>The local chat API's JSON: snake_case, as the Bot API and the rest of RepitBot's API write it.</summary>
internal static class LocalChatJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
