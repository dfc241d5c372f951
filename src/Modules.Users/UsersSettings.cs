using Microsoft.Extensions.Configuration;
using RepitBot.Shared.Platform.Configuration;
using RepitBot.Shared.Platform.Persistence;

namespace RepitBot.Modules.Users;

internal sealed record UsersSettings(ModuleDatabaseOptions Database, int AccessCodeWorkFactor, bool BootstrapAdmin)
{
    public const int ProductionWorkFactor = 12;

    public static UsersSettings Load(IConfiguration configuration) => new(
        ModuleDatabase.Resolve(configuration, SettingNames.UserServiceDatabaseUrl, Persistence.UsersDbContext.Schema),
        SettingReader.Integer(configuration, SettingNames.AccessCodeWorkFactor, ProductionWorkFactor, 4, 16),
        SettingReader.Boolean(configuration, SettingNames.BootstrapAdmin, defaultValue: true));
}
