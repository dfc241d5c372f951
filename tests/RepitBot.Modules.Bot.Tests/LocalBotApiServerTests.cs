using RepitBot.BotApiServer;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;

namespace RepitBot.Modules.Bot.Tests;

/// <summary>The local Bot API server answers the real Telegram.Bot client the way Telegram does.</summary>
public class LocalBotApiServerTests : IAsyncLifetime
{
    protected const string Token = "7000000002:wire-format-bot";
    private LocalBotApiServer server = null!;
    private HttpClient http = null!;

    // No retries of the client's own, so a 429 reaches the test as Telegram sent it.
    protected TelegramBotClient Client => new(new TelegramBotClientOptions(Token, server.BaseUrl) { RetryCount = 0 }, http);

    public async Task InitializeAsync()
    {
        server = await StartServerAsync();
        http = new HttpClient();
    }

    /// <summary>The server under test; the built-in one of the local chat overrides it.</summary>
    protected virtual Task<LocalBotApiServer> StartServerAsync() => LocalBotApiServer.StartAsync();

    protected LocalBotApiServer Server => server;

    protected HttpClient Http => http;

    public async Task DisposeAsync()
    {
        http.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Given_a_person_writes_Then_getUpdates_delivers_it_and_an_offset_confirms_it()
    {
        var bot = server.Api.Bot(Token);
        bot.SendText(new LocalPerson(42, "Оля"), "/start");

        var updates = await Client.GetUpdates(timeout: 5);
        var after = await Client.GetUpdates(offset: updates[^1].Id + 1, timeout: 0);

        Assert.Equal("/start", Assert.Single(updates).Message!.Text);
        Assert.Empty(after);
        Assert.Equal(7000000002, (await Client.GetMe()).Id);
    }

    [Theory]
    [InlineData("<b>bold", ParseMode.Html)]
    [InlineData("<blink>x</blink>", ParseMode.Html)]
    [InlineData("a_b", ParseMode.MarkdownV2)]
    [InlineData("1. item", ParseMode.MarkdownV2)]
    public async Task Given_text_that_breaks_its_parse_mode_Then_sendMessage_fails_like_Telegram(string text, ParseMode mode)
    {
        server.Api.Bot(Token).SendText(new LocalPerson(43, "Петя"), "hi");

        var refused = await Assert.ThrowsAsync<ApiRequestException>(() => Client.SendMessage(43, text, mode));

        Assert.Equal(400, refused.ErrorCode);
        Assert.Contains("can't parse entities", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_escaped_text_Then_the_person_sees_it_as_written()
    {
        var bot = server.Api.Bot(Token);
        bot.SendText(new LocalPerson(44, "Ира"), "hi");

        await Client.SendMessage(44, "<b>Ян</b> &lt;b&gt; a_b", ParseMode.Html);
        await Client.SendMessage(44, "a\\_b \\*c\\* 1\\.", ParseMode.MarkdownV2);

        var shown = bot.Messages(44).Where(m => m.FromBot).Select(m => m.Text).ToList();
        Assert.Equal(["Ян <b> a_b", "a_b *c* 1."], shown);
    }

    [Fact]
    public async Task Given_flood_control_Then_a_429_with_retry_after_reaches_the_client()
    {
        var bot = server.Api.Bot(Token);
        bot.SendText(new LocalPerson(45, "Лёва"), "hi");
        bot.RespondWithTooManyRequests(1, retryAfterSeconds: 3);

        var refused = await Assert.ThrowsAsync<ApiRequestException>(() => Client.SendMessage(45, "text"));
        await Client.SendMessage(45, "text");

        Assert.Equal(429, refused.ErrorCode);
        Assert.Equal(3, refused.Parameters?.RetryAfter);
        Assert.Single(bot.Messages(45), m => m.FromBot);
    }
}
