using System.Security.Claims;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using RepitBot.Shared.Platform.Security;

namespace RepitBot.Bench.Micro;

/// <summary>
/// The cost of checking one access token with no HTTP around it: by the host's own rules (what every role's bearer
/// authentication and the Auth module's introspection run), and by the bare rules of the JwtBearer baseline. The token
/// is the one the HTTP figures use (BENCH_TOKEN, signed with BENCH_JWT_SECRET_KEY) when given, else one of the same shape.
/// </summary>
public class JwtValidationBenchmarks
{
    private readonly JsonWebTokenHandler handler = new() { MapInboundClaims = false };
    private string token = string.Empty;
    private TokenValidationParameters hostRules = new();
    private TokenValidationParameters baselineRules = new();

    [GlobalSetup]
    public void Setup()
    {
        var secret = Environment.GetEnvironmentVariable("BENCH_JWT_SECRET_KEY") ?? Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["JWT_SECRET_KEY"] = secret }).Build();
        var jwt = JwtSettings.Load(configuration, isDevelopment: false);
        hostRules = AccessTokenValidation.Parameters(jwt, TimeProvider.System);
        baselineRules = new TokenValidationParameters
        {
            ValidIssuer = jwt.Issuer,
            ValidAudience = jwt.Audience,
            IssuerSigningKey = new SymmetricSecurityKey(jwt.SigningKey),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = JwtSettings.ClockSkew,
        };
        token = Environment.GetEnvironmentVariable("BENCH_TOKEN") ?? TokenLike(jwt);
        if (!handler.ValidateTokenAsync(token, hostRules).GetAwaiter().GetResult().IsValid)
        {
            throw new InvalidOperationException("The benchmark token does not validate; is BENCH_JWT_SECRET_KEY the host's JWT_SECRET_KEY?");
        }
    }

    [Benchmark(Baseline = true)]
    public Task<TokenValidationResult> BaselineRules() => handler.ValidateTokenAsync(token, baselineRules);

    [Benchmark]
    public Task<TokenValidationResult> HostRules() => handler.ValidateTokenAsync(token, hostRules);

    private static string TokenLike(JwtSettings jwt)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(1),
            TokenType = JwtSettings.AccessTokenType,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(jwt.SigningKey) { KeyId = jwt.KeyId }, SecurityAlgorithms.HmacSha256),
            Subject = new ClaimsIdentity(
            [
                new Claim("sub", "1"),
                new Claim("role", "admin"),
                new Claim("jti", Guid.NewGuid().ToString("N")),
                new Claim("sid", Guid.NewGuid().ToString("N")),
            ]),
        });
    }
}
