using System.Text;
using RepitBot.Shared.Platform.Configuration;
using RepitBot.Shared.Platform.Security;
using Xunit;

namespace RepitBot.Shared.Tests;

public sealed class JwtSettingsTests
{
    private const string GoodKey = "k9Vq3xZ7pL2mN8rT4wY6bC1dF5gH0jK3"; // 32 bytes

    [Fact]
    public void Given_no_key_outside_development_Then_the_start_is_refused()
    {
        var error = Assert.Throws<InvalidSettingException>(() => JwtSettings.Load(TestConfiguration.With(), isDevelopment: false));

        Assert.Equal(SettingNames.JwtSecretKey, error.Setting);
    }

    [Fact]
    public void Given_a_key_shorter_than_32_bytes_outside_development_Then_the_start_is_refused_without_echoing_it()
    {
        var shortKey = GoodKey[..31];

        var error = Assert.Throws<InvalidSettingException>(() => Load(shortKey, isDevelopment: false));

        Assert.Equal(SettingNames.JwtSecretKey, error.Setting);
        Assert.DoesNotContain(shortKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_key_of_exactly_32_bytes_outside_development_Then_it_signs_with_those_bytes()
    {
        var jwt = Load(GoodKey, isDevelopment: false);

        Assert.Equal(Encoding.UTF8.GetBytes(GoodKey), jwt.SigningKey);
        Assert.False(jwt.IsEphemeralKey);
    }

    [Fact]
    public void Given_a_key_of_16_Cyrillic_letters_Then_its_32_UTF8_bytes_are_long_enough()
    {
        // The minimum is in bytes of key material, not in characters.
        var jwt = Load("ключключключключ", isDevelopment: false);

        Assert.Equal(32, jwt.SigningKey.Length);
    }

    [Theory]
    [InlineData("your-super-secret-jwt-key-change-in-production")]
    [InlineData("YOUR-SUPER-SECRET-JWT-KEY-CHANGE-IN-PRODUCTION")]
    [InlineData("your-secret-key")]
    public void Given_a_well_known_example_key_outside_development_Then_the_start_is_refused_without_echoing_it(string example)
    {
        // The first two are longer than 32 bytes: only their being well known can refuse them.
        var error = Assert.Throws<InvalidSettingException>(() => Load(example, isDevelopment: false));

        Assert.Equal(SettingNames.JwtSecretKey, error.Setting);
        Assert.DoesNotContain(example, error.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Given_no_key_in_development_Then_a_random_ephemeral_key_of_at_least_32_bytes_is_used()
    {
        var first = JwtSettings.Load(TestConfiguration.With(), isDevelopment: true);
        var second = JwtSettings.Load(TestConfiguration.With(), isDevelopment: true);

        Assert.True(first.IsEphemeralKey);
        Assert.True(first.SigningKey.Length >= 32, $"The ephemeral key has only {first.SigningKey.Length} bytes.");
        Assert.NotEqual(first.SigningKey, second.SigningKey);
    }

    [Theory]
    [InlineData("HS512")]
    [InlineData("RS256")]
    [InlineData("none")]
    public void Given_an_algorithm_other_than_HS256_Then_the_start_is_refused_even_in_development(string algorithm)
    {
        var configuration = TestConfiguration.With((SettingNames.JwtSecretKey, GoodKey), (SettingNames.JwtAlgorithm, algorithm));

        var error = Assert.Throws<InvalidSettingException>(() => JwtSettings.Load(configuration, isDevelopment: true));

        Assert.Equal(SettingNames.JwtAlgorithm, error.Setting);
    }

    [Fact]
    public void Given_HS256_spelled_out_Then_it_is_accepted()
    {
        var configuration = TestConfiguration.With((SettingNames.JwtSecretKey, GoodKey), (SettingNames.JwtAlgorithm, "HS256"));

        Assert.Equal(Encoding.UTF8.GetBytes(GoodKey), JwtSettings.Load(configuration, isDevelopment: false).SigningKey);
    }

    [Fact]
    public void Given_only_a_key_Then_issuer_audience_and_lifetimes_take_their_defaults()
    {
        var jwt = Load(GoodKey, isDevelopment: false);

        Assert.Equal(("repitbot", "repitbot"), (jwt.Issuer, jwt.Audience));
        Assert.Equal(TimeSpan.FromMinutes(15), jwt.AccessTokenLifetime);
        Assert.Equal(TimeSpan.FromDays(30), jwt.RefreshTokenLifetime);
    }

    [Fact]
    public void Given_lifetimes_issuer_and_audience_Then_they_are_applied()
    {
        var configuration = TestConfiguration.With(
            (SettingNames.JwtSecretKey, GoodKey),
            (SettingNames.JwtIssuer, "repitbot-auth"),
            (SettingNames.JwtAudience, "repitbot-api"),
            (SettingNames.AccessTokenExpireMinutes, "60"),
            (SettingNames.RefreshTokenExpireDays, "7"));

        var jwt = JwtSettings.Load(configuration, isDevelopment: false);

        Assert.Equal(("repitbot-auth", "repitbot-api"), (jwt.Issuer, jwt.Audience));
        Assert.Equal(TimeSpan.FromMinutes(60), jwt.AccessTokenLifetime);
        Assert.Equal(TimeSpan.FromDays(7), jwt.RefreshTokenLifetime);
    }

    [Theory]
    [InlineData(SettingNames.AccessTokenExpireMinutes, "0")]
    [InlineData(SettingNames.RefreshTokenExpireDays, "366")]
    public void Given_a_lifetime_out_of_range_Then_the_start_is_refused_naming_it(string setting, string value)
    {
        var configuration = TestConfiguration.With((SettingNames.JwtSecretKey, GoodKey), (setting, value));

        var error = Assert.Throws<InvalidSettingException>(() => JwtSettings.Load(configuration, isDevelopment: false));

        Assert.Equal(setting, error.Setting);
    }

    private static JwtSettings Load(string key, bool isDevelopment) =>
        JwtSettings.Load(TestConfiguration.With((SettingNames.JwtSecretKey, key)), isDevelopment);
}
