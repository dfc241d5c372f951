using RepitBot.Shared.Platform.Configuration;
using Xunit;

namespace RepitBot.Shared.Tests;

public sealed class SettingReaderTests
{
    private const string Name = "SOME_SETTING";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Given_a_missing_or_blank_setting_Then_String_is_null(string? value)
    {
        Assert.Null(SettingReader.String(TestConfiguration.With((Name, value)), Name));
    }

    [Fact]
    public void Given_a_setting_with_surrounding_whitespace_Then_String_trims_it()
    {
        Assert.Equal("value", SettingReader.String(TestConfiguration.With((Name, "  value \t")), Name));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("yes", true)]
    [InlineData("On", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("0", false)]
    [InlineData("no", false)]
    [InlineData("OFF", false)]
    public void Given_a_boolean_spelled_any_usual_way_Then_Boolean_reads_it(string value, bool expected)
    {
        // The default is the opposite of the expectation, so a value that was ignored would show.
        Assert.Equal(expected, SettingReader.Boolean(TestConfiguration.With((Name, value)), Name, defaultValue: !expected));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Given_no_boolean_setting_Then_Boolean_gives_the_default(bool defaultValue)
    {
        Assert.Equal(defaultValue, SettingReader.Boolean(TestConfiguration.With(), Name, defaultValue));
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("2")]
    [InlineData("truee")]
    public void Given_a_value_that_is_no_boolean_Then_Boolean_refuses_naming_the_setting(string value)
    {
        var error = Assert.Throws<InvalidSettingException>(() => SettingReader.Boolean(TestConfiguration.With((Name, value)), Name, defaultValue: false));

        Assert.Equal(Name, error.Setting);
        Assert.StartsWith($"{Name}: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("42", 42)]
    [InlineData(" 100 ", 100)]
    public void Given_a_whole_number_in_range_Then_Integer_reads_it(string value, int expected)
    {
        Assert.Equal(expected, SettingReader.Integer(TestConfiguration.With((Name, value)), Name, defaultValue: 7, min: 1, max: 100));
    }

    [Fact]
    public void Given_no_number_setting_Then_Integer_gives_the_default()
    {
        Assert.Equal(7, SettingReader.Integer(TestConfiguration.With(), Name, defaultValue: 7, min: 1, max: 100));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("1,000")]
    [InlineData("ten")]
    [InlineData("99999999999")]
    public void Given_a_value_out_of_range_or_not_a_whole_number_Then_Integer_refuses_naming_the_setting(string value)
    {
        var error = Assert.Throws<InvalidSettingException>(() => SettingReader.Integer(TestConfiguration.With((Name, value)), Name, defaultValue: 7, min: 1, max: 100));

        Assert.Equal(Name, error.Setting);
        Assert.Contains("from 1 to 100", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://user-service:8001")]
    [InlineData("https://auth.example.org/")]
    public void Given_an_absolute_http_or_https_address_Then_AbsoluteHttpUrl_returns_it(string value)
    {
        Assert.Equal(new Uri(value), SettingReader.AbsoluteHttpUrl(TestConfiguration.With((Name, value)), Name));
    }

    [Fact]
    public void Given_no_address_Then_AbsoluteHttpUrl_is_null()
    {
        Assert.Null(SettingReader.AbsoluteHttpUrl(TestConfiguration.With((Name, " ")), Name));
    }

    [Theory]
    [InlineData("user-service:8001")]
    [InlineData("/api/v1")]
    [InlineData("ftp://files.example.org")]
    [InlineData("redis://cache:6379")]
    public void Given_an_address_that_is_not_absolute_http_Then_AbsoluteHttpUrl_refuses_naming_the_setting(string value)
    {
        var error = Assert.Throws<InvalidSettingException>(() => SettingReader.AbsoluteHttpUrl(TestConfiguration.With((Name, value)), Name));

        Assert.Equal(Name, error.Setting);
    }
}
