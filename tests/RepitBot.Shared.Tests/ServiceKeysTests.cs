using System.Security.Cryptography;
using System.Text;
using RepitBot.Shared.Platform.Configuration;
using RepitBot.Shared.Platform.Security;
using Xunit;

namespace RepitBot.Shared.Tests;

public sealed class ServiceKeysTests
{
    private const string NewKey = "Qm7vR2xT9kL4pW8zN3bC6dF1gH5jS0aE"; // 32 characters
    private const string OldKey = "Zx8cV7bN6mA5sD4fG3hJ2kL1qW0eR9tY";
    private static readonly ServiceIdentity Caller = new("caller", "CALLER_KEY");
    private static readonly ServiceIdentity Other = new("other", "OTHER_KEY");

    [Fact]
    public void Given_new_comma_old_Then_the_new_key_is_presented_and_both_are_accepted_for_that_identity_only()
    {
        var keys = Load(Caller, ServiceKeyUse.Present, $"{NewKey}, {OldKey}");
        keys.Add(Other, ServiceKeyUse.Verify, TestConfiguration.With((Other.KeySetting, "Pp0oO9iI8uU7yY6tT5rR4eE3wW2qQ1aA")));

        Assert.Equal(NewKey, keys.KeyFor("caller"));
        Assert.Null(keys.KeyFor("other"));
        Assert.Equal("caller", keys.IdentityOf(NewKey));
        Assert.Equal("caller", keys.IdentityOf(OldKey));
        Assert.Equal("other", keys.IdentityOf("Pp0oO9iI8uU7yY6tT5rR4eE3wW2qQ1aA"));
        Assert.Null(keys.IdentityOf(NewKey + "x"));
    }

    [Fact]
    public void Given_a_digest_Then_a_verifier_accepts_the_key_it_cannot_present()
    {
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(NewKey)));

        var keys = Load(Caller, ServiceKeyUse.Verify, digest);

        Assert.Equal("caller", keys.IdentityOf(NewKey));
        Assert.Null(keys.KeyFor("caller"));
        Assert.Null(keys.IdentityOf(digest));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Qm7vR2xT9kL4pW8zN3bC6dF1gH5jS0a")]
    [InlineData("sha256:abc")]
    [InlineData("Qm7vR2xT9kL4pW8zN3bC6dF1gH5jS0aE,short")]
    public void Given_a_missing_weak_or_malformed_key_outside_development_Then_the_start_is_refused_naming_the_setting_not_the_key(string? value)
    {
        var error = Assert.Throws<InvalidSettingException>(() => Load(Caller, ServiceKeyUse.Verify, value));

        Assert.Equal(Caller.KeySetting, error.Setting);
        Assert.DoesNotContain(NewKey[..20], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_digest_first_where_the_identity_must_be_presented_Then_the_start_is_refused()
    {
        var digest = "sha256:" + new string('a', 64);

        var error = Assert.Throws<InvalidSettingException>(() => Load(Caller, ServiceKeyUse.Present, $"{digest},{NewKey}"));

        Assert.Equal(Caller.KeySetting, error.Setting);
    }

    [Fact]
    public void Given_no_key_in_development_Then_a_random_one_lives_as_long_as_the_process()
    {
        var keys = new ServiceKeys(isDevelopment: true);
        keys.Add(Caller, ServiceKeyUse.Present, TestConfiguration.With());

        var key = keys.KeyFor("caller");

        Assert.NotNull(key);
        Assert.True(key.Length >= 32);
        Assert.Equal("caller", keys.IdentityOf(key));
    }

    private static ServiceKeys Load(ServiceIdentity identity, ServiceKeyUse use, string? value)
    {
        var keys = new ServiceKeys(isDevelopment: false);
        keys.Add(identity, use, TestConfiguration.With((identity.KeySetting, value)));
        return keys;
    }
}
