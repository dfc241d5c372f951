using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace RepitBot.Shared.Platform.Configuration;

/// <summary>Reads one flat setting and turns a bad value into an <see cref="InvalidSettingException"/> naming it.</summary>
public static class SettingReader
{
    public static string? String(IConfiguration configuration, string name)
    {
        var value = configuration[name];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public static bool Boolean(IConfiguration configuration, string name, bool defaultValue)
    {
        var value = String(configuration, name);
        if (value is null)
        {
            return defaultValue;
        }

        return value.ToLowerInvariant() switch
        {
            "true" or "1" or "yes" or "on" => true,
            "false" or "0" or "no" or "off" => false,
            _ => throw new InvalidSettingException(name, $"expected true or false, got '{value}'."),
        };
    }

    public static int Integer(IConfiguration configuration, string name, int defaultValue, int min, int max)
    {
        var value = String(configuration, name);
        if (value is null)
        {
            return defaultValue;
        }

        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) || parsed < min || parsed > max)
        {
            throw new InvalidSettingException(name, $"expected a whole number from {min} to {max}, got '{value}'.");
        }

        return parsed;
    }

    public static Uri? AbsoluteHttpUrl(IConfiguration configuration, string name)
    {
        var value = String(configuration, name);
        if (value is null)
        {
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            // The value is not repeated: a URL may carry credentials.
            throw new InvalidSettingException(name, "expected an absolute http:// or https:// address such as http://user-service:8001.");
        }

        return uri;
    }
}
