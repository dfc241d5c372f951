namespace RepitBot.Shared.Platform.Configuration;

/// <summary>
/// The settings of the platform itself, shared by every role and every module. Every setting has one name: the same
/// key in appsettings.json, in the environment and on the command line; the names the deployment guide uses are kept
/// exactly as written there. A module's own settings are named in the module.
/// </summary>
public static class SettingNames
{
    public const string Debug = "DEBUG";
    public const string LogFormat = "LOG_FORMAT";
    public const string DataDirectory = "DATA_DIR";
    public const string ApplyMigrationsOnStart = "APPLY_MIGRATIONS_ON_START";

    public const string JwtSecretKey = "JWT_SECRET_KEY";
    public const string JwtAlgorithm = "JWT_ALGORITHM";
    public const string JwtPreviousSecretKey = "JWT_PREVIOUS_SECRET_KEY";
    public const string JwtPreviousKeyValidUntil = "JWT_PREVIOUS_KEY_VALID_UNTIL";
    public const string JwtIssuer = "JWT_ISSUER";
    public const string JwtAudience = "JWT_AUDIENCE";
    public const string AccessTokenExpireMinutes = "ACCESS_TOKEN_EXPIRE_MINUTES";
    public const string RefreshTokenExpireDays = "REFRESH_TOKEN_EXPIRE_DAYS";

    public const string RedisUrl = "REDIS_URL";
    public const string PlatformDatabaseUrl = "PLATFORM_DATABASE_URL";
    public const string RemoteCallTimeoutSeconds = "REMOTE_CALL_TIMEOUT_SECONDS";
    public const string CircuitFailuresBeforeOpen = "CIRCUIT_FAILURES_BEFORE_OPEN";
    public const string CircuitBreakSeconds = "CIRCUIT_BREAK_SECONDS";
    public const string HealthDetailNetworks = "HEALTH_DETAIL_NETWORKS";

    /// <summary>The proxies (IP addresses, comma-separated) whose X-Forwarded-For names the client.</summary>
    public const string ForwardedKnownProxies = "FORWARDED_KNOWN_PROXIES";

    /// <summary>The same as networks in CIDR form, comma-separated.</summary>
    public const string ForwardedKnownNetworks = "FORWARDED_KNOWN_NETWORKS";
}
