using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using RepitBot.Shared.Platform.Configuration;

namespace RepitBot.Shared.Platform.Logging;

/// <summary>How a role writes its log: the console's text, or one JSON object per line for a log collector.</summary>
public static class LoggingRegistration
{
    public const string Json = "json";
    public const string Simple = "simple";

    public static ILoggingBuilder AddRepitBotLogFormat(this ILoggingBuilder logging, IConfiguration configuration)
    {
        var format = SettingReader.String(configuration, SettingNames.LogFormat)?.ToLowerInvariant() ?? Simple;
        switch (format)
        {
            case Json:
                logging.AddJsonConsole(options =>
                {
                    // Scopes carry the request id (RequestIdMiddleware); times in UTC, as every other line of a stack.
                    options.IncludeScopes = true;
                    options.UseUtcTimestamp = true;
                    options.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
                });

                // Last, so that a formatter named in the configuration (Logging:Console:FormatterName) does not win.
                logging.Services.PostConfigure<ConsoleLoggerOptions>(options => options.FormatterName = ConsoleFormatterNames.Json);
                return logging;
            case Simple:
                return logging;
            default:
                throw new InvalidSettingException(SettingNames.LogFormat, $"unknown log format '{format}'; use json or simple.");
        }
    }
}
