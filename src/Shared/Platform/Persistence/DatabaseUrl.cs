using Microsoft.Data.Sqlite;
using Npgsql;
using RepitBot.Shared.Platform.Configuration;

namespace RepitBot.Shared.Platform.Persistence;

/// <summary>
/// Turns a module's database setting into a provider and a connection string. Accepts the URL form the guide writes
/// (<c>postgresql://user:pass@host:5432/db</c>, <c>postgresql+asyncpg://...</c>), Npgsql keyword form
/// (<c>Host=...;Database=...</c>) and, for the embedded default, <c>sqlite:///path</c> or <c>Data Source=path</c>.
/// Errors name the setting and never repeat the value: it may hold a password.
/// </summary>
public static class DatabaseUrl
{
    /// <summary>Statements Npgsql keeps prepared per connection; the modules run a few dozen distinct ones.</summary>
    private const int AutoPreparedStatements = 64;

    public static (DatabaseProvider Provider, string ConnectionString) Parse(string setting, string value)
    {
        var text = value.Trim();
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd > 0)
        {
            var scheme = text[..schemeEnd].ToLowerInvariant();
            var driver = scheme.Split('+')[0];
            return driver switch
            {
                "postgresql" or "postgres" => (DatabaseProvider.PostgreSql, FromPostgresUrl(setting, text)),
                "sqlite" => (DatabaseProvider.Sqlite, FromSqliteUrl(setting, text[(schemeEnd + 3)..])),
                _ => throw new InvalidSettingException(setting, $"unsupported database URL scheme '{scheme}'; use postgresql://user:password@host:5432/database or sqlite:///path."),
            };
        }

        if (text.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase) || text.StartsWith("DataSource=", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return (DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder(text).ConnectionString);
            }
            catch (ArgumentException)
            {
                throw new InvalidSettingException(setting, "is not a valid SQLite connection string.");
            }
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(text);
            if (string.IsNullOrEmpty(builder.Host))
            {
                throw new InvalidSettingException(setting, "names no host; use postgresql://user:password@host:5432/database or Host=...;Database=...;Username=...;Password=....");
            }

            return (DatabaseProvider.PostgreSql, WithPoolDefaults(builder).ConnectionString);
        }
        catch (ArgumentException)
        {
            throw new InvalidSettingException(setting, "is neither a database URL (postgresql://user:password@host:5432/database) nor a valid Npgsql connection string.");
        }
    }

    private static string FromPostgresUrl(string setting, string text)
    {
        // Uri does not accept a '+' driver suffix in every position we need, so replace the scheme with a plain one.
        var rest = text[(text.IndexOf("://", StringComparison.Ordinal) + 3)..];
        if (!Uri.TryCreate("postgresql://" + rest, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new InvalidSettingException(setting, "is not a valid URL; use postgresql://user:password@host:5432/database.");
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0)
        {
            throw new InvalidSettingException(setting, "names no database; use postgresql://user:password@host:5432/database.");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.DnsSafeHost,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = database,
        };

        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            try
            {
                builder[KeywordFor(key)] = value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
            {
                throw new InvalidSettingException(setting, $"has an unsupported URL parameter '{key}'.");
            }
        }

        return WithPoolDefaults(builder).ConnectionString;
    }

    /// <summary>
    /// What a pooled connection costs per query, unless the setting says otherwise. Npgsql's reset on close sends
    /// <c>DISCARD ALL</c> with the first statement after every open, which the server runs for every request and which
    /// drops its prepared statements; no module keeps session state (no <c>SET</c>, no temporary tables, no advisory locks
    /// outside a transaction), so there is nothing to reset. Without that, the statements a module runs again and
    /// again are prepared once per connection instead of parsed and planned by the server on every run.
    /// </summary>
    private static NpgsqlConnectionStringBuilder WithPoolDefaults(NpgsqlConnectionStringBuilder builder)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = builder.ConnectionString };
        if (!given.ContainsKey("No Reset On Close"))
        {
            builder.NoResetOnClose = true;
        }

        if (!given.ContainsKey("Max Auto Prepare"))
        {
            builder.MaxAutoPrepare = AutoPreparedStatements;
        }

        return builder;
    }

    private static string KeywordFor(string urlParameter) => urlParameter.ToLowerInvariant() switch
    {
        "sslmode" => "SSL Mode",
        "connect_timeout" => "Timeout",
        "application_name" => "Application Name",
        _ => urlParameter,
    };

    private static string FromSqliteUrl(string setting, string path)
    {
        // sqlite:///relative/path and sqlite:////absolute/path, as SQLAlchemy writes them.
        var file = path.StartsWith('/') ? path[1..] : path;
        if (file.Length == 0)
        {
            throw new InvalidSettingException(setting, "names no file; use sqlite:///path/to/file.db.");
        }

        return new SqliteConnectionStringBuilder { DataSource = file }.ConnectionString;
    }
}
