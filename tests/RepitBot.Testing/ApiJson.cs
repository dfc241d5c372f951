using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using RepitBot.Shared.Platform.Json;

namespace RepitBot.Testing;

/// <summary>Reads and writes API bodies with the product's own wire format.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options => RepitBotJson.Options;

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Expected success, got {(int)response.StatusCode}: {body}");
        }

        return JsonSerializer.Deserialize<T>(body, Options) ?? throw new InvalidOperationException("Empty body.");
    }

    public static async Task<JsonObject> ReadObjectAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())?.AsObject() ?? throw new InvalidOperationException("Empty body.");

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Options);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(url, body, Options);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
}
