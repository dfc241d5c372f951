using System.Text.Json;
using RepitBot.Testing;

namespace RepitBot.Deployment.Tests;

/// <summary>LOG_FORMAT=json, the image's default: what the services of the native topology print.</summary>
[Collection(NativeTopologyCollection.Name)]
public sealed class JsonLogTests(NativeTopology topology)
{
    [Fact]
    public void Every_line_a_service_logs_is_one_json_object_and_request_lines_carry_the_request_id()
    {
        var lines = GatewayTests.JsonLines(topology.AuthProcess.Output).Concat(GatewayTests.JsonLines(topology.FirstUsersProcess.Output)).ToList();
        var authLines = topology.AuthProcess.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.NotEmpty(lines);
        Assert.Equal(authLines.Length, GatewayTests.JsonLines(topology.AuthProcess.Output).Count());
        Assert.All(lines, line =>
        {
            Assert.True(line.TryGetProperty("Timestamp", out _), line.ToString());
            Assert.True(line.TryGetProperty("LogLevel", out _), line.ToString());
            Assert.True(line.TryGetProperty("Category", out _), line.ToString());
            Assert.True(line.TryGetProperty("Message", out _), line.ToString());
        });
        var requestLines = lines.Where(line => line.TryGetProperty("Scopes", out var scopes) && scopes.ToString().Contains("RequestPath", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(requestLines);
        Assert.All(requestLines, line => Assert.False(string.IsNullOrEmpty(GatewayTests.ScopeValue(line, "request_id")), line.ToString()));
    }

    [Fact]
    public void No_secret_of_the_deployment_appears_in_any_log()
    {
        var everything = topology.HostOutput + topology.GatewayOutput;

        Assert.NotEmpty(topology.Secrets);
        Assert.All(topology.Secrets, secret => Assert.DoesNotContain(secret, everything, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_log_format_stops_the_start_naming_the_setting()
    {
        var (exitCode, output) = await HostProcess.RunAsync(["migrate"], new Dictionary<string, string?> { ["LOG_FORMAT"] = "xml", ["ASPNETCORE_ENVIRONMENT"] = "Development" });

        Assert.Equal(2, exitCode);
        Assert.Contains("Configuration error: LOG_FORMAT:", output, StringComparison.Ordinal);
    }
}
