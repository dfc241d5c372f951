using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using RepitBot.Shared.Platform.Configuration;

namespace RepitBot.Shared.Platform.Persistence;

/// <summary>
/// The database plumbing every module shares: which store a module uses (its own setting, else SQLite under
/// DATA_DIR, the embedded default) and how its DbContext is configured for that store.
/// </summary>
public static class ModuleDatabase
{
    public const string DefaultDataDirectory = "data";

    public static ModuleDatabaseOptions Resolve(IConfiguration configuration, string setting, string schema)
    {
        var value = SettingReader.String(configuration, setting);
        if (value is null)
        {
            var directory = SettingReader.String(configuration, SettingNames.DataDirectory) ?? DefaultDataDirectory;
            var file = Path.Combine(directory, $"{schema}.db");
            return new ModuleDatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={file}", schema, IsEmbeddedDefault: true);
        }

        var (provider, connectionString) = DatabaseUrl.Parse(setting, value);
        return new ModuleDatabaseOptions(provider, connectionString, schema);
    }

    /// <summary>
    /// Configures a module's context: its own schema and migrations history table on PostgreSQL, snake_case names,
    /// and the migrations assembly that holds the provider's migrations. On PostgreSQL a transient failure (a restarted
    /// server leaves broken connections in the pool) is retried: every statement outside a transaction of the code's own
    /// is safe to run again, and code that opens a transaction runs it whole under the context's execution strategy.
    /// </summary>
    public static DbContextOptionsBuilder UseModuleDatabase(this DbContextOptionsBuilder builder, ModuleDatabaseOptions options)
    {
        switch (options.Provider)
        {
            case DatabaseProvider.PostgreSql:
                builder.UseNpgsql(options.ConnectionString, npgsql => npgsql
                    .MigrationsHistoryTable("__ef_migrations_history", options.Schema)
                    .EnableRetryOnFailure(maxRetryCount: 4, maxRetryDelay: TimeSpan.FromSeconds(2), errorCodesToAdd: null));
                break;
            case DatabaseProvider.Sqlite:
                EnsureDirectoryFor(options.ConnectionString);
                builder.UseSqlite(options.ConnectionString, sqlite => sqlite.MigrationsHistoryTable("__ef_migrations_history"));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown database provider.");
        }

        return builder.UseSnakeCaseNamingConvention();
    }

    private static void EnsureDirectoryFor(string sqliteConnectionString)
    {
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(sqliteConnectionString).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}
