using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

// The bare endpoint every host figure is divided by, and the same behind JwtBearer with the host's signing key,
// issuer and audience, so the ratio shows what the host adds on top of ASP.NET Core and token validation. With
// BASELINE_DATABASE (an Npgsql connection string), a third endpoint adds one read of a user by primary key through
// the driver itself, pooled and prepared: the floor under any read that goes to PostgreSQL on every request.
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

if (builder.Configuration["BASELINE_DATABASE"] is { Length: > 0 } database)
{
    var source = new NpgsqlDataSourceBuilder(database).Build();
    app.MapGet("/pg/{id:long}", async Task<IResult> (long id, CancellationToken cancellationToken) =>
    {
        await using var command = source.CreateCommand("SELECT id, full_name, role, username, telegram_id, is_active FROM users.users WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(new SmallUser(
            reader.GetInt64(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetInt64(4),
            reader.GetBoolean(5)));
    }).RequireAuthorization();
}

app.Run();

internal sealed record SmallUser(long Id, string FullName, string Role, string? Username, long? TelegramId, bool IsActive);
