namespace RepitBot.Shared.Platform.Configuration;

/// <summary>
/// Every setting has one name: the same key in appsettings.json, in the environment and on the command line.
/// The names the deployment guide uses are kept exactly as written there.
/// </summary>
public static class SettingNames
{
    public const string Role = "REPITBOT_ROLE";
    public const string RoleArgument = "role";
    public const string Debug = "DEBUG";
    public const string DataDirectory = "DATA_DIR";
    public const string ApplyMigrationsOnStart = "APPLY_MIGRATIONS_ON_START";

    public const string ApiHost = "API_HOST";
    public const string ApiPort = "API_PORT";

    public const string UserServiceHost = "USER_SERVICE_HOST";
    public const string UserServicePort = "USER_SERVICE_PORT";
    public const string UserServiceDatabaseUrl = "USER_SERVICE_DATABASE_URL";
    public const string UserServiceUrl = "USER_SERVICE_URL";

    public const string AuthServiceHost = "AUTH_SERVICE_HOST";
    public const string AuthServicePort = "AUTH_SERVICE_PORT";
    public const string AuthServiceDatabaseUrl = "AUTH_SERVICE_DATABASE_URL";
    public const string AuthServiceUrl = "AUTH_SERVICE_URL";

    public const string JwtSecretKey = "JWT_SECRET_KEY";
    public const string JwtAlgorithm = "JWT_ALGORITHM";
    public const string JwtPreviousSecretKey = "JWT_PREVIOUS_SECRET_KEY";
    public const string JwtPreviousKeyValidUntil = "JWT_PREVIOUS_KEY_VALID_UNTIL";
    public const string JwtIssuer = "JWT_ISSUER";
    public const string JwtAudience = "JWT_AUDIENCE";
    public const string AccessTokenExpireMinutes = "ACCESS_TOKEN_EXPIRE_MINUTES";
    public const string RefreshTokenExpireDays = "REFRESH_TOKEN_EXPIRE_DAYS";
    public const string InternalApiKey = "INTERNAL_API_KEY";

    public const string TelegramBotToken = "TELEGRAM_BOT_TOKEN";
    public const string BotHost = "BOT_HOST";
    public const string BotPort = "BOT_PORT";
    public const string EnableMicroservices = "ENABLE_MICROSERVICES";
    public const string FallbackToMonolith = "FALLBACK_TO_MONOLITH";
    public const string RedisUrl = "REDIS_URL";
    public const string PlatformDatabaseUrl = "PLATFORM_DATABASE_URL";
    public const string RemoteCallTimeoutSeconds = "REMOTE_CALL_TIMEOUT_SECONDS";
    public const string CircuitFailuresBeforeOpen = "CIRCUIT_FAILURES_BEFORE_OPEN";
    public const string CircuitBreakSeconds = "CIRCUIT_BREAK_SECONDS";

    public const string AccessCodeWorkFactor = "ACCESS_CODE_BCRYPT_WORK_FACTOR";
    public const string BootstrapAdmin = "BOOTSTRAP_ADMIN";
    public const string LoginRateLimitPerMinute = "LOGIN_RATE_LIMIT_PER_MINUTE";
}
