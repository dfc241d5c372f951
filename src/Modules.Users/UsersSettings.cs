using Microsoft.Extensions.Configuration;
using RepitBot.Shared.Platform.Configuration;
using RepitBot.Shared.Platform.Persistence;

namespace RepitBot.Modules.Users;

/// <summary>The Users module's own settings, read and checked when the module registers.</summary>
internal sealed record UsersSettings(ModuleDatabaseOptions Database, int AccessCodeWorkFactor, bool BootstrapAdmin)
{
    public const string DatabaseUrlSetting = "USER_SERVICE_DATABASE_URL";
    public const string AccessCodeWorkFactorSetting = "ACCESS_CODE_BCRYPT_WORK_FACTOR";
    public const string BootstrapAdminSetting = "BOOTSTRAP_ADMIN";
    public const int ProductionWorkFactor = 12;

    public static UsersSettings Load(IConfiguration configuration) => new(
        ModuleDatabase.Resolve(configuration, DatabaseUrlSetting, Persistence.UsersDbContext.Schema),
        SettingReader.Integer(configuration, AccessCodeWorkFactorSetting, ProductionWorkFactor, 4, 16),
        SettingReader.Boolean(configuration, BootstrapAdminSetting, defaultValue: true));
}
