using System.Text.RegularExpressions;
using RepitBot.Testing;
using YamlDotNet.RepresentationModel;

namespace RepitBot.Deployment.Tests;

/// <summary>docker-compose.microservices.yml as Debian's docker-compose reads it with .env.example.</summary>
public sealed partial class ComposeFileTests
{
    private static readonly string[] GuideServices = ["postgres", "redis", "user-service", "auth-service", "telegram-bot", "api-gateway", "prometheus", "grafana"];

    [Fact]
    public async Task Docker_compose_accepts_the_file_with_env_example_and_it_has_the_guides_eight_services_each_with_a_health_check()
    {
        var services = await ConfiguredServicesAsync();

        Assert.Superset(GuideServices.ToHashSet(), services.Keys.ToHashSet());
        Assert.All(GuideServices, name => Assert.True(services[name].Children.ContainsKey("healthcheck"), $"{name} has no health check"));
    }

    [Fact]
    public async Task Services_start_in_dependency_order_each_waiting_for_the_previous_to_be_healthy()
    {
        var services = await ConfiguredServicesAsync();
        var expected = new Dictionary<string, string[]>
        {
            ["user-service"] = ["postgres", "redis"],
            ["auth-service"] = ["postgres", "redis", "user-service"],
            ["telegram-bot"] = ["user-service", "auth-service"],
            ["api-gateway"] = ["user-service", "auth-service"],
            ["prometheus"] = ["api-gateway"],
            ["grafana"] = ["prometheus"],
        };

        foreach (var (service, dependencies) in expected)
        {
            var dependsOn = (YamlMappingNode)services[service]["depends_on"];
            foreach (var dependency in dependencies)
            {
                Assert.True(dependsOn.Children.ContainsKey(dependency), $"{service} does not wait for {dependency}");
                Assert.Equal("service_healthy", Scalar(dependsOn[dependency], "condition"));
            }
        }
    }

