using System.Text.Json;
using RepitBot.Testing;

namespace RepitBot.Modules.Bot.Tests;

/// <summary>The same conversation with Users and Auth as real remote processes; the admin's flag toggle changes the routing.</summary>
public sealed class RemoteServicesTests(RemoteBotHost host) : IClassFixture<RemoteBotHost>
{
    [Fact]
    public async Task Given_remote_Users_and_Auth_Then_the_tutor_student_and_parent_conversation_works_unchanged() =>
        await Scenarios.TutorAddsStudentWithNewParentAsync(host);

    [Fact]
    public async Task Given_an_admin_toggles_a_flag_in_the_chat_Then_the_hosts_routing_follows()
    {
        var admin = await host.LinkedPersonAsync("Админ", (await host.CreateUserAsync("Админ Чата", "admin")).AccessCode);
        Assert.Equal("microservices", await UsersModeAsync());
        await admin.SendAsync("🚩 Флаги", "USERS_ENABLE_MICROSERVICES: вкл");

        await admin.PressAsync("Выключить USERS_ENABLE_MICROSERVICES", "Выключить флаг USERS_ENABLE_MICROSERVICES?");
        var changed = await admin.PressAsync("Да", "теперь выключен");

        Assert.Contains("Изменил: user:", changed.Text, StringComparison.Ordinal);
        await Eventually.AssertAsync(async () => await UsersModeAsync() == "monolith", TimeSpan.FromSeconds(20), "the host to route Users in process");
    }

    private async Task<string?> UsersModeAsync()
    {
        // The detail of /health (each module's mode) is for admins, services and this machine's direct peers.
        using var client = host.Factory.ServiceClient("users");
        using var health = JsonDocument.Parse(await client.GetStringAsync("/health"));
        var text = health.RootElement.GetRawText();
        using var found = JsonDocument.Parse(text);
        return FindUsersMode(found.RootElement);
    }

    private static string? FindUsersMode(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (property.Name == "users" && property.Value.ValueKind == JsonValueKind.Object && property.Value.TryGetProperty("mode", out var mode))
                {
                    return mode.GetString();
                }

                if (FindUsersMode(property.Value) is { } inner)
                {
                    return inner;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                if (FindUsersMode(item) is { } inner)
                {
                    return inner;
                }
            }
        }

        return null;
    }
}

/// <summary>Webhook mode: the Bot API server POSTs updates to the host with the secret; a wrong secret is refused.</summary>
public sealed class WebhookTests(WebhookBotHost host) : IClassFixture<WebhookBotHost>
{
    [Fact]
    public async Task Given_webhook_mode_Then_the_conversation_works_and_a_wrong_secret_is_refused()
    {
        await Eventually.AssertAsync(() => Task.FromResult(host.Bot.WebhookUrl == host.WebhookUrl.ToString()), TimeSpan.FromSeconds(30), "the bot to set its webhook");
        using var http = new HttpClient();
        using var forged = new HttpRequestMessage(HttpMethod.Post, host.WebhookUrl) { Content = new StringContent("{\"update_id\":1}", System.Text.Encoding.UTF8, "application/json") };
        forged.Headers.Add("X-Telegram-Bot-Api-Secret-Token", "not-the-secret-0000000");

        var refused = await http.SendAsync(forged);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
        await Scenarios.TutorAddsStudentWithNewParentAsync(host);
    }
}

/// <summary>The bot's dialogue state is in Redis: a restart in the middle of a dialogue resumes it.</summary>
public sealed class RestartTests(BotHost host) : IClassFixture<BotHost>
{
    [Fact]
    public async Task Given_a_restart_in_the_middle_of_adding_a_student_Then_the_dialogue_resumes()
    {
        var tutor = await host.LinkedPersonAsync("Лев", (await host.CreateUserAsync("Лев Тьютор", "tutor")).AccessCode);
        await tutor.SendAsync("➕ Добавить ученика", "имя и фамилию ученика");
        await tutor.SendAsync("Майя Ученица", "Добавить родителя");

        await host.RestartAsync();
        var created = await tutor.PressAsync("Без родителя", "Код ученика");

        Assert.Contains("Майя Ученица", created.Text, StringComparison.Ordinal);
        Assert.Single(ChatDriver.CodesIn(created));
    }
}
