using Microsoft.Extensions.Configuration;
using RepitBot.Shared.Platform.Configuration;

namespace RepitBot.Modules.Bot;

/// <summary>The bot's settings, read once at start; a bad value stops the start with the setting's name.</summary>
internal sealed record BotSettings(
    string Token,
    string ApiBaseUrl,
    Uri? WebhookUrl,
    string? WebhookSecret,
    int MaxParallelChats,
    TimeSpan DialogueLifetime,
    int MessagesPerSecond,
    int ChatMessagesPerSecond,
    int PollTimeoutSeconds,
    string? StateKey)
{
    /// <summary>The least length of BOT_STATE_KEY, as of the service keys it may stand in for.</summary>
    public const int MinimumStateKeyLength = 32;

    public const string DefaultApiBaseUrl = "https://api.telegram.org";

    public bool UsesWebhook => WebhookUrl is not null;

    /// <summary>The bot's own id, the token's first part: it names the polling lock without holding the secret.</summary>
    public string BotId => Token.Split(':', 2)[0];

    public static BotSettings? Load(IConfiguration configuration)
    {
        var token = SettingReader.String(configuration, BotModule.TelegramBotTokenSetting);
        if (token is null)
        {
            return null;
        }

        if (!token.Contains(':', StringComparison.Ordinal))
        {
            // Never repeat the value: it is a secret.
            throw new InvalidSettingException(BotModule.TelegramBotTokenSetting, "expected the token BotFather gave, of the form 123456789:AA...");
        }

        var baseUrl = SettingReader.AbsoluteHttpUrl(configuration, BotModule.TelegramApiBaseUrlSetting)?.ToString().TrimEnd('/') ?? DefaultApiBaseUrl;
        var webhookUrl = SettingReader.AbsoluteHttpUrl(configuration, BotModule.TelegramWebhookUrlSetting);
        var webhookSecret = SettingReader.String(configuration, BotModule.TelegramWebhookSecretSetting);
        if (webhookUrl is not null && (webhookSecret is null || webhookSecret.Length < 16 || !webhookSecret.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') || webhookSecret.Length > 256))
        {
            throw new InvalidSettingException(BotModule.TelegramWebhookSecretSetting, "is required with TELEGRAM_WEBHOOK_URL: 16 to 256 characters of A-Z, a-z, 0-9, _ and -.");
        }

        return new BotSettings(
            token,
            baseUrl,
            webhookUrl,
            webhookSecret,
            SettingReader.Integer(configuration, BotModule.MaxParallelChatsSetting, 16, 1, 1024),
            TimeSpan.FromSeconds(SettingReader.Integer(configuration, BotModule.DialogueLifetimeSecondsSetting, 30 * 60, 1, 24 * 60 * 60)),
            SettingReader.Integer(configuration, BotModule.MessagesPerSecondSetting, 30, 0, 1000),
            SettingReader.Integer(configuration, BotModule.ChatMessagesPerSecondSetting, 1, 0, 100),
            SettingReader.Integer(configuration, BotModule.PollTimeoutSecondsSetting, 25, 1, 50),
            StateKeyOf(configuration));
    }

    /// <summary>The token and the state key are secrets: the record's generated text would print them.</summary>
    public override string ToString() => $"bot {BotId} at {ApiBaseUrl}, {(UsesWebhook ? "webhook" : "polling")}";

    private static string? StateKeyOf(IConfiguration configuration)
    {
        var key = SettingReader.String(configuration, BotModule.BotStateKeySetting);
        if (key is not null && key.Length < MinimumStateKeyLength)
        {
            throw new InvalidSettingException(BotModule.BotStateKeySetting, $"a key is {key.Length} characters long; at least {MinimumStateKeyLength} random characters are required (for example: openssl rand -hex 32).");
        }

        return key;
    }
}
