using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace RepitBot.BotApiServer;

/// <summary>
/// A method's parameters, from a JSON body (what Telegram.Bot sends), a form or the query string (what curl sends),
/// read as Telegram reads them: numbers may come as strings, objects as JSON text.
/// </summary>
internal sealed class BotApiArguments
{
    private readonly Dictionary<string, JsonElement> values = new(StringComparer.Ordinal);

    public static async Task<BotApiArguments> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var arguments = new BotApiArguments();
        foreach (var (key, value) in request.Query)
        {
            arguments.values[key] = JsonSerializer.SerializeToElement(value.ToString());
        }

        if (request.HasJsonContentType())
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    arguments.values[property.Name] = property.Value.Clone();
                }
            }
        }
        else if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            foreach (var (key, value) in form)
            {
                arguments.values[key] = JsonSerializer.SerializeToElement(value.ToString());
            }
        }

        return arguments;
    }

    public string? String(string name) => values.TryGetValue(name, out var value)
        ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        }
        : null;

    public long? Long(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw BotApiError.BadRequest($"invalid {name} specified");
    }

    public long RequiredLong(string name) => Long(name) ?? throw BotApiError.BadRequest($"{name} is empty");

    public bool Boolean(string name) => String(name) is { } text && (text == "1" || text.Equals("true", StringComparison.OrdinalIgnoreCase));

    /// <summary>An object parameter, sent as JSON or as JSON text in a form field.</summary>
    public JsonElement? Object(string name)
    {
        if (!values.TryGetValue(name, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            try
            {
                using var document = JsonDocument.Parse(value.GetString()!);
                return document.RootElement.Clone();
            }
            catch (JsonException)
            {
                throw BotApiError.BadRequest($"can't parse {name} JSON object");
            }
        }

        return value;
    }
}
