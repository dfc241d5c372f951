using RepitBot.Shared.Platform.Configuration;
using StackExchange.Redis;

namespace RepitBot.Shared.Platform.Redis;

/// <summary>
/// Reads REDIS_URL: <c>redis://[user:password@]host:port[/db]</c>, <c>rediss://</c> for TLS, or StackExchange.Redis's
/// own form (<c>host:port,password=...</c>).
/// </summary>
public static class RedisUrl
{
    public static ConfigurationOptions Parse(string setting, string value)
    {
        ConfigurationOptions options;
        if (value.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != "redis" && uri.Scheme != "rediss") || string.IsNullOrEmpty(uri.Host))
            {
                throw new InvalidSettingException(setting, "is not a valid Redis URL; use redis://host:6379 or redis://:password@host:6379/0.");
            }

            options = new ConfigurationOptions { Ssl = uri.Scheme == "rediss" };
            options.EndPoints.Add(uri.Host, uri.IsDefaultPort || uri.Port <= 0 ? 6379 : uri.Port);
            if (uri.UserInfo.Length > 0)
            {
                var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
                var user = Uri.UnescapeDataString(colon < 0 ? string.Empty : uri.UserInfo[..colon]);
                options.User = user.Length == 0 ? null : user;
                options.Password = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[(colon + 1)..]);
            }

            var database = uri.AbsolutePath.Trim('/');
            if (database.Length > 0)
            {
                if (!int.TryParse(database, out var index) || index < 0)
                {
                    throw new InvalidSettingException(setting, "has a database number that is not a whole number.");
                }

                options.DefaultDatabase = index;
            }
        }
        else
        {
            try
            {
                options = ConfigurationOptions.Parse(value);
            }
            catch (ArgumentException)
            {
                throw new InvalidSettingException(setting, "is not a valid Redis address; use redis://host:6379.");
            }
        }

        // Start even when Redis is down: features fall back and /health reports it, instead of the process dying.
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 2000;
        options.SyncTimeout = 2000;
        options.AsyncTimeout = 2000;
        return options;
    }
}
