using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using RepitBot.Modules.Auth.Tokens;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Shared.Platform.Configuration;
using RepitBot.Shared.Platform.Security;

namespace RepitBot.Modules.Auth.Tests;

/// <summary>A token read once is remembered, but never past its lifetime, and never when the previous key signed it.</summary>
public sealed class AccessTokenReaderTests
{
    private const string CurrentKey = "the-current-signing-key-of-these-tests-0123456789";
    private const string PreviousKey = "the-previous-signing-key-of-these-tests-987654321";
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_remembered_token_is_refused_once_it_has_expired()
    {
        var jwt = Settings(CurrentKey);
        var reader = new AccessTokenReader(jwt, clock);
        var token = Issue(jwt);
        Assert.NotNull(await reader.ReadAsync(token, CancellationToken.None));

        clock.Advance(jwt.AccessTokenLifetime + JwtSettings.ClockSkew + TimeSpan.FromSeconds(1));

        Assert.Null(await reader.ReadAsync(token, CancellationToken.None));
    }

    [Fact]
    public async Task A_token_of_the_previous_key_is_refused_once_that_key_has_ended_even_after_a_read()
    {
        var issuing = Settings(PreviousKey);
        var jwt = Settings(CurrentKey, (SettingNames.JwtPreviousSecretKey, PreviousKey), (SettingNames.JwtPreviousKeyValidUntil, clock.GetUtcNow().AddMinutes(1).ToString("O")));
        var reader = new AccessTokenReader(jwt, clock);
        var token = Issue(issuing);
        Assert.NotNull(await reader.ReadAsync(token, CancellationToken.None));

        clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Null(await reader.ReadAsync(token, CancellationToken.None));
    }

    [Fact]
    public async Task A_token_read_again_gives_the_same_claims()
    {
        var jwt = Settings(CurrentKey);
        var reader = new AccessTokenReader(jwt, clock);
        var token = Issue(jwt);

        var first = await reader.ReadAsync(token, CancellationToken.None);
        var second = await reader.ReadAsync(token, CancellationToken.None);

        Assert.NotNull(first);
        Assert.Equal(first, second);
        Assert.Equal(42, second!.UserId);
    }

    private string Issue(JwtSettings jwt) =>
        new AccessTokenIssuer(jwt).Issue(42, UserRole.Tutor, Guid.NewGuid(), 1, AccessTokenIssuer.NewTokenId(), clock.GetUtcNow().UtcDateTime).Token;

    private static JwtSettings Settings(string key, params (string Name, string Value)[] more) =>
        JwtSettings.Load(
            new ConfigurationBuilder()
                .AddInMemoryCollection([new KeyValuePair<string, string?>(SettingNames.JwtSecretKey, key), .. more.Select(s => new KeyValuePair<string, string?>(s.Name, s.Value))])
                .Build(),
            isDevelopment: false);
}