    [Fact]
    public async Task Every_container_log_rotates_and_only_the_gateway_prometheus_and_grafana_are_published()
    {
        var services = await ConfiguredServicesAsync();

        foreach (var (name, service) in services)
        {
            var logging = (YamlMappingNode)service["logging"];
            Assert.Equal("json-file", Scalar(logging, "driver"));
            var options = (YamlMappingNode)logging["options"];
            Assert.True(options.Children.ContainsKey("max-size") && options.Children.ContainsKey("max-file"), $"{name} keeps its logs forever");
        }

        var published = services.Where(s => s.Value.Children.ContainsKey("ports")).Select(s => s.Key).ToHashSet();
        Assert.Subset(new HashSet<string> { "api-gateway", "prometheus", "grafana", "alertmanager" }, published);
        var gatewayPorts = Ports(services["api-gateway"]);
        Assert.Contains("127.0.0.1:8001:8001", gatewayPorts);
        Assert.Contains("127.0.0.1:8002:8002", gatewayPorts);
        Assert.Contains(":8080:8080", gatewayPorts);
        Assert.All(Ports(services["alertmanager"]), port => Assert.StartsWith("127.0.0.1:", port, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_user_service_can_be_scaled_no_container_name_and_no_host_port()
    {
        var services = await ConfiguredServicesAsync();

        foreach (var name in new[] { "user-service", "auth-service", "telegram-bot" })
        {
            Assert.False(services[name].Children.ContainsKey("container_name"), $"{name} has a fixed container name");
            Assert.False(services[name].Children.ContainsKey("ports"), $"{name} has a fixed host port");
        }
    }

    [Fact]
    public async Task The_gateway_runs_a_pinned_nginx_that_re_resolves_the_services_names_in_its_upstreams()
    {
        var services = await ConfiguredServicesAsync();
        var gateway = services["api-gateway"];

        // `server name resolve` in an upstream (keepalive and re-resolution together) needs nginx 1.27.3 or later; a
        // floating tag could move, an explicit version cannot (docs/adr/0023).
        var image = Scalar(gateway, "image")!;
        var tag = PinnedNginxTag().Match(image);
        Assert.True(tag.Success, $"the gateway's image '{image}' names no explicit nginx version (major.minor.patch)");
        var version = Version.Parse(tag.Groups["version"].Value);
        Assert.True(version >= GatewayTemplate.FirstResolvingVersion, $"nginx {version} cannot re-resolve a name in an upstream block");
        Assert.Equal("resolve", Scalar(gateway["environment"], "UPSTREAM_RESOLVE"));
        Assert.Matches(@"server \$\{USER_SERVICE_ADDRESS\} \$\{UPSTREAM_RESOLVE\};", File.ReadAllText(GatewayTemplate.TemplatePath));
        Assert.Matches(@"server \$\{AUTH_SERVICE_ADDRESS\} \$\{UPSTREAM_RESOLVE\};", File.ReadAllText(GatewayTemplate.TemplatePath));
    }

    [Fact]
    public async Task The_gateway_reuses_the_ports_of_its_closed_connections_to_the_services()
    {
        var services = await ConfiguredServicesAsync();

        // Connections beyond the kept ones (keepalive 32 per worker) close after their request: without reuse, TIME_WAIT
        // would cap new ones at ~470/s per replica (docs/adr/0020, 0023).
        var sysctls = (YamlMappingNode)services["api-gateway"]["sysctls"];
        Assert.Equal("1", Scalar(sysctls, "net.ipv4.tcp_tw_reuse"));
    }

    [Fact]
    public async Task Data_lives_in_named_volumes_on_one_network_and_alertmanager_only_with_its_profile()
    {
        var config = await ConfigAsync();
        var services = (YamlMappingNode)config["services"];

        Assert.Superset(new HashSet<string> { "postgres-data", "redis-data", "prometheus-data", "grafana-data" }, ((YamlMappingNode)config["volumes"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet());
        Assert.Single(((YamlMappingNode)config["networks"]).Children);
        Assert.Equal("alerting", ((YamlScalarNode)((YamlSequenceNode)((YamlMappingNode)services["alertmanager"])["profiles"]).Children.Single()).Value);
        Assert.All(
            GuideServices,
            name => Assert.False(((YamlMappingNode)services[name]).Children.ContainsKey("profiles"), $"{name} would not start with a plain up"));
    }

    [Fact]
    public void Env_example_lists_every_variable_and_marks_the_secrets_as_required_placeholders()
    {
        var example = EnvExample();
        var compose = File.ReadAllText(Repository.ComposeFile);
        var used = Variable().Matches(compose).Select(m => m.Groups["name"].Value).ToHashSet();
        var required = Variable().Matches(compose).Where(m => m.Groups["rest"].Value.StartsWith(":?", StringComparison.Ordinal)).Select(m => m.Groups["name"].Value).ToHashSet();

        Assert.Empty(used.Except(example.Keys));
        Assert.Superset(
            new HashSet<string> { "TELEGRAM_BOT_TOKEN", "JWT_SECRET_KEY", "USERS_SERVICE_KEY", "AUTH_SERVICE_KEY", "BOT_SERVICE_KEY", "POSTGRES_PASSWORD", "REPITBOT_DB_PASSWORD", "USERS_DB_PASSWORD", "AUTH_DB_PASSWORD" },
            required);
        Assert.All(required, name => Assert.StartsWith("change-me", example[name], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_the_secrets_docker_compose_refuses_the_file_and_names_what_is_missing()
    {
        using var folder = TempFolder.Create("repitbot-compose-");
        var empty = Path.Combine(folder.Path, "empty.env");
        await File.WriteAllTextAsync(empty, "# nothing set\n");

        var (exitCode, output) = await ComposeAsync(folder.Path, "--env-file", empty, "config");

        Assert.NotEqual(0, exitCode);
        Assert.Matches("set [A-Z_]+ in .env", output);
    }

    [Fact]
    public void The_gateway_gets_every_variable_its_template_uses()
    {
        var template = File.ReadAllText(GatewayTemplate.TemplatePath);
        var compose = new YamlStream();
        compose.Load(new StringReader(File.ReadAllText(Repository.ComposeFile)));
        var gateway = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)compose.Documents[0].RootNode)["services"])["api-gateway"];
        var environment = ((YamlMappingNode)gateway["environment"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet();

        var used = TemplateVariable().Matches(template).Select(m => m.Groups[1].Value).ToHashSet();

        Assert.NotEmpty(used);
        Assert.Empty(used.Except(environment));
    }

    internal static Dictionary<string, string> EnvExample() =>
        File.ReadAllLines(Repository.PathOf(".env.example"))
            .Where(line => line.Length > 0 && !line.StartsWith('#') && line.Contains('='))
            .ToDictionary(line => line[..line.IndexOf('=')], line => line[(line.IndexOf('=') + 1)..]);

    private static async Task<(int ExitCode, string Output)> ComposeAsync(string workingDirectory, params string[] arguments)
    {
        // Nothing from the test runner's environment may fill in what .env should.
        var environment = EnvExample().Keys.ToDictionary(key => key, _ => (string?)null);
        using var process = ServerProcess.Start(Tools.DockerCompose, ["-f", Repository.ComposeFile, .. arguments], environment, workingDirectory);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exitCode, process.Output);
    }

    private static async Task<YamlMappingNode> ConfigAsync()
    {
        var (exitCode, output) = await ComposeAsync(Repository.Root, "--env-file", Repository.PathOf(".env.example"), "--profile", "alerting", "config");
        Assert.True(exitCode == 0, output);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(output));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static async Task<Dictionary<string, YamlMappingNode>> ConfiguredServicesAsync() =>
        ((YamlMappingNode)(await ConfigAsync())["services"]).Children.ToDictionary(pair => ((YamlScalarNode)pair.Key).Value!, pair => (YamlMappingNode)pair.Value);

    private static string? Scalar(YamlNode node, string key) => ((YamlScalarNode)((YamlMappingNode)node)[key]).Value;

    /// <summary>A service's ports as host_ip:published:target, whichever form the config prints them in.</summary>
    private static List<string> Ports(YamlMappingNode service) =>
        ((YamlSequenceNode)service["ports"]).Select(port => port switch
        {
            YamlScalarNode scalar => scalar.Value!.Replace("/tcp", string.Empty, StringComparison.Ordinal),
            YamlMappingNode mapping => $"{(mapping.Children.ContainsKey("host_ip") ? Scalar(mapping, "host_ip") : string.Empty)}:{Scalar(mapping, "published")}:{Scalar(mapping, "target")}",
            _ => throw new InvalidOperationException("unknown port form"),
        }).ToList();

    [GeneratedRegex(@"\$\{(?<name>[A-Z_][A-Z0-9_]*)(?<rest>[^}]*)\}")]
    private static partial Regex Variable();

    [GeneratedRegex(@"\$\{([A-Z_][A-Z0-9_]*)\}")]
    private static partial Regex TemplateVariable();

    /// <summary>The official image with an explicit version: nginx:1.27.5 or nginx:1.27.5-bookworm, not nginx:1.27.</summary>
    [GeneratedRegex(@"^nginx:(?<version>\d+\.\d+\.\d+)(-[a-z0-9]+)?$")]
    private static partial Regex PinnedNginxTag();
}
