using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RepitBot.Modules.Bot.Sessions;
using RepitBot.Testing;
using StackExchange.Redis;

namespace RepitBot.Modules.Bot.Tests;

/// <summary>The tokens the bot keeps for each person are sealed in Redis: what Redis holds is no bearer token.</summary>
public sealed class SessionSealingTests(BotHost host) : IClassFixture<BotHost>
{
    [Fact]
    public async Task Given_a_linked_person_Then_Redis_holds_neither_of_their_tokens()
    {
        // Arrange
        var person = await host.LinkedPersonAsync("Соня", (await host.CreateUserAsync("Соня Тьютор", "tutor")).AccessCode);
        var key = $"session:{person.Person.Id}";

        // Act
        var raw = await RawAsync(key);

        // Assert: the value opens with the bot's key only, and holds no token (nor a JWT's start) as it is
        Assert.NotNull(raw);
        var opened = host.Factory.Services.GetRequiredService<BotSecrets>().Open(raw, key);
        Assert.NotNull(opened);
        var session = JsonSerializer.Deserialize<StoredSession>(opened)!;
        Assert.DoesNotContain(session.AccessToken, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(session.RefreshToken, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", raw, StringComparison.Ordinal);
        Assert.Null(host.Factory.Services.GetRequiredService<BotSecrets>().Open(raw, $"session:{person.Person.Id + 1}"));
    }

    [Fact]
    public async Task Given_the_state_key_changed_Then_a_kept_session_reads_as_none_and_the_person_is_logged_in_again()
    {
        // Arrange: a person linked under one key; the bot restarts with another
        var person = await host.LinkedPersonAsync("Гриша", (await host.CreateUserAsync("Гриша Тьютор", "tutor")).AccessCode);
        var before = await RawAsync($"session:{person.Person.Id}");
        await host.RestartAsync(new Dictionary<string, string?> { ["BOT_STATE_KEY"] = Convert.ToHexString(Guid.NewGuid().ToByteArray()) + Convert.ToHexString(Guid.NewGuid().ToByteArray()) });

        // Act
        var profile = await person.SendAsync("👤 Профиль", "Профиль");

        // Assert: no failure shown; the bot logged them in again (Telegram login) and sealed the new tokens with the new key
        Assert.Contains("Гриша Тьютор", profile.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(person.Messages, m => m.FromBot && m.Text.Contains("Что-то пошло не так", StringComparison.Ordinal));
        var after = await RawAsync($"session:{person.Person.Id}");
        Assert.NotEqual(before, after);
        Assert.NotNull(host.Factory.Services.GetRequiredService<BotSecrets>().Open(after!, $"session:{person.Person.Id}"));
    }

    private async Task<string?> RawAsync(string key)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{host.Redis!.Port}");
        return await redis.GetDatabase().StringGetAsync("repitbot:bot:" + key);
    }
}
