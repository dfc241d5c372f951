using System.Text.Json;
using System.Text.Json.Serialization;

namespace RepitBot.Shared.Platform.Json;

/// <summary>
/// Enums as snake_case strings, read by exact name only. The framework's string-enum converter also accepts numbers
/// and comma lists ("tutor, student" reads as the two values OR-ed together), which an API must never take.
/// </summary>
internal sealed class StrictEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(StrictEnumConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class StrictEnumConverter<TEnum> : JsonConverter<TEnum>
        where TEnum : struct, Enum
    {
        private static readonly Dictionary<string, TEnum> ByName = Enum.GetValues<TEnum>()
            .ToDictionary(value => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()), StringComparer.Ordinal);

        private static readonly Dictionary<TEnum, string> Names = ByName.ToDictionary(pair => pair.Value, pair => pair.Key);

        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String && reader.GetString() is { } name && ByName.TryGetValue(name, out var value))
            {
                return value;
            }

            throw new JsonException($"Expected one of: {string.Join(", ", ByName.Keys)}.");
        }

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Names.TryGetValue(value, out var name) ? name : throw new JsonException($"{value} is not a defined value."));
    }
}
