using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RepitBot.Shared.Platform.Configuration;
using RepitBot.Shared.Platform.Persistence;

namespace RepitBot.Shared.Platform.Flags;

/// <summary>
/// Where the deployment flags live: PLATFORM_DATABASE_URL, which every instance of every role must share. On the
/// embedded default (the process's modules on their SQLite files under DATA_DIR) the flags sit in DATA_DIR/platform.db
/// beside them, shared by every role started from that folder. As soon as a module's database is set, or the process
/// has no module database of its own (role bot: no folder it shares with anyone), the flags must be named too: a file
/// of this process's own would hold flags nobody else reads.
/// </summary>
internal sealed class FlagStoreDatabase
{
    private readonly Lazy<(ModuleDatabaseOptions Database, DbContextOptions Context)> resolved;

    public FlagStoreDatabase(IConfiguration configuration, IEnumerable<ModuleStore> stores, ILoggerFactory loggers)
    {
        // Resolved once, on first use, after every module has registered its store: the answer depends on all of them.
        resolved = new(() =>
        {
            var database = Resolve(configuration, stores.ToList());
            return (database, FlagsDbContext.OptionsFor(database, loggers));
        });
    }

    public ModuleDatabaseOptions Options => resolved.Value.Database;

    public FlagsDbContext CreateContext() => FlagsDbContext.Create(resolved.Value.Database, resolved.Value.Context);

    private static ModuleDatabaseOptions Resolve(IConfiguration configuration, IReadOnlyList<ModuleStore> stores)
    {
        var database = ModuleDatabase.Resolve(configuration, SettingNames.PlatformDatabaseUrl, FlagsDbContext.Schema);
        if (database.IsEmbeddedDefault && (stores.Count == 0 || stores.Any(store => !store.Database.IsEmbeddedDefault)))
        {
            throw new InvalidSettingException(
                SettingNames.PlatformDatabaseUrl,
                "is required when a module's database is set or this role has none of its own: every instance of every role reads the deployment flags from it (for example the same PostgreSQL URL for every role).");
        }

        return database;
    }
}
