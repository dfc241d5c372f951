using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace RepitBot.BotApiServer;

/// <summary>Reads a person-side request: the person from the path's id and the body's first_name, or the problem with them.</summary>
internal static class LocalChatRequest
{
    /// <summary>Ids stay within what JavaScript numbers hold exactly, as Telegram's own ids do.</summary>
    public const long MaxId = (1L << 52) - 1;

    public static bool TryParseId(string text, out long id) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id is > 0 and <= MaxId;

    public static async Task<(LocalPerson? Person, JsonElement Body, ProblemHttpResult? Problem)> ReadAsync(string id, HttpRequest request)
    {
        if (!TryParseId(id, out var personId))
        {
            return (null, default, Invalid($"The person's id must be a whole number from 1 to {MaxId}."));
        }

        if (!request.HasJsonContentType())
        {
            return (null, default, TypedResults.Problem(title: "Unsupported media type.", detail: "Send a JSON body (content-type: application/json).", statusCode: StatusCodes.Status415UnsupportedMediaType));
        }

        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return (null, default, Invalid("The body is not valid JSON."));
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, default, Invalid("The body must be a JSON object."));
        }

        var name = String(body, "first_name")?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 64)
        {
            return (null, default, Invalid("'first_name' is required: 1 to 64 characters."));
        }

        return (new LocalPerson(personId, name), body, null);
    }

    public static string? String(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(title: "The request is not valid.", detail: detail, statusCode: StatusCodes.Status400BadRequest);
}
