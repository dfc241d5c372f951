using Microsoft.Extensions.Configuration;
using RepitBot.Shared.Platform.Configuration;
using RepitBot.Shared.Platform.Persistence;
using RepitBot.Shared.Platform.Routing;

namespace RepitBot.Shared.Platform.Flags;

/// <summary>
/// Where the deployment flags live: PLATFORM_DATABASE_URL, which every instance of every role must share. Only a
/// process on the embedded default (every module on its SQLite file, none reached remotely) may keep the flags in
/// a file of its own, since nobody else could read it; anywhere else a missing setting stops the start.
/// </summary>
internal sealed class FlagStoreDatabase
{
    private readonly Lazy<ModuleDatabaseOptions> options;

    public FlagStoreDatabase(IConfiguration configuration, IEnumerable<ModuleStore> stores, IEnumerable<RemoteModule> remotes)
    {
        // Resolved on first use, after every module has registered: the answer depends on all of them.
        options = new Lazy<ModuleDatabaseOptions>(() => Resolve(configuration, stores, remotes));
    }

    public ModuleDatabaseOptions Options => options.Value;

    private static ModuleDatabaseOptions Resolve(IConfiguration configuration, IEnumerable<ModuleStore> stores, IEnumerable<RemoteModule> remotes)
    {
        var database = ModuleDatabase.Resolve(configuration, SettingNames.PlatformDatabaseUrl, FlagsDbContext.Schema);
        if (database.IsEmbeddedDefault && (remotes.Any() || stores.Any(store => !store.Database.IsEmbeddedDefault)))
        {
            throw new InvalidSettingException(
                SettingNames.PlatformDatabaseUrl,
                "is required when modules use their own databases or run as separate services: every instance reads the deployment flags from it (for example the same PostgreSQL URL for every role).");
        }

        return database;
    }
}
