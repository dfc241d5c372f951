using System.Security.Cryptography;

namespace RepitBot.Testing;

/// <summary>Fresh secrets per test host, long enough to pass the production checks.</summary>
public static class TestSecrets
{
    public static string NewJwtKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

    public static string NewInternalApiKey() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
}
