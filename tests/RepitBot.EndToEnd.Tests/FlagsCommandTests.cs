using System.Globalization;
using Npgsql;
using RepitBot.Testing;

namespace RepitBot.EndToEnd.Tests;

/// <summary>
/// The operator's lever with no working API: the host's <c>flags</c> command writes the shared flag store directly,
/// the change is audited as the operator's, and a running instance follows it like an API toggle.
/// </summary>
public sealed class FlagsCommandTests
{
    private const string Flag = "USERS_ENABLE_MICROSERVICES";

    [Fact]
    public async Task Given_the_flags_command_When_an_operator_sets_and_resets_a_flag_Then_a_running_host_follows_and_the_store_records_the_operator()
    {
        var postgres = await PostgresServer.SharedAsync();
        var database = await postgres.CreateDatabaseAsync("flags_command");
        var port = FreePort.Next();
        var settings = new Dictionary<string, string?>
        {
            ["JWT_SECRET_KEY"] = TestSecrets.NewJwtKey(),
            ["USERS_SERVICE_KEY"] = TestSecrets.NewServiceKey(),
            ["AUTH_SERVICE_KEY"] = TestSecrets.NewServiceKey(),
            ["BOT_SERVICE_KEY"] = TestSecrets.NewServiceKey(),
            ["ACCESS_CODE_BCRYPT_WORK_FACTOR"] = "4",
            ["BOOTSTRAP_ADMIN"] = "false",
            ["USER_SERVICE_DATABASE_URL"] = postgres.Url(database),
            ["AUTH_SERVICE_DATABASE_URL"] = postgres.Url(database),
            ["PLATFORM_DATABASE_URL"] = postgres.Url(database),
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        };

        // No instance has run yet: the command alone brings the store up and reads it.
        var (listCode, listOutput) = await HostProcess.RunAsync(["flags", "list"], settings);
        Assert.True(listCode == 0, listOutput);
        Assert.Matches($"{Flag} +false +inherited", listOutput);

        using var host = HostProcess.Start([], settings);
        var url = new Uri($"http://127.0.0.1:{port}");
        await host.WaitUntilHealthyAsync(url);
        using var client = new HttpClient { BaseAddress = url };
        Assert.Equal(0, await FlagGaugeAsync(client));

        var (setCode, setOutput) = await HostProcess.RunAsync(["flags", "set", Flag, "true"], settings);
        Assert.True(setCode == 0, setOutput);
        Assert.Matches($"{Flag} +true +override +by operator:", setOutput);
        await Eventually.AssertAsync(async () => await FlagGaugeAsync(client) == 1, TimeSpan.FromSeconds(30), $"the running host to follow {Flag}=true");

        var (resetCode, resetOutput) = await HostProcess.RunAsync(["flags", "reset", Flag], settings);
        Assert.True(resetCode == 0, resetOutput);
        await Eventually.AssertAsync(async () => await FlagGaugeAsync(client) == 0, TimeSpan.FromSeconds(30), $"the running host to follow the reset of {Flag}");

        Assert.Equal(["true", "reset"], await ChangesByOperatorAsync(postgres.ConnectionString(database)));
    }

    [Theory]
    [InlineData("set", "NO_SUCH_FLAG", "true", "There is no flag 'NO_SUCH_FLAG'")]
    [InlineData("set", Flag, "maybe", "'maybe' is not a flag value")]
    [InlineData("reset", null, null, "Usage: flags list")]
    [InlineData("frobnicate", null, null, "Usage: flags list")]
    public async Task Given_a_bad_flags_command_Then_it_says_what_is_wrong_and_changes_nothing(string verb, string? name, string? value, string message)
    {
        using var data = TempFolder.Create("repitbot-flags-");
        var settings = new Dictionary<string, string?>
        {
            ["JWT_SECRET_KEY"] = TestSecrets.NewJwtKey(),
            ["USERS_SERVICE_KEY"] = TestSecrets.NewServiceKey(),
            ["AUTH_SERVICE_KEY"] = TestSecrets.NewServiceKey(),
            ["BOT_SERVICE_KEY"] = TestSecrets.NewServiceKey(),
            ["DATA_DIR"] = data.Path,
        };

        var (code, output) = await HostProcess.RunAsync(new[] { "flags", verb, name, value }.OfType<string>(), settings);

        Assert.Equal(2, code);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        var (_, list) = await HostProcess.RunAsync(["flags", "list"], settings);
        Assert.DoesNotContain("override", list, StringComparison.Ordinal);
    }

    private static async Task<int> FlagGaugeAsync(HttpClient client)
    {
        var metrics = await client.GetStringAsync("/metrics");
        var line = metrics.Split('\n').Single(l => l.StartsWith($"repitbot_feature_flag{{name=\"{Flag}\"}}", StringComparison.Ordinal));
        return (int)double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
    }

    private static async Task<List<string>> ChangesByOperatorAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT enabled, changed_by FROM platform.feature_flag_changes WHERE name = @name ORDER BY id", connection);
        command.Parameters.AddWithValue("name", Flag);
        var changes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            Assert.StartsWith("operator:", reader.GetString(1), StringComparison.Ordinal);
            changes.Add(reader.IsDBNull(0) ? "reset" : reader.GetBoolean(0).ToString().ToLowerInvariant());
        }

        return changes;
    }
}
