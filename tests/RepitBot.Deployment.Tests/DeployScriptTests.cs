using Npgsql;
using RepitBot.Testing;

namespace RepitBot.Deployment.Tests;

/// <summary>deploy-microservices.sh, every subcommand, against a stand-in docker that records what it was asked.</summary>
public sealed class DeployScriptTests
{
    public static TheoryData<bool> ComposeFlavours => new() { true, false };

    [Fact]
    public async Task Full_deployment_without_an_env_file_says_how_to_make_one_and_does_nothing()
    {
        using var docker = new StandInDocker();

        var (exitCode, output) = await docker.RunAsync();

        Assert.Equal(1, exitCode);
        Assert.Contains("cp .env.example .env", output, StringComparison.Ordinal);
        Assert.DoesNotContain(docker.Calls, call => call.Contains(" build", StringComparison.Ordinal) || call.Contains(" up ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Full_deployment_refuses_placeholder_missing_and_short_secrets_naming_each()
    {
        using var docker = new StandInDocker();
        var example = File.ReadAllText(Repository.PathOf(".env.example"))
            .Replace("JWT_SECRET_KEY=change-me-jwt-secret-key-at-least-32-bytes", "JWT_SECRET_KEY=tooshort", StringComparison.Ordinal)
            .Replace("AUTH_DB_PASSWORD=change-me-auth-db-password", "AUTH_DB_PASSWORD=", StringComparison.Ordinal);
        docker.WriteEnv(example);

        var (exitCode, output) = await docker.RunAsync();

        Assert.Equal(1, exitCode);
        Assert.Contains("TELEGRAM_BOT_TOKEN still has its placeholder value", output, StringComparison.Ordinal);
        Assert.Contains("AUTH_DB_PASSWORD is missing", output, StringComparison.Ordinal);
        Assert.Contains("JWT_SECRET_KEY is shorter than 32 characters", output, StringComparison.Ordinal);
        Assert.DoesNotContain(docker.Calls, call => call.Contains(" build", StringComparison.Ordinal) || call.Contains(" up ", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ComposeFlavours))]
    public async Task Full_deployment_builds_then_starts_in_dependency_order_waiting_for_health_and_prints_the_urls(bool composePlugin)
    {
        using var docker = new StandInDocker(composePlugin);
        docker.WriteGoodEnv();

        var (exitCode, output) = await docker.RunAsync();

        Assert.True(exitCode == 0, output);
        var calls = docker.Calls.ToList();
        var order = new[] { "build", "up -d postgres redis", "up -d user-service", "up -d auth-service", "up -d telegram-bot api-gateway", "up -d prometheus grafana" }
            .Select(step => calls.FindIndex(call => call.StartsWith($"{docker.Compose} {step}", StringComparison.Ordinal)))
            .ToList();
        Assert.True(order.All(index => index >= 0) && order.SequenceEqual(order.Order()), string.Join("\n", calls));
        Assert.Contains(calls, call => call.StartsWith("docker inspect", StringComparison.Ordinal));
        Assert.Contains("http://localhost:8080", output, StringComparison.Ordinal);
        Assert.Contains("http://localhost:3000", output, StringComparison.Ordinal);
        Assert.Contains("user-service is healthy", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ComposeFlavours))]
    public async Task Every_day_to_day_subcommand_calls_compose_with_the_projects_file(bool composePlugin)
    {
        using var docker = new StandInDocker(composePlugin);
        docker.WriteGoodEnv();

        foreach (var command in new[] { "build", "start", "stop", "restart", "logs user-service", "logs" })
        {
            var (exitCode, output) = await docker.RunAsync(command.Split(' '));
            Assert.True(exitCode == 0, $"{command}: {output}");
        }

        var calls = docker.Calls;
        Assert.Contains($"{docker.Compose} build", calls);
        Assert.Contains($"{docker.Compose} --profile alerting stop", calls);
        Assert.Contains($"{docker.Compose} logs -f --tail=200 user-service", calls);
        Assert.Contains($"{docker.Compose} logs -f --tail=200", calls);
        Assert.Equal(2, calls.Count(call => call == $"{docker.Compose} up -d user-service"));
        Assert.All(calls.Where(call => call.Contains("compose", StringComparison.Ordinal) && !call.EndsWith("compose version", StringComparison.Ordinal)), call => Assert.StartsWith(docker.Compose, call, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Health_prints_a_table_of_every_service_and_fails_when_one_is_unhealthy_or_down()
    {
        using var docker = new StandInDocker();
        docker.Environment["STANDIN_UNHEALTHY"] = "auth-service";
        docker.Environment["STANDIN_DOWN"] = "grafana";

        var (exitCode, output) = await docker.RunAsync("health");

        Assert.Equal(1, exitCode);
        var rows = output.Split('\n').Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(cells => cells.Length > 0).ToDictionary(cells => cells[0], cells => string.Join(' ', cells[1..]));
        foreach (var service in new[] { "postgres", "redis", "user-service", "telegram-bot", "api-gateway", "prometheus", "postgres-exporter", "redis-exporter", "nginx-exporter" })
        {
            Assert.Equal("1 healthy", rows[service]);
        }

        Assert.Equal("1 unhealthy", rows["auth-service"]);
        Assert.Equal("0 not running", rows["grafana"]);
    }

    [Fact]
    public async Task Health_succeeds_when_every_service_is_healthy()
    {
        using var docker = new StandInDocker();

        var (exitCode, output) = await docker.RunAsync("health");

        Assert.True(exitCode == 0, output);
        Assert.Contains("SERVICE", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clean_asks_first_and_then_removes_only_this_projects_containers_network_volumes_and_image()
    {
        using var docker = new StandInDocker();

        var (refusedCode, refused) = await docker.RunAsync("clean");
        var refusedCalls = docker.Calls.ToList();
        var (exitCode, output) = await docker.RunAsync("clean", "--yes");

        Assert.Equal(1, refusedCode);
        Assert.Contains("Nothing removed.", refused, StringComparison.Ordinal);
        Assert.DoesNotContain(refusedCalls, call => call.Contains(" down", StringComparison.Ordinal));
        Assert.True(exitCode == 0, output);
        Assert.Contains($"{docker.Compose} --profile alerting down --volumes --remove-orphans --rmi local", docker.Calls);
        Assert.DoesNotContain(docker.Calls, call => call.Contains("prune", StringComparison.Ordinal) || call.Contains("system", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_docker_daemon_that_does_not_answer_is_named()
    {
        using var docker = new StandInDocker();
        docker.Environment["STANDIN_DAEMON"] = "down";

        var (exitCode, output) = await docker.RunAsync("start");

        Assert.Equal(1, exitCode);
        Assert.Contains("Docker daemon does not answer", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_every_subcommand_and_an_unknown_one_fails_with_the_usage()
    {
        using var docker = new StandInDocker();

        var (helpCode, help) = await docker.RunAsync("help");
        var (unknownCode, unknown) = await docker.RunAsync("deploy-everything-now");

        Assert.Equal(0, helpCode);
        foreach (var command in new[] { "build", "start", "stop", "restart", "health", "logs", "clean", "backup", "restore", "help" })
        {
            Assert.Contains($"\n  {command}", help, StringComparison.Ordinal);
        }

        Assert.Equal(2, unknownCode);
        Assert.Contains("Usage:", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_dumps_every_database_and_restore_brings_one_back()
    {
        await using var postgres = await PostgresServer.StartNewAsync();
        await NativeTopology.InitialiseDatabasesAsync(postgres, new Dictionary<string, string?>
        {
            ["REPITBOT_DB_PASSWORD"] = "p1",
            ["USERS_DB_PASSWORD"] = "p2",
            ["AUTH_DB_PASSWORD"] = "p3",
        });
        await ExecuteAsync(postgres, "repitbot_users", "SET ROLE repitbot_users; CREATE TABLE lesson (name text); INSERT INTO lesson VALUES ('before the backup');");
        using var docker = new StandInDocker();
        docker.Environment["STANDIN_PGPORT"] = HostProcess.Port(postgres.Port);
        docker.Environment["STANDIN_PGBIN"] = Tools.PostgresBin;

        var (backupCode, backup) = await docker.RunAsync("backup");
        Assert.True(backupCode == 0, backup);
        var dumps = Directory.GetFiles(Path.Combine(docker.Work, "backups"), "*.dump").Select(Path.GetFileName).ToList();
        Assert.Equal(3, dumps.Count);
        Assert.All(new[] { "repitbot-", "repitbot_users-", "repitbot_auth-" }, prefix => Assert.Contains(dumps, name => name!.StartsWith(prefix, StringComparison.Ordinal)));

        await ExecuteAsync(postgres, "repitbot_users", "UPDATE lesson SET name = 'after the backup';");
        var usersDump = Path.Combine("backups", dumps.Single(name => name!.StartsWith("repitbot_users-", StringComparison.Ordinal))!);
        var (refusedCode, _) = await docker.RunAsync("restore", usersDump);
        Assert.Equal("after the backup", await ScalarAsync(postgres, "repitbot_users", "SELECT name FROM lesson"));
        var (restoreCode, restore) = await docker.RunAsync("restore", usersDump, "--yes");

        Assert.Equal(1, refusedCode);
        Assert.True(restoreCode == 0, restore);
        Assert.Equal("before the backup", await ScalarAsync(postgres, "repitbot_users", "SELECT name FROM lesson"));
        Assert.Equal("repitbot_users", await ScalarAsync(postgres, "repitbot_users", "SELECT tableowner FROM pg_tables WHERE tablename = 'lesson'"));
    }

    [Fact]
    public async Task Restore_refuses_a_file_that_names_no_repitbot_database()
    {
        using var docker = new StandInDocker();
        await File.WriteAllTextAsync(Path.Combine(docker.Work, "other-20260101T000000Z.dump"), "x");

        var (exitCode, output) = await docker.RunAsync("restore", "other-20260101T000000Z.dump", "--yes");

        Assert.Equal(1, exitCode);
        Assert.Contains("does not name a RepitBot database", output, StringComparison.Ordinal);
        Assert.DoesNotContain(docker.Calls, call => call.Contains("pg_restore", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Shellcheck_finds_nothing_in_the_deployment_scripts()
    {
        string[] scripts = [Repository.DeployScript, .. Directory.GetFiles(Repository.PathOf("docker", "postgres", "init"), "*.sh"), Repository.PathOf("scripts", "test.sh")];
        using var process = ServerProcess.Start(Tools.Shellcheck, scripts, workingDirectory: Repository.Root);

        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, process.Output);
    }

    private static async Task ExecuteAsync(PostgresServer postgres, string database, string sql)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString(database) + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string?> ScalarAsync(PostgresServer postgres, string database, string sql)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString(database) + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string?)await command.ExecuteScalarAsync();
    }
}
