using System.Security.Cryptography;
using System.Text;

namespace RepitBot.Testing;

/// <summary>Fresh secrets per test host, long enough to pass the production checks.</summary>
public static class TestSecrets
{
    /// <summary>The settings that hold each service identity's key, by identity.</summary>
    public static readonly IReadOnlyDictionary<string, string> ServiceKeySettings = new Dictionary<string, string>
    {
        ["users"] = "USERS_SERVICE_KEY",
        ["auth"] = "AUTH_SERVICE_KEY",
        ["bot"] = "BOT_SERVICE_KEY",
    };

    public static string NewJwtKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    public static string NewServiceKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    /// <summary>A fresh key for every service identity, under its setting's name.</summary>
    public static Dictionary<string, string?> NewServiceKeys() =>
        ServiceKeySettings.Values.ToDictionary(setting => setting, _ => (string?)NewServiceKey());

    /// <summary>The form a verifier may be given instead of the key itself.</summary>
    public static string DigestOf(string key) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>The key a sender presents for an identity: the first of the setting's value.</summary>
    public static string PresentedKey(IReadOnlyDictionary<string, string?> settings, string identity) =>
        settings[ServiceKeySettings[identity]]!.Split(',')[0].Trim();
}
