using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RepitBot.Shared.Contracts.Idempotency;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Platform.Configuration;
using RepitBot.Shared.Platform.Security;

namespace RepitBot.Modules.Bot.Sessions;

/// <summary>
/// The bot's own two keys, derived with HKDF from BOT_STATE_KEY, or else from the key the bot presents as its service
/// identity (BOT_SERVICE_KEY), which every process running the bot already holds: one seals the tokens it keeps
/// (AES-GCM, so what Redis holds is no bearer token), the other names its writes after the Telegram update that asked
/// for them, so a redelivered update repeats no write. See ADR 0017.
/// </summary>
internal sealed class BotSecrets
{
    private const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] sealingKey;
    private readonly byte[] writeKey;

    public BotSecrets(BotSettings settings, ServiceKeys serviceKeys)
    {
        var root = settings.StateKey ?? serviceKeys.KeyFor(ServiceNames.Bot)
            ?? throw new InvalidSettingException(BotModule.BotStateKeySetting, "is required when this process does not present the bot's service key (BOT_SERVICE_KEY).");
        var secret = Encoding.UTF8.GetBytes(root);
        sealingKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, KeySize, info: "repitbot-bot-state-v1"u8.ToArray());
        writeKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, KeySize, info: "repitbot-bot-writes-v1"u8.ToArray());
    }

    /// <summary>Seals <paramref name="plain"/> for the store entry <paramref name="name"/>: it opens under that name only.</summary>
    public string Seal(string plain, string name)
    {
        var data = Encoding.UTF8.GetBytes(plain);
        var sealedBytes = new byte[NonceSize + TagSize + data.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(sealingKey, TagSize);
        aes.Encrypt(nonce, data, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(name));
        return Convert.ToBase64String(sealedBytes);
    }

    /// <summary>What <see cref="Seal"/> sealed under this name and key; null for anything else (another key, a tampered or older value).</summary>
    public string? Open(string sealedText, string name)
    {
        var sealedBytes = new byte[sealedText.Length];
        if (!Convert.TryFromBase64String(sealedText, sealedBytes, out var length) || length < NonceSize + TagSize)
        {
            return null;
        }

        var data = new byte[length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(sealingKey, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize, data.Length), sealedBytes.AsSpan(NonceSize, TagSize), data, Encoding.UTF8.GetBytes(name));
            return Encoding.UTF8.GetString(data);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    /// <summary>
    /// The idempotency key of one write (<paramref name="step"/>) asked for by one Telegram update: the same for the
    /// same update however often it is delivered, and not guessable by anyone without the bot's key.
    /// </summary>
    public IdempotencyKey WriteKey(string botId, int updateId, string step)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{botId}:{updateId}:{step}");
        var value = Convert.ToHexStringLower(HMACSHA256.HashData(writeKey, Encoding.UTF8.GetBytes(name)));
        return IdempotencyKey.TryParse(value, out var key) ? key : throw new InvalidOperationException("A hex digest is always a valid idempotency key.");
    }
}
