using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace RepitBot.BotApiServer;

/// <summary>
/// The bots a local Bot API server knows, by token. Any token of Telegram's shape (<c>digits:secret</c>) is a bot of
/// its own, made on first use, as a freshly created bot would be.
/// </summary>
public sealed partial class LocalBotApi : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, LocalBot> bots = new(StringComparer.Ordinal);
    private readonly HttpClient webhookClient = new() { Timeout = TimeSpan.FromSeconds(60) };

    public static bool IsTokenShaped(string token) => TokenShape().IsMatch(token);

    /// <summary>
    /// When set, the one token this server knows: any other is refused (401) instead of becoming a bot of its own. A
    /// host serving the local chat sets it, so nobody who reaches the server can open bots on it.
    /// </summary>
    public string? OnlyToken { get; init; }

    /// <summary>Whether a request with this token is served: token-shaped, and the only token when one is set.</summary>
    public bool Accepts(string token) =>
        IsTokenShaped(token) && (OnlyToken is null || CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(OnlyToken)));

    /// <summary>A fresh random token of Telegram's shape, <c>digits:secret</c>, for a bot that lives as long as this process.</summary>
    public static string NewToken() =>
        $"{RandomNumberGenerator.GetInt32(1_000_000_000, int.MaxValue)}:{Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', '-').Replace('/', '_')}";

    /// <summary>The bot with this token, made now if it is new.</summary>
    public LocalBot Bot(string token)
    {
        if (!Accepts(token))
        {
            throw new ArgumentException(IsTokenShaped(token) ? "This server serves one bot only, with another token." : "A bot token looks like 123456789:secret.", nameof(token));
        }

        return bots.GetOrAdd(token, t => new LocalBot(t, long.Parse(t.Split(':')[0], CultureInfo.InvariantCulture), webhookClient));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var bot in bots.Values)
        {
            await bot.DisposeAsync();
        }

        webhookClient.Dispose();
    }

    [GeneratedRegex("^[0-9]{1,15}:[A-Za-z0-9_-]{1,100}$")]
    private static partial Regex TokenShape();
}
