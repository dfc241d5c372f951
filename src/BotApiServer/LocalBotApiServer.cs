using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RepitBot.BotApiServer;

/// <summary>
/// A local Bot API server on its own Kestrel listener, for a test or a tool: point a bot's base URL at
/// <see cref="BaseUrl"/>. A host that already serves HTTP maps <see cref="LocalBotApiEndpoints.MapLocalBotApi"/> instead.
/// </summary>
public sealed class LocalBotApiServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private LocalBotApiServer(WebApplication app, LocalBotApi api, string baseUrl)
    {
        this.app = app;
        Api = api;
        BaseUrl = baseUrl;
    }

    public LocalBotApi Api { get; }

    /// <summary>What a Telegram.Bot client takes as its base URL, e.g. http://127.0.0.1:5123.</summary>
    public string BaseUrl { get; }

    /// <summary>Starts on a loopback port; 0 lets the system pick a free one.</summary>
    public static Task<LocalBotApiServer> StartAsync(int port = 0, CancellationToken cancellationToken = default) =>
        StartAsync(new LocalBotApi(), port, cancellationToken);

    /// <summary>
    /// The built-in server of a host's local chat: one bot, whose token is the only one served (any other gets 401),
    /// on a loopback port of its own.
    /// </summary>
    public static Task<LocalBotApiServer> StartForOneBotAsync(string token, CancellationToken cancellationToken = default) =>
        StartAsync(new LocalBotApi { OnlyToken = token }, 0, cancellationToken);

    /// <summary>Serves these bots (for example a <see cref="LocalBotApi"/> that knows only one token) on a loopback port.</summary>
    public static async Task<LocalBotApiServer> StartAsync(LocalBotApi api, int port = 0, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapLocalBotApi(api);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LocalBotApiServer(app, api, address.TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await app.StopAsync(stopping.Token);
        await app.DisposeAsync();
    }
}
