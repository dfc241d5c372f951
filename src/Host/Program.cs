using System.Data.Common;
using RepitBot.Host;
using RepitBot.Host.Commands;
using RepitBot.Shared.Platform.Configuration;
using RepitBot.Shared.Platform.Flags;

// The host binary: parse the command, build the role's application (RepitBotApplication), run it.
try
{
    var command = HostCommand.Parse(args);
    switch (command.Name)
    {
        case "help":
            Console.WriteLine(HostCommand.Usage);
            return 0;
        case "healthcheck":
            return await HealthcheckCommand.RunAsync(new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true).AddEnvironmentVariables().AddCommandLine(command.Rest).Build(), CancellationToken.None);
    }

    await using var app = RepitBotApplication.Build(command.Rest, serving: command.Name is "run");
    switch (command.Name)
    {
        case "migrate":
            return await MigrateCommand.RunAsync(app, CancellationToken.None);
        case "admin create":
            return await AdminCreateCommand.RunAsync(app, command.AdminName!, CancellationToken.None);
        case "flags":
            return await FlagsCommand.RunAsync(app.Services, command.Operands!, $"{Environment.UserName}@{Environment.MachineName}", Console.Out, Console.Error, CancellationToken.None);
        default:
            await app.RunAsync();
            return 0;
    }
}
catch (UsageException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    await Console.Error.WriteLineAsync(HostCommand.Usage);
    return 2;
}
catch (InvalidSettingException e)
{
    await Console.Error.WriteLineAsync($"Configuration error: {e.Message}");
    return 2;
}
catch (DbException e)
{
    // Unreachable or refusing database: one line, no stack trace. Npgsql's messages name the host, never the password.
    await Console.Error.WriteLineAsync($"Database error: {e.Message}");
    return 3;
}

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
