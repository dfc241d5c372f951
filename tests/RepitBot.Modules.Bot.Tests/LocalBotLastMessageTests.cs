using RepitBot.BotApiServer;
using Telegram.Bot;

namespace RepitBot.Modules.Bot.Tests;

/// <summary>The newest message of a chat, which the bot's benchmark load waits on, without copying the chat.</summary>
public sealed class LocalBotLastMessageTests : IAsyncLifetime
{
    private const string Token = "7000000003:last-message-bot";
    private LocalBotApiServer server = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        server = await LocalBotApiServer.StartAsync();
        http = new HttpClient();
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task Given_a_conversation_Then_the_last_message_is_the_newest_one_of_that_chat_only()
    {
        var bot = server.Api.Bot(Token);
        var client = new TelegramBotClient(new TelegramBotClientOptions(Token, server.BaseUrl), http);
        var typed = bot.SendText(new LocalPerson(46, "Аня"), "hi");
        bot.SendText(new LocalPerson(47, "Гоша"), "hello");

        await client.SendMessage(46, "first");
        await client.SendMessage(46, "second");

        var last = bot.LastMessage(46);
        Assert.NotNull(last);
        Assert.Equal(("second", true), (last.Text, last.FromBot));
        Assert.True(last.MessageId > typed.MessageId);
        Assert.Equal(bot.Messages(46)[^1], last);
        Assert.Equal("hello", bot.LastMessage(47)?.Text);
        Assert.Null(bot.LastMessage(48));
    }
}
