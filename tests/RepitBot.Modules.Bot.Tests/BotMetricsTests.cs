using System.Globalization;
using System.Text.RegularExpressions;
using RepitBot.Testing;

namespace RepitBot.Modules.Bot.Tests;

/// <summary>
/// After a conversation, /metrics shows what happened in it: updates by type and outcome, messages sent, Bot API
/// errors by code, active dialogues. The host is this class's own, so the values are this conversation's exactly.
/// </summary>
public sealed class BotMetricsTests(BotHost host) : IClassFixture<BotHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Given_a_conversation_with_a_flood_wait_and_an_open_dialogue_Then_metrics_show_its_counts()
    {
        // Arrange / Act: link (2 messages), a profile under one 429 (1), a button press (1), a dialogue left open (1)
        var tutor = await host.LinkedPersonAsync("Лев", (await host.CreateUserAsync("Лев Тьютор", "tutor")).AccessCode);
        host.Bot.RespondWithTooManyRequests(1, 1);
        await tutor.SendAsync("👤 Профиль", "Профиль");
        await tutor.SendAsync("👥 Мои ученики", "нет учеников");
        await tutor.SendAsync("➕ Добавить ученика", "имя и фамилию ученика");

        // Assert
        await Eventually.AssertAsync(async () => await ValueAsync("repitbot_bot_updates_total{type=\"Message\",outcome=\"ok\"}") == 5, Deadline, "5 text updates handled");
        var sent = host.Bot.Calls.Count(call => call.Method.Equals("sendMessage", StringComparison.OrdinalIgnoreCase) && call.StatusCode == 200);
        Assert.Equal(sent, await ValueAsync("repitbot_bot_messages_sent_total{method=\"sendMessage\"}"));
        Assert.Equal(1, await ValueAsync("repitbot_bot_api_errors_total{code=\"429\"}"));
        Assert.Equal(0, await ValueAsync("repitbot_bot_updates_total{type=\"Message\",outcome=\"failed\"}"));
        Assert.Equal(1, await ValueAsync("repitbot_bot_active_dialogues"));
    }

    private async Task<double> ValueAsync(string series)
    {
        using var http = host.Factory.CreateClient();
        var text = await http.GetStringAsync("/metrics");
        var match = Regex.Match(text, "^" + Regex.Escape(series) + @" (\S+)$", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }
}
