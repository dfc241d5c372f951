using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using RepitBot.Shared.Platform.Configuration;

namespace RepitBot.Shared.Platform.Security;

/// <summary>
/// The credential the modules present to each other when no person is behind a call. Only its SHA-256 is kept
/// in memory for comparison; <see cref="Value"/> is what an outgoing client sends.
/// </summary>
public sealed class InternalApiKeySettings
{
    public const string HeaderName = "X-Internal-Api-Key";
    private const int MinimumLength = 32;

    private InternalApiKeySettings(string? value)
    {
        Value = value;
        Hash = value is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(value));
    }

    /// <summary>Null in development when no key was configured: then no caller can present one.</summary>
    public string? Value { get; }

    private byte[]? Hash { get; }

    public bool Matches(string presented)
    {
        if (Hash is null)
        {
            return false;
        }

        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        return CryptographicOperations.FixedTimeEquals(presentedHash, Hash);
    }

    public static InternalApiKeySettings Load(IConfiguration configuration, bool isDevelopment)
    {
        var value = SettingReader.String(configuration, SettingNames.InternalApiKey);
        if (value is null && !isDevelopment)
        {
            throw new InvalidSettingException(SettingNames.InternalApiKey, "is required outside development; set a random value of at least 32 characters shared by all services.");
        }

        if (value is not null && !isDevelopment && value.Length < MinimumLength)
        {
            throw new InvalidSettingException(SettingNames.InternalApiKey, $"is {value.Length} characters long; at least {MinimumLength} are required.");
        }

        return new InternalApiKeySettings(value);
    }
}
