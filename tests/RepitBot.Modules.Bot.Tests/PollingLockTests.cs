using System.Text.Json.Nodes;
using RepitBot.Testing;

namespace RepitBot.Modules.Bot.Tests;

/// <summary>Only one instance polls a token: another waits, says so, and takes over when the first stops.</summary>
public sealed class PollingLockTests(BotHost host) : IClassFixture<BotHost>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Given_a_second_instance_in_polling_mode_Then_it_waits_saying_so_and_takes_over_when_the_first_stops()
    {
        // Arrange: the fixture's instance polls (it holds the lock: on a busy machine its first Redis call may still be
        // on its way); then a second one starts on the same token and Redis
        await Eventually.AssertAsync(async () => await ModeAsync(host.Factory) == "polling", Deadline, "the first instance to poll");
        await using var second = host.NewInstance();

        // Act / Assert: it waits, in its /health and its log, while the first answers people
        await Eventually.AssertAsync(async () => (await ModeAsync(second)).StartsWith("waiting", StringComparison.Ordinal), Deadline, "the second instance to report it waits");
        Assert.Contains("another instance polls", second.Logs.All, StringComparison.Ordinal);
        var person = host.NewPerson("Первый");
        await person.SendAsync("/start", "код доступа");

        // Act: the first stops; the second takes over
        await host.StopAsync();
        await Eventually.AssertAsync(async () => await ModeAsync(second) == "polling", Deadline, "the second instance to poll");
        var answer = await person.SendAsync("/start", "код доступа");

        // Assert
        Assert.Equal(2, person.Messages.Count(m => m.FromBot && m.Text.Contains("код доступа", StringComparison.Ordinal)));
        Assert.NotNull(answer);
    }

    private static async Task<string> ModeAsync(RepitBotFactory instance)
    {
        // A service sees the checks' detail.
        using var http = instance.ServiceClient("users");
        var health = JsonNode.Parse(await (await http.GetAsync("/health")).Content.ReadAsStringAsync())!;
        return health["checks"]?["telegram"]?["modules"]?["mode"]?.GetValue<string>() ?? string.Empty;
    }
}
