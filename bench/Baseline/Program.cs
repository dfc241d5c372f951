using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

// The bare endpoint every host figure is divided by, and the same behind JwtBearer with the host's signing key,
// issuer and audience, so the ratio shows what the host adds on top of ASP.NET Core and token validation.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();

var secret = builder.Configuration["JWT_SECRET_KEY"] ?? throw new InvalidOperationException("JWT_SECRET_KEY is required.");
var issuer = builder.Configuration["JWT_ISSUER"] ?? "repitbot";
var audience = builder.Configuration["JWT_AUDIENCE"] ?? "repitbot";

builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
{
    options.MapInboundClaims = false;
    options.TokenValidationParameters = new TokenValidationParameters
    {
        ValidIssuer = issuer,
        ValidAudience = audience,
        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.FromSeconds(30),
    };
});
builder.Services.AddAuthorization();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();

// About the size and shape of one user as the Users API answers it.
var body = new SmallUser(1, "Anna Admin", "admin", null, null, true);
app.MapGet("/json", () => TypedResults.Ok(body));
app.MapGet("/jwt", () => TypedResults.Ok(body)).RequireAuthorization();

app.Run();

internal sealed record SmallUser(long Id, string FullName, string Role, string? Username, long? TelegramId, bool IsActive);
