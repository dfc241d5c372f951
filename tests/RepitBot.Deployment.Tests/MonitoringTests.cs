using System.Text;
using System.Text.Json;
using RepitBot.Testing;
using YamlDotNet.RepresentationModel;

namespace RepitBot.Deployment.Tests;

/// <summary>Prometheus's configuration and rules, and the Grafana dashboards, against a live scrape of the native topology.</summary>
[Collection(NativeTopologyCollection.Name)]
public sealed class MonitoringTests(NativeTopology topology)
{
    [Fact]
    public async Task Prometheus_reports_every_target_of_the_repositorys_config_up()
    {
        var expectedJobs = ScrapeJobs().ToHashSet();
        string last = string.Empty;

        var allUp = await Eventually.TrueAsync(
            async () =>
            {
                var targets = (await topology.QueryPrometheusAsync("/api/v1/targets")).GetProperty("activeTargets").EnumerateArray().ToList();
                last = string.Join("\n", targets.Select(t => $"{t.GetProperty("labels").GetProperty("job")} {t.GetProperty("scrapeUrl")} {t.GetProperty("health")} {t.GetProperty("lastError")}"));
                var jobs = targets.Select(t => t.GetProperty("labels").GetProperty("job").GetString()!).ToHashSet();
                return jobs.SetEquals(expectedJobs) && targets.All(t => t.GetProperty("health").GetString() == "up");
            },
            TimeSpan.FromSeconds(60),
            TimeSpan.FromMilliseconds(500));

        Assert.True(allUp, "Not every target is up:\n" + last);
        Assert.Contains("user-service", last, StringComparison.Ordinal);
        Assert.Equal(2, last.Split('\n').Count(line => line.StartsWith("user-service ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Every_grafana_panel_query_parses_and_every_metric_it_names_appears_in_a_live_scrape()
    {
        var queries = Dashboards.Queries();
        Assert.True(queries.Count >= 30, $"only {queries.Count} panel queries found");
        using var folder = TempFolder.Create("repitbot-dashboards-");

        // Parsing: each query as a recording rule, which promtool checks with Prometheus's own parser.
        var rules = new StringBuilder("groups:\n  - name: dashboards\n    rules:\n");
        for (var i = 0; i < queries.Count; i++)
        {
            rules.Append($"      - record: dashboard:panel_{i}\n        expr: {JsonSerializer.Serialize(queries[i].Expr)}\n");
        }

        await File.WriteAllTextAsync(Path.Combine(folder.Path, "dashboards.rules.yml"), rules.ToString());
        var (exitCode, output) = await Promtool.RunAsync(folder.Path, "check", "rules", "dashboards.rules.yml");
        Assert.True(exitCode == 0, output);

        // Existence: every metric named is one Prometheus has scraped from the topology.
        var named = queries.SelectMany(q => Dashboards.MetricNames(q.Expr).Select(name => (name, q.Dashboard, q.Panel))).ToList();
        var missing = new List<string>();
        var present = await Eventually.TrueAsync(
            async () =>
            {
                var live = (await topology.QueryPrometheusAsync("/api/v1/label/__name__/values")).EnumerateArray().Select(v => v.GetString()!).ToHashSet(StringComparer.Ordinal);
                missing = named.Where(n => !live.Contains(n.name)).Select(n => $"{n.name} ({n.Dashboard}: {n.Panel})").Distinct().ToList();
                return missing.Count == 0;
            },
            TimeSpan.FromSeconds(45),
            TimeSpan.FromSeconds(1));
        Assert.True(present, "Panels name metrics no scrape has:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void The_metric_names_of_a_query_are_read_without_functions_labels_or_grouping()
    {
        var names = Dashboards.MetricNames("histogram_quantile(0.95, sum by (job, le) (rate(http_request_duration_seconds_bucket{endpoint!~\"/health.*\"}[5m]))) / on() group_left count(up == 0) or vector(0)");

        Assert.Equal(new HashSet<string> { "http_request_duration_seconds_bucket", "up" }, names);
    }

    [Fact]
    public async Task Promtool_accepts_the_config_and_the_rules_and_every_rule_unit_test_passes()
    {
        var folder = Repository.PathOf("docker", "prometheus");

        var config = await Promtool.RunAsync(folder, "check", "config", "prometheus.yml");
        var rules = await Promtool.RunAsync(folder, "check", "rules", "alerts.yml");
        var tests = await Promtool.RunAsync(folder, "test", "rules", "alerts.test.yml");

        Assert.True(config.ExitCode == 0, config.Output);
        Assert.True(rules.ExitCode == 0, rules.Output);
        Assert.True(tests.ExitCode == 0, tests.Output);
        Assert.Contains("SUCCESS", tests.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Amtool_accepts_the_alertmanager_configuration_with_a_receiver_for_every_alert()
    {
        using var process = ServerProcess.Start(Tools.Amtool, ["check-config", "alertmanager.yml"], workingDirectory: Repository.PathOf("docker", "alertmanager"));

        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, process.Output);
        Assert.Contains("1 receivers", process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_alert_the_issue_asks_for_exists_and_every_alert_rule_has_a_unit_test()
    {
        var rules = Yaml("alerts.yml");
        var alerts = ((YamlSequenceNode)rules["groups"]).Cast<YamlMappingNode>()
            .SelectMany(group => ((YamlSequenceNode)group["rules"]).Cast<YamlMappingNode>())
            .Select(rule => ((YamlScalarNode)rule["alert"]).Value!)
            .ToHashSet();
        var tested = ((YamlSequenceNode)Yaml("alerts.test.yml")["tests"]).Cast<YamlMappingNode>()
            .SelectMany(test => ((YamlSequenceNode)test["alert_rule_test"]).Cast<YamlMappingNode>())
            .Where(check => ((YamlSequenceNode)check["exp_alerts"]).Children.Count > 0)
            .Select(check => ((YamlScalarNode)check["alertname"]).Value!)
            .ToHashSet();

        Assert.Superset(new HashSet<string> { "ServiceDown", "HighErrorRatio", "HighLatencyP95", "LoginFailuresSpiking", "FallbackInUse", "CircuitOpen", "BotNotReceivingUpdates" }, alerts);
        Assert.Empty(alerts.Except(tested));
    }

    [Fact]
    public void Every_service_the_gateway_and_prometheus_itself_are_scraped()
    {
        Assert.Superset(new HashSet<string> { "prometheus", "user-service", "auth-service", "telegram-bot", "api-gateway", "postgres", "redis" }, ScrapeJobs().ToHashSet());
    }

    private static IEnumerable<string> ScrapeJobs() =>
        ((YamlSequenceNode)Yaml("prometheus.yml")["scrape_configs"]).Cast<YamlMappingNode>().Select(job => ((YamlScalarNode)job["job_name"]).Value!);

    private static YamlMappingNode Yaml(string file)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(Repository.Read("docker", "prometheus", file)));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }
}
