using RepitBot.BotApiServer;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace RepitBot.Modules.Bot.Tests;

/// <summary>
/// The built-in Bot API server of the host's local chat passes the same wire-format tests (every test of the base
/// class runs against it), and serves its one bot only.
/// </summary>
public sealed class BuiltInBotApiServerTests : LocalBotApiServerTests
{
    protected override Task<LocalBotApiServer> StartServerAsync() => LocalBotApiServer.StartForOneBotAsync(Token);

    [Fact]
    public async Task Given_another_token_Then_the_built_in_server_answers_401_and_makes_no_bot()
    {
        var stranger = new TelegramBotClient(new TelegramBotClientOptions("7000000003:someone-else", Server.BaseUrl) { RetryCount = 0 }, Http);

        var refused = await Assert.ThrowsAsync<ApiRequestException>(() => stranger.GetMe());

        Assert.Equal(401, refused.ErrorCode);
        Assert.Throws<ArgumentException>(() => Server.Api.Bot("7000000003:someone-else"));
        Assert.Equal(7000000002, (await Client.GetMe()).Id);
    }
}
