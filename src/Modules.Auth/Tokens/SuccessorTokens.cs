using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using RepitBot.Shared.Platform.Security;

namespace RepitBot.Modules.Auth.Tokens;

/// <summary>
/// The refresh token that succeeds a presented one is derived from it with a key of the server's (HMAC-SHA256 under a
/// key derived from JWT_SECRET_KEY), so a retried refresh can answer the same successor again with no refresh token
/// stored in plain text or in a form the database alone can turn back into one (ADR 0012). Only the holder of the
/// presented token and the server can compute it; it is as unpredictable as a random token to everyone else.
/// </summary>
internal sealed class SuccessorTokens(JwtSettings jwt)
{
    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("repitbot refresh-token successor v1");
    private readonly byte[] key = HKDF.DeriveKey(HashAlgorithmName.SHA256, jwt.SigningKey, 32, salt: [], info: Purpose);

    public string Of(string presentedRefreshToken) =>
        Base64UrlEncoder.Encode(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(presentedRefreshToken)));
}
