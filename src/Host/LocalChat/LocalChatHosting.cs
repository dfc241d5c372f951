using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using RepitBot.BotApiServer;
using RepitBot.Modules.Bot;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Configuration;
using RepitBot.Shared.Platform.Security;
using SharedCaller = RepitBot.Shared.Contracts.Identity.Caller;

namespace RepitBot.Host.LocalChat;

/// <summary>
/// The local chat (ADR 0016): with no Telegram token, the host serves a Bot API server of its own and a web page where
/// people talk to the real bot through it. The bot is not told: its settings get this host's own URL and a token for
/// the built-in server, and it runs its normal Telegram.Bot client against them.
/// </summary>
internal static partial class LocalChatHosting
{
    public const string Setting = "LOCAL_CHAT";
    public const string ChatPath = "/chat";

    // X-Original-For: the platform's forwarded-headers middleware moved a trusted proxy's X-Forwarded-For into the
    // client address (which may then read 127.0.0.1) and kept the proxy's own address here.
    private static readonly string[] ForwardingHeaders = ["X-Forwarded-For", "Forwarded", "X-Real-IP", "X-Original-For"];

    // A remote admin's stream is checked again this often (a revoked token stops receiving), and at its expiry.
    private static readonly TimeSpan RemoteStreamRecheck = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Whether this process serves the local chat: roles all and bot, no TELEGRAM_BOT_TOKEN, and Development or
    /// LOCAL_CHAT=true (LOCAL_CHAT=false turns it off in Development too). Never beside a real token.
    /// </summary>
    public static LocalChatPlan? Plan(HostRole role, IConfiguration configuration, IHostEnvironment environment)
    {
        var explicitlyOn = SettingReader.Boolean(configuration, Setting, defaultValue: false);
        if (!role.HostsBot() || !SettingReader.Boolean(configuration, Setting, defaultValue: environment.IsDevelopment()))
        {
            return null;
        }

        if (SettingReader.String(configuration, BotModule.TelegramBotTokenSetting) is not null)
        {
            if (explicitlyOn)
            {
                throw new InvalidSettingException(Setting, $"cannot be true with {BotModule.TelegramBotTokenSetting} set: the local chat is for a bot without a real token; remove one of them.");
            }

            return null;
        }

        return new LocalChatPlan(LocalBotApi.NewToken(), ChatUrl(role, configuration));
    }

    /// <summary>
    /// Starts the built-in Bot API server and gives the bot its token and URL, before the bot module reads its settings.
    /// It listens on a loopback port of its own, started now, so the bot's first call finds it: Telegram.Bot drops the
    /// path of a base URL (no room for the Bot API under a path of the host), and the host's own listener opens only
    /// after the bot has started polling.
    /// </summary>
    public static void AddLocalChat(this WebApplicationBuilder builder, LocalChatPlan plan)
    {
        var server = LocalBotApiServer.StartForOneBotAsync(plan.Token).GetAwaiter().GetResult();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [BotModule.TelegramBotTokenSetting] = plan.Token,
            [BotModule.TelegramApiBaseUrlSetting] = server.BaseUrl,
        });
        builder.Services.AddSingleton(plan);
        builder.Services.AddSingleton(server);
        builder.Services.AddHostedService<LocalChatLifetime>();
    }

    /// <summary>The chat's page and its API (guarded by <see cref="AllowAsync"/>), on the host's own address.</summary>
    public static void MapLocalChat(this WebApplication app, LocalChatPlan plan)
    {
        var server = app.Services.GetRequiredService<LocalBotApiServer>();
        app.MapLocalChat(server.Api.Bot(plan.Token), ChatPath).AddEndpointFilter(async (context, next) =>
            await AllowAsync(context.HttpContext) is { } refusal ? refusal : await next(context));
    }

    /// <summary>
    /// Anyone who reaches the chat's API can act as any Telegram user, the admin's own included. So only a direct
    /// loopback client (no proxy in between) or an admin with their access token, in Development too: `dotnet run`
    /// listens on every interface, and a laptop on a shared network must not hand its admin chat to a neighbour.
    /// </summary>
    private static async Task<IResult?> AllowAsync(HttpContext context)
    {
        if (IsDirectLoopback(context))
        {
            return null;
        }

        var authenticated = await context.AuthenticateAsync(AuthenticationRegistration.SchemeName);
        if (!authenticated.Succeeded || SharedCaller.FromPrincipal(authenticated.Principal!) is not { } caller)
        {
            return TypedResults.Problem(
                title: "Sign-in needed.",
                detail: "The local chat answers only on this machine; from elsewhere, send an admin's access token (Authorization: Bearer).",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        if (caller is { IsService: false, Role: UserRole.Admin })
        {
            var recheck = DateTimeOffset.UtcNow + RemoteStreamRecheck;
            context.Items[LocalChatEndpoints.StreamEndsAtItem] =
                authenticated.Properties?.ExpiresUtc is { } expires && expires < recheck ? expires : recheck;
            return null;
        }

        return TypedResults.Problem(title: "Forbidden.", detail: "Only admins may use the local chat from another machine.", statusCode: StatusCodes.Status403Forbidden);
    }

    /// <summary>
    /// A loopback client that asked for a loopback name. The name matters too: a web page whose own domain is made to
    /// resolve to 127.0.0.1 (DNS rebinding) reaches this port from the developer's own browser, but with its domain in
    /// the Host header.
    /// </summary>
    private static bool IsDirectLoopback(HttpContext context)
    {
        if (ForwardingHeaders.Any(context.Request.Headers.ContainsKey) || context.Connection.RemoteIpAddress is not { } address)
        {
            return false;
        }

        return IsLoopback(address) && IsLoopbackName(context.Request.Host.Host);
    }

    private static bool IsLoopbackName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ||
        (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IsLoopback(address));

    private static bool IsLoopback(IPAddress address) => IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    /// <summary>The page's address for the start log: the first http URL of ASPNETCORE_URLS, else the role's own address.</summary>
    private static string ChatUrl(HostRole role, IConfiguration configuration)
    {
        var (scheme, host, port) = ("http", "localhost", "0");
        if (!RepitBotApplication.HasExplicitUrls(configuration))
        {
            var address = role.DefaultAddress(configuration);
            (host, port) = (address.Host, address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            var urls = (configuration[WebHostDefaults.ServerUrlsKey] ?? configuration["ASPNETCORE_URLS"])!.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var match = ListenUrl().Match(urls.FirstOrDefault(url => url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? urls[0]);
            if (match.Success)
            {
                (scheme, host, port) = (match.Groups["scheme"].Value.ToLowerInvariant(), match.Groups["host"].Value, match.Groups["port"].Value);
            }
        }

        host = host is "*" or "+" or "0.0.0.0" or "[::]" ? "localhost" : host;
        return port is "" or "0" ? $"{ChatPath} on this host's address" : $"{scheme}://{host}:{port}{ChatPath}";
    }

    [GeneratedRegex(@"^(?<scheme>https?)://(?<host>\[[^\]]+\]|[^/:]+)(:(?<port>[0-9]{1,5}))?/?$", RegexOptions.IgnoreCase)]
    private static partial Regex ListenUrl();
}
