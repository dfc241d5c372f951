using System.Text.Json;
using System.Text.Json.Serialization;

namespace RepitBot.Shared.Platform.Json;

/// <summary>
/// The one JSON configuration of the wire format: servers and (later) Refit clients use it,
/// so both paths of a contract serialize the same way. snake_case names and enums as strings, as the guide writes them.
/// </summary>
public static class RepitBotJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip;
        if (!options.Converters.OfType<StrictEnumConverterFactory>().Any())
        {
            options.Converters.Add(new StrictEnumConverterFactory());
        }

        return options;
    }
}
