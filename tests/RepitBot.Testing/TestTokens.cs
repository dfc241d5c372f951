using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RepitBot.Testing;

/// <summary>
/// Mints access tokens the way the Auth module will: HS256 with the configured key, pinned issuer, audience and type.
/// Until the Auth issue lands, this is how tests act as a person.
/// </summary>
public sealed class TestTokens(string signingKey, string issuer = "repitbot", string audience = "repitbot")
{
    public string For(long userId, string role, TimeSpan? lifetime = null, string? type = "at+jwt", string? key = null, string? tokenIssuer = null, string? tokenAudience = null, DateTime? now = null)
    {
        var issuedAt = now ?? DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = tokenIssuer ?? issuer,
            Audience = tokenAudience ?? audience,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + (lifetime ?? TimeSpan.FromMinutes(15)),
            Subject = new ClaimsIdentity([new Claim("sub", userId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Claim("role", role), new Claim("jti", Guid.NewGuid().ToString("N"))]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key ?? signingKey)), SecurityAlgorithms.HmacSha256),
            TokenType = type,
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>
    /// A well-formed token with every claim a real one has (jti included) but no signature (alg: none): only the
    /// signature rules can refuse it.
    /// </summary>
    public string Unsigned(long userId, string role)
    {
        var real = For(userId, role).Split('.');
        var header = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes("{\"alg\":\"none\",\"typ\":\"at+jwt\"}"));
        return header + "." + real[1] + ".";
    }
}
