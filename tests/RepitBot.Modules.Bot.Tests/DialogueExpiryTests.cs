using System.Globalization;
using System.Text.RegularExpressions;
using RepitBot.Testing;
using StackExchange.Redis;

namespace RepitBot.Modules.Bot.Tests;

/// <summary>The host with dialogues that live two seconds, so a test sees one expire without waiting long.</summary>
public sealed class ShortDialoguesBotHost : BotHost
{
    protected override Dictionary<string, string?> ExtraSettings => new() { ["TELEGRAM_DIALOGUE_TTL_SECONDS"] = "2" };
}

/// <summary>An abandoned dialogue ends by itself: later text is not taken as its answer, and it stops counting as active.</summary>
public sealed class DialogueExpiryTests(ShortDialoguesBotHost host) : IClassFixture<ShortDialoguesBotHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Given_a_dialogue_abandoned_past_its_lifetime_Then_later_text_is_not_its_answer_and_menus_work()
    {
        // Arrange: a tutor starts adding a student and walks away
        var tutor = await host.LinkedPersonAsync("Зоя", (await host.CreateUserAsync("Зоя Тьютор", "tutor")).AccessCode);
        await tutor.SendAsync("➕ Добавить ученика", "имя и фамилию ученика");
        await using var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{host.Redis!.Port}");

        // Act: the dialogue's lifetime passes
        await Eventually.AssertAsync(
            async () => !await redis.GetDatabase().KeyExistsAsync($"repitbot:bot:dialogue:{tutor.Person.Id}"),
            Deadline,
            "the dialogue to expire in Redis");
        await Eventually.AssertAsync(async () => await ActiveDialoguesAsync() == 0, Deadline, "the active dialogues gauge to drop to 0");

        // Assert: a name typed now is not taken as the student's; the menu answers as usual
        await tutor.SendAsync("Пётр Забытый", "Не понял");
        Assert.DoesNotContain(tutor.Messages, m => m.FromBot && m.Text.Contains("Добавить родителя", StringComparison.Ordinal));
        await tutor.SendAsync("👥 Мои ученики", "нет учеников");
    }

    private async Task<double> ActiveDialoguesAsync()
    {
        using var http = host.Factory.CreateClient();
        var text = await http.GetStringAsync("/metrics");
        var match = Regex.Match(text, @"^repitbot_bot_active_dialogues (\S+)$", RegexOptions.Multiline);
        Assert.True(match.Success, "/metrics has no repitbot_bot_active_dialogues");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
