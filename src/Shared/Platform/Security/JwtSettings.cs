using System.Text;
using Microsoft.Extensions.Configuration;
using RepitBot.Shared.Platform.Configuration;

namespace RepitBot.Shared.Platform.Security;

/// <summary>How access tokens are signed and checked. Loaded once at start; a bad value stops the start.</summary>
public sealed class JwtSettings
{
    public const string Algorithm = "HS256";
    public const string AccessTokenType = "at+jwt";
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    // Values copied from the guide and common tutorials: a deployment that kept one of them has no secret at all.
    private static readonly string[] WellKnownSecrets =
    [
        "your-super-secret-jwt-key-change-in-production",
        "your-secret-key",
        "your_secret_key",
        "secret",
        "changeme",
        "change-me",
        "supersecret",
        "super-secret-key",
        "jwt-secret",
        "mysecretkey",
    ];

    private JwtSettings(byte[] signingKey, string issuer, string audience, TimeSpan accessTokenLifetime, TimeSpan refreshTokenLifetime, bool isEphemeralKey)
    {
        SigningKey = signingKey;
        KeyId = KeyIdOf(signingKey);
        Issuer = issuer;
        Audience = audience;
        AccessTokenLifetime = accessTokenLifetime;
        RefreshTokenLifetime = refreshTokenLifetime;
        IsEphemeralKey = isEphemeralKey;
    }

    public byte[] SigningKey { get; }

    /// <summary>The <c>kid</c> of tokens signed with <see cref="SigningKey"/>: a short hash, which reveals nothing of the key.</summary>
    public string KeyId { get; }

    /// <summary>The key before the last rotation, still accepted until <see cref="PreviousKeyValidUntil"/>.</summary>
    public byte[]? PreviousKey { get; private init; }

    public string? PreviousKeyId => PreviousKey is null ? null : KeyIdOf(PreviousKey);

    public DateTimeOffset? PreviousKeyValidUntil { get; private init; }

    public string Issuer { get; }

    public string Audience { get; }

    public TimeSpan AccessTokenLifetime { get; }

    public TimeSpan RefreshTokenLifetime { get; }

    /// <summary>True in development when no key was configured: a random key that lives as long as the process.</summary>
    public bool IsEphemeralKey { get; }

    public static JwtSettings Load(IConfiguration configuration, bool isDevelopment)
    {
        var algorithm = SettingReader.String(configuration, SettingNames.JwtAlgorithm) ?? Algorithm;
        if (!string.Equals(algorithm, Algorithm, StringComparison.Ordinal))
        {
            throw new InvalidSettingException(SettingNames.JwtAlgorithm, $"only {Algorithm} is supported, got '{algorithm}'.");
        }

        var issuer = SettingReader.String(configuration, SettingNames.JwtIssuer) ?? "repitbot";
        var audience = SettingReader.String(configuration, SettingNames.JwtAudience) ?? "repitbot";
        var accessMinutes = SettingReader.Integer(configuration, SettingNames.AccessTokenExpireMinutes, 15, 1, 24 * 60);
        var refreshDays = SettingReader.Integer(configuration, SettingNames.RefreshTokenExpireDays, 30, 1, 365);

        var secret = SettingReader.String(configuration, SettingNames.JwtSecretKey);
        byte[] key;
        var ephemeral = false;
        if (secret is null)
        {
            if (!isDevelopment)
            {
                throw new InvalidSettingException(SettingNames.JwtSecretKey, "is required outside development; set a random value of at least 32 bytes (for example: openssl rand -base64 48).");
            }

            key = System.Security.Cryptography.RandomNumberGenerator.GetBytes(48);
            ephemeral = true;
        }
        else
        {
            key = Encoding.UTF8.GetBytes(secret);
            if (!isDevelopment && WellKnownSecrets.Contains(secret, StringComparer.OrdinalIgnoreCase))
            {
                throw new InvalidSettingException(SettingNames.JwtSecretKey, "is a well-known example value; set a random value of at least 32 bytes.");
            }

            if (!isDevelopment && key.Length < 32)
            {
                throw new InvalidSettingException(SettingNames.JwtSecretKey, $"is {key.Length} bytes long; at least 32 bytes are required.");
            }
        }

        byte[]? previousKey = null;
        DateTimeOffset? previousUntil = null;
        var previous = SettingReader.String(configuration, SettingNames.JwtPreviousSecretKey);
        if (previous is not null)
        {
            previousKey = Encoding.UTF8.GetBytes(previous);
            if (!isDevelopment && previousKey.Length < 32)
            {
                throw new InvalidSettingException(SettingNames.JwtPreviousSecretKey, $"is {previousKey.Length} bytes long; at least 32 bytes are required.");
            }

            var until = SettingReader.String(configuration, SettingNames.JwtPreviousKeyValidUntil);
            if (until is null || !DateTimeOffset.TryParse(until, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsedUntil))
            {
                throw new InvalidSettingException(SettingNames.JwtPreviousKeyValidUntil, "must be set with JWT_PREVIOUS_SECRET_KEY, as an ISO 8601 time such as 2026-12-01T00:00:00Z.");
            }

            previousUntil = parsedUntil;
        }

        return new JwtSettings(key, issuer, audience, TimeSpan.FromMinutes(accessMinutes), TimeSpan.FromDays(refreshDays), ephemeral)
        {
            PreviousKey = previousKey,
            PreviousKeyValidUntil = previousUntil,
        };
    }

    private static string KeyIdOf(byte[] key) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(key))[..16];
}
