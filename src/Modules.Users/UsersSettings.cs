using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
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

    /// <summary>The lowest bcrypt cost a real deployment may use; lower ones are for development and the tests only.</summary>
    public const int MinimumWorkFactor = 10;

    /// <summary>The environment the test fixtures run in: production rules, except that fast bcrypt is allowed.</summary>
    public const string TestingEnvironment = "Testing";

    public static UsersSettings Load(IConfiguration configuration)
    {
        var workFactor = SettingReader.Integer(configuration, AccessCodeWorkFactorSetting, ProductionWorkFactor, 4, 16);
        var environment = SettingReader.String(configuration, HostDefaults.EnvironmentKey) ?? Environments.Production;
        var weakAllowed = environment.Equals(Environments.Development, StringComparison.OrdinalIgnoreCase)
            || environment.Equals(TestingEnvironment, StringComparison.OrdinalIgnoreCase);
        if (workFactor < MinimumWorkFactor && !weakAllowed)
        {
            throw new InvalidSettingException(
                AccessCodeWorkFactorSetting,
                $"{workFactor} is too weak outside Development: at least {MinimumWorkFactor} (the default is {ProductionWorkFactor}).");
        }

        return new UsersSettings(
            ModuleDatabase.Resolve(configuration, DatabaseUrlSetting, Persistence.UsersDbContext.Schema),
            workFactor,
            SettingReader.Boolean(configuration, BootstrapAdminSetting, defaultValue: true));
    }
}
