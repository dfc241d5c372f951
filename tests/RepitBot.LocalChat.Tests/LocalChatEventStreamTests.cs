using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RepitBot.BotApiServer;
using RepitBot.Testing;

namespace RepitBot.LocalChat.Tests;

/// <summary>
/// A chat's event stream does not outlive what it was opened under: the host (an open tab must not hold a shutdown)
/// and the time its guard gave it (a remote admin's token is checked again when the page reconnects).
/// </summary>
public sealed class LocalChatEventStreamTests
{
    private const string Token = "7000000012:stream-test-bot";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Given_an_open_stream_When_the_host_stops_Then_the_stream_ends()
    {
        await using var chat = await ChatApp.StartAsync(endsAt: null);
        using var response = await chat.Http.GetAsync(new Uri("/chat/api/people/1001/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        Assert.Equal("retry: 1000", await reader.ReadLineAsync());

        chat.App.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        Assert.Contains("event: reset", await reader.ReadToEndAsync().WaitAsync(Deadline), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_guard_that_gave_the_stream_an_end_Then_the_stream_ends_then()
    {
        await using var chat = await ChatApp.StartAsync(endsAt: TimeSpan.FromSeconds(1));
        using var response = await chat.Http.GetAsync(new Uri("/chat/api/people/1001/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var everything = await reader.ReadToEndAsync().WaitAsync(Deadline);

        Assert.StartsWith("retry: 1000\nevent: reset", everything, StringComparison.Ordinal);
    }

    private sealed class ChatApp(WebApplication app, LocalBotApi api, HttpClient http) : IAsyncDisposable
    {
        public WebApplication App { get; } = app;

        public HttpClient Http { get; } = http;

        public static async Task<ChatApp> StartAsync(TimeSpan? endsAt)
        {
            var port = FreePort.Next();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            var app = builder.Build();
            var api = new LocalBotApi { OnlyToken = Token };
            app.MapLocalChat(api.Bot(Token)).AddEndpointFilter(async (context, next) =>
            {
                if (endsAt is { } after)
                {
                    context.HttpContext.Items[LocalChatEndpoints.StreamEndsAtItem] = DateTimeOffset.UtcNow + after;
                }

                return await next(context);
            });
            await app.StartAsync();
            return new ChatApp(app, api, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = Timeout.InfiniteTimeSpan });
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await api.DisposeAsync();
            await App.DisposeAsync();
        }
    }
}
