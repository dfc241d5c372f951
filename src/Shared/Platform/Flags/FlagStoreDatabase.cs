using Microsoft.Extensions.Configuration;
using RepitBot.Shared.Platform.Configuration;
using RepitBot.Shared.Platform.Persistence;

namespace RepitBot.Shared.Platform.Flags;

/// <summary>
/// Where the deployment flags live: PLATFORM_DATABASE_URL, which every instance of every role must share. On the
/// embedded default (no module database set) the flags sit in DATA_DIR/platform.db beside the modules' own files,
/// shared by every role started from that folder. As soon as a module's database is set, the flags must be named
/// too: a file of this process's own would hold flags nobody else reads.
/// </summary>
internal sealed class FlagStoreDatabase
{
    private readonly Lazy<ModuleDatabaseOptions> options;

    public FlagStoreDatabase(IConfiguration configuration, IEnumerable<ModuleStore> stores)
    {
        // Resolved on first use, after every module has registered its store: the answer depends on all of them.
        options = new Lazy<ModuleDatabaseOptions>(() => Resolve(configuration, stores));
    }

    public ModuleDatabaseOptions Options => options.Value;

    private static ModuleDatabaseOptions Resolve(IConfiguration configuration, IEnumerable<ModuleStore> stores)
    {
        var database = ModuleDatabase.Resolve(configuration, SettingNames.PlatformDatabaseUrl, FlagsDbContext.Schema);
        if (database.IsEmbeddedDefault && stores.Any(store => !store.Database.IsEmbeddedDefault))
        {
            throw new InvalidSettingException(
                SettingNames.PlatformDatabaseUrl,
                "is required when a module's database is set: every instance of every role reads the deployment flags from it (for example the same PostgreSQL URL for every role).");
        }

        return database;
    }
}
