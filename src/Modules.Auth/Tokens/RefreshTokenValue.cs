using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace RepitBot.Modules.Auth.Tokens;

/// <summary>Refresh tokens are opaque: 256 random bits, base64url. Only their SHA-256 is stored.</summary>
internal static class RefreshTokenValue
{
    public static string New() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
