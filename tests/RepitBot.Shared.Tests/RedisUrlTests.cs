using System.Net;
using RepitBot.Shared.Platform.Configuration;
using RepitBot.Shared.Platform.Redis;
using Xunit;

namespace RepitBot.Shared.Tests;

public sealed class RedisUrlTests
{
    private const string Setting = SettingNames.RedisUrl;
    private const string Password = "hunter2-Zq9";

    [Fact]
    public void Given_a_plain_redis_URL_Then_it_connects_to_that_host_and_port_without_TLS_or_password()
    {
        var options = RedisUrl.Parse(Setting, "redis://cache.internal:6380");

        var endpoint = Assert.IsType<DnsEndPoint>(Assert.Single(options.EndPoints));
        Assert.Equal(("cache.internal", 6380), (endpoint.Host, endpoint.Port));
        Assert.False(options.Ssl);
        Assert.Null(options.Password);
        Assert.Null(options.User);
    }

    [Fact]
    public void Given_no_port_Then_the_Redis_default_6379_is_used()
    {
        var options = RedisUrl.Parse(Setting, "redis://redis");

        Assert.Equal(6379, Assert.IsType<DnsEndPoint>(Assert.Single(options.EndPoints)).Port);
    }

    [Fact]
    public void Given_a_password_only_and_a_database_number_Then_both_are_applied()
    {
        var options = RedisUrl.Parse(Setting, $"redis://:{Password}@redis:6379/2");

        Assert.Null(options.User);
        Assert.Equal(Password, options.Password);
        Assert.Equal(2, options.DefaultDatabase);
    }

    [Fact]
    public void Given_a_rediss_URL_with_an_encoded_password_Then_TLS_is_on_and_user_and_password_are_decoded()
    {
        var options = RedisUrl.Parse(Setting, "rediss://app:p%40ss%3Aword@redis.example:6380/0");

        Assert.True(options.Ssl);
        Assert.Equal("app", options.User);
        Assert.Equal("p@ss:word", options.Password);
        Assert.Equal(0, options.DefaultDatabase);
    }

    [Fact]
    public void Given_the_StackExchange_Redis_form_Then_it_is_read_as_that_library_reads_it()
    {
        var options = RedisUrl.Parse(Setting, $"redis:6379,password={Password},ssl=true");

        Assert.Equal(6379, Assert.IsType<DnsEndPoint>(Assert.Single(options.EndPoints)).Port);
        Assert.Equal(Password, options.Password);
        Assert.True(options.Ssl);
    }

    [Theory]
    [InlineData("redis://redis:6379")]
    [InlineData("redis:6379,abortConnect=true,connectTimeout=30000")]
    public void Given_any_form_Then_a_Redis_outage_does_not_stop_the_start_and_waits_are_short(string value)
    {
        var options = RedisUrl.Parse(Setting, value);

        Assert.False(options.AbortOnConnectFail);
        Assert.Equal(2000, options.ConnectTimeout);
        Assert.Equal(2000, options.SyncTimeout);
        Assert.Equal(2000, options.AsyncTimeout);
    }

    [Theory]
    [InlineData($"http://:{Password}@redis:6379")]
    [InlineData($"redis://:{Password}@redis:6379/cache")]
    [InlineData($"redis://:{Password}@redis:6379/-1")]
    [InlineData($"redis://:{Password}@:6379")]
    [InlineData($"redis:6379,password={Password},frobnicate=yes")]
    public void Given_a_value_that_is_no_Redis_address_Then_the_error_names_the_setting_and_never_the_password(string value)
    {
        var error = Assert.Throws<InvalidSettingException>(() => RedisUrl.Parse(Setting, value));

        Assert.Equal(Setting, error.Setting);
        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
    }
}
