using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Npgsql;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Testing;

namespace RepitBot.EndToEnd.Tests;

/// <summary>The host binary as an operator runs it: its commands, its roles and what it prints, in real processes.</summary>
public sealed partial class HostCommandsTests
{
    private static Dictionary<string, string?> ProductionSettings(params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["JWT_SECRET_KEY"] = TestSecrets.NewJwtKey(),
            ["USERS_SERVICE_KEY"] = TestSecrets.NewServiceKey(),
            ["AUTH_SERVICE_KEY"] = TestSecrets.NewServiceKey(),
            ["BOT_SERVICE_KEY"] = TestSecrets.NewServiceKey(),
            ["ACCESS_CODE_BCRYPT_WORK_FACTOR"] = "4",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    [Fact]
    public async Task Migrate_applies_the_users_schema_to_postgresql_given_as_the_guides_url_and_exits()
    {
        var postgres = await PostgresServer.SharedAsync();
        var database = await postgres.CreateDatabaseAsync("migrate");
        var url = $"postgresql+asyncpg://postgres:unused-password@127.0.0.1:{postgres.Port}/{database}";

        var (exitCode, output) = await HostProcess.RunAsync(["migrate"], ProductionSettings(("USER_SERVICE_DATABASE_URL", url), ("PLATFORM_DATABASE_URL", url)));

        Assert.True(exitCode == 0, output);
        Assert.Contains("Schema of module 'users' is up to date.", output, StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(postgres.ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'users' AND table_name IN ('users', 'parent_links', '__ef_migrations_history')", connection);
        Assert.Equal(3L, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Admin_create_prints_a_working_code_once_and_role_users_serves_on_its_own_port()
    {
        var postgres = await PostgresServer.SharedAsync();
        var database = await postgres.CreateDatabaseAsync("admin_create");
        var port = FreePort.Next();
        var settings = ProductionSettings(
            ("USER_SERVICE_DATABASE_URL", postgres.ConnectionString(database)),
            ("PLATFORM_DATABASE_URL", postgres.ConnectionString(database)),
            ("USER_SERVICE_HOST", "127.0.0.1"),
            ("USER_SERVICE_PORT", HostProcess.Port(port)),
            ("AUTH_SERVICE_URL", $"http://127.0.0.1:{FreePort.Next()}"),
            ("BOOTSTRAP_ADMIN", "false"));

        var (exitCode, output) = await HostProcess.RunAsync(["admin", "create", "--name", "Главный Админ"], settings);

        Assert.True(exitCode == 0, output);
        var code = AccessCodePattern().Match(output).Value;
        Assert.NotEmpty(code);
        Assert.Single(AccessCodePattern().Matches(output));

        using var service = HostProcess.Start(["--role", "users"], settings);
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        await service.WaitUntilHealthyAsync(baseAddress);
        using var http = new HttpClient { BaseAddress = baseAddress };
        http.DefaultRequestHeaders.Add("X-Service-Key", settings["AUTH_SERVICE_KEY"]);
        var validation = await (await http.PostAsJsonAsync("/api/v1/users/validate-access-code", new { access_code = code }, ApiJson.Options)).ReadAsync<AccessCodeValidation>();
        Assert.Equal(AccessCodeStatus.Valid, validation.Status);
        Assert.Equal(("Главный Админ", UserRole.Admin), (validation.User!.FullName, validation.User.Role));
        Assert.DoesNotContain(code, service.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_embedded_default_starts_in_development_on_sqlite_and_prints_the_first_admins_code_only_once()
    {
        using var folder = TempFolder.Create("repitbot-embedded-");
        var workingDirectory = folder.Path;
        var port = FreePort.Next();
        var settings = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["API_HOST"] = "127.0.0.1",
            ["API_PORT"] = HostProcess.Port(port),
            ["ACCESS_CODE_BCRYPT_WORK_FACTOR"] = "4",
        };
        var baseAddress = new Uri($"http://127.0.0.1:{port}");

        string firstOutput;
        using (var first = HostProcess.Start([], settings, workingDirectory))
        {
            await first.WaitUntilHealthyAsync(baseAddress);
            using var http = new HttpClient { BaseAddress = baseAddress };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/docs/index.html")).StatusCode);
            await first.StopAsync();
            firstOutput = first.Output;
        }

        using var second = HostProcess.Start([], settings, workingDirectory);
        await second.WaitUntilHealthyAsync(baseAddress);
        await second.StopAsync();

        Assert.True(File.Exists(Path.Combine(workingDirectory, "data", "users.db")), firstOutput);
        var code = AccessCodePattern().Match(firstOutput).Value;
        Assert.Single(AccessCodePattern().Matches(firstOutput));
        Assert.Matches($"Admin access code: {code}", firstOutput);
        // With no Telegram token, Development runs the bot against the built-in Bot API server of the local chat.
        Assert.Contains($"Local chat: open http://127.0.0.1:{port}/chat", firstOutput, StringComparison.Ordinal);
        Assert.Empty(AccessCodePattern().Matches(second.Output));
    }

    [Fact]
    public async Task Healthcheck_exits_0_against_a_healthy_host_and_1_when_nothing_answers()
    {
        var port = FreePort.Next();
        using var data = TempFolder.Create("repitbot-health-");
        var settings = ProductionSettings(
            ("DATA_DIR", data.Path),
            ("ASPNETCORE_URLS", $"http://127.0.0.1:{port}"));

        var (downCode, downOutput) = await HostProcess.RunAsync(["healthcheck"], settings);
        using var host = HostProcess.Start([], settings);
        await host.WaitUntilHealthyAsync(new Uri($"http://127.0.0.1:{port}"));
        var (upCode, upOutput) = await HostProcess.RunAsync(["healthcheck"], settings);

        Assert.True(downCode == 1, downOutput);
        Assert.True(upCode == 0, upOutput);
    }

    public static TheoryData<string, string?, string> BadSettings => new()
    {
        { "JWT_SECRET_KEY", null, "JWT_SECRET_KEY" },
        { "JWT_SECRET_KEY", "too-short-key", "JWT_SECRET_KEY" },
        { "JWT_SECRET_KEY", "your-super-secret-jwt-key-change-in-production", "JWT_SECRET_KEY" },
        { "JWT_ALGORITHM", "RS256", "JWT_ALGORITHM" },
        { "USERS_SERVICE_KEY", null, "USERS_SERVICE_KEY" },
        { "BOT_SERVICE_KEY", "too-short-key", "BOT_SERVICE_KEY" },
        { "AUTH_SERVICE_KEY", "sha256:" + new string('a', 64), "AUTH_SERVICE_KEY" },
        { "INTERNAL_API_KEY", "a-retired-key-that-is-long-enough-0123456789", "INTERNAL_API_KEY" },
        { "USER_SERVICE_DATABASE_URL", "mysql://root:hunter2secret@db/x", "USER_SERVICE_DATABASE_URL" },
        { "USER_SERVICE_DATABASE_URL", "postgresql://root:hunter2secret@db", "USER_SERVICE_DATABASE_URL" },
        { "REPITBOT_ROLE", "everything", "REPITBOT_ROLE" },
        { "ENABLE_MICROSERVICES", "maybe", "ENABLE_MICROSERVICES" },
        { "USER_SERVICE_URL", "not a url", "USER_SERVICE_URL" },
        { "USER_SERVICE_DATABASE_URL", "postgresql://repitbot:hunter2secret@127.0.0.1:9/users", "PLATFORM_DATABASE_URL" },
        { "API_PORT", "70000", "API_PORT" },
        { "ACCESS_TOKEN_EXPIRE_MINUTES", "-1", "ACCESS_TOKEN_EXPIRE_MINUTES" },
        { "REDIS_URL", "http://cache", "REDIS_URL" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_setting_stops_the_start_with_one_line_naming_it(string setting, string? value, string named)
    {
        var settings = ProductionSettings(("DATA_DIR", Path.Combine(Path.GetTempPath(), "repitbot-never-" + Guid.NewGuid().ToString("N"))));
        settings[setting] = value;

        var (exitCode, output) = await HostProcess.RunAsync([], settings);

        Assert.Equal(2, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith($"Configuration error: {named}", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2secret", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task A_bcrypt_cost_under_10_stops_the_start_outside_development(string environment)
    {
        var settings = ProductionSettings(("DATA_DIR", Path.Combine(Path.GetTempPath(), "repitbot-never-" + Guid.NewGuid().ToString("N"))), ("ASPNETCORE_ENVIRONMENT", environment));

        var (exitCode, output) = await HostProcess.RunAsync([], settings);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("Configuration error: ACCESS_CODE_BCRYPT_WORK_FACTOR", output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Role_bot_without_a_flag_store_of_its_own_is_refused_rather_than_keeping_flags_nobody_else_reads()
    {
        // The bot has no module database, so no folder it shares with the other roles by default.
        var settings = ProductionSettings(
            ("DATA_DIR", Path.Combine(Path.GetTempPath(), "repitbot-never-" + Guid.NewGuid().ToString("N"))),
            ("AUTH_SERVICE_URL", "http://127.0.0.1:9"),
            ("USER_SERVICE_URL", "http://127.0.0.1:9"));

        var (exitCode, output) = await HostProcess.RunAsync(["--role", "bot"], settings);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("Configuration error: PLATFORM_DATABASE_URL", output.Trim(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public async Task DEBUG_turns_debug_logging_on_over_the_configured_default(string debug, bool expectDebugLines)
    {
        var port = FreePort.Next();
        using var data = TempFolder.Create("repitbot-debug-");
        var settings = ProductionSettings(("DATA_DIR", data.Path), ("ASPNETCORE_URLS", $"http://127.0.0.1:{port}"), ("DEBUG", debug));

        using var host = HostProcess.Start([], settings);
        await host.WaitUntilHealthyAsync(new Uri($"http://127.0.0.1:{port}"));
        await host.StopAsync();

        Assert.Equal(expectDebugLines, host.Output.Contains("dbug: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stopped_host_leaves_its_start_jit_profile_in_the_data_folder_and_a_damaged_one_does_not_stop_the_next_start()
    {
        var port = FreePort.Next();
        using var data = TempFolder.Create("repitbot-jit-profile-");
        var settings = ProductionSettings(("DATA_DIR", data.Path), ("ASPNETCORE_URLS", $"http://127.0.0.1:{port}"));
        var profile = Path.Combine(data.Path, "startup-all.jitprofile");

        using (var first = HostProcess.Start([], settings))
        {
            await first.WaitUntilHealthyAsync(new Uri($"http://127.0.0.1:{port}"));
            await first.StopAsync();
        }

        // Multicore JIT writes what it recorded when the process ends; the next start replays it on a spare core.
        Assert.True(File.Exists(profile) && new FileInfo(profile).Length > 0, "no start JIT profile in the data folder");

        await File.WriteAllBytesAsync(profile, [1, 2, 3, 4, 5, 6, 7, 8]);
        using var second = HostProcess.Start([], settings);
        await second.WaitUntilHealthyAsync(new Uri($"http://127.0.0.1:{port}"));
        await second.StopAsync();
    }

    [Fact]
    public async Task An_unknown_command_is_refused_with_the_usage()
    {
        var (exitCode, output) = await HostProcess.RunAsync(["frobnicate"], ProductionSettings());

        Assert.Equal(2, exitCode);
        Assert.Contains("Unknown command 'frobnicate'", output, StringComparison.Ordinal);
        Assert.Contains("admin create --name", output, StringComparison.Ordinal);
    }

    [GeneratedRegex("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}")]
    private static partial Regex AccessCodePattern();
}
