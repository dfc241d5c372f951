using RepitBot.Shared.Platform.Configuration;
using RepitBot.Shared.Platform.Security;
using Xunit;

namespace RepitBot.Shared.Tests;

public sealed class InternalApiKeySettingsTests
{
    private const string GoodKey = "Qm7vR2xT9kL4pW8zN3bC6dF1gH5jS0aE"; // 32 characters

    [Fact]
    public void Given_no_key_outside_development_Then_the_start_is_refused()
    {
        var error = Assert.Throws<InvalidSettingException>(() => InternalApiKeySettings.Load(TestConfiguration.With(), isDevelopment: false));

        Assert.Equal(SettingNames.InternalApiKey, error.Setting);
    }

    [Fact]
    public void Given_a_key_shorter_than_32_characters_outside_development_Then_the_start_is_refused_without_echoing_it()
    {
        var shortKey = GoodKey[..31];

        var error = Assert.Throws<InvalidSettingException>(() => Load(shortKey, isDevelopment: false));

        Assert.Equal(SettingNames.InternalApiKey, error.Setting);
        Assert.DoesNotContain(shortKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_key_of_32_characters_Then_it_is_what_clients_send_and_exactly_it_matches()
    {
        var settings = Load(GoodKey, isDevelopment: false);

        Assert.Equal(GoodKey, settings.Value);
        Assert.True(settings.Matches(GoodKey));
        Assert.False(settings.Matches(GoodKey.ToLowerInvariant()));
        Assert.False(settings.Matches(GoodKey[..31]));
        Assert.False(settings.Matches(GoodKey + "x"));
        Assert.False(settings.Matches(string.Empty));
    }

    [Fact]
    public void Given_no_key_in_development_Then_there_is_nothing_to_send_and_nothing_matches()
    {
        var settings = InternalApiKeySettings.Load(TestConfiguration.With(), isDevelopment: true);

        Assert.Null(settings.Value);
        Assert.False(settings.Matches(string.Empty));
        Assert.False(settings.Matches(GoodKey));
    }

    private static InternalApiKeySettings Load(string key, bool isDevelopment) =>
        InternalApiKeySettings.Load(TestConfiguration.With((SettingNames.InternalApiKey, key)), isDevelopment);
}
