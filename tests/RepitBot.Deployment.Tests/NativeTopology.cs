using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using RepitBot.BotApiServer;
using RepitBot.Testing;
using YamlDotNet.RepresentationModel;

namespace RepitBot.Deployment.Tests;

/// <summary>
/// The compose deployment's topology, run natively with the same Debian-packaged servers the images use: PostgreSQL
/// initialised by docker/postgres/init, Redis, two User Service processes behind one name (the stand-in for Docker's
/// DNS answers it with both addresses; an nginx older than 1.27.3, which resolves it once at start through the system,
/// reads them from a hosts file of its own), the Auth Service, the Telegram bot polling a local Bot API server (the
/// stand-in for Telegram), Nginx with the rendered gateway template, the three exporters, and Prometheus with the
/// repository's configuration and rules, targets rewritten to loopback. Every process and folder is under a watchdog
/// (see <see cref="ServerProcess"/>) and goes with the test run.
/// </summary>
public sealed partial class NativeTopology : IAsyncLifetime
{
    private const string BotToken = "7000000002:TEST-topology-bot-token_0123456789";

    private const string UsersName = "user-service.repitbot.test";
    private const string AuthName = "auth-service.repitbot.test";

    /// <summary>What Docker's DNS would answer for the services' names: the User Service has two instances.</summary>
    private static Dictionary<string, IPAddress[]> ServiceNames => new(StringComparer.Ordinal)
    {
        [UsersName] = [FirstUsersAddress, SecondUsersAddress],
        [AuthName] = [IPAddress.Loopback],
    };

    private readonly List<IDisposable> owned = [];
    private readonly List<HostProcess> hosts = [];
    private PostgresServer? postgres;
    private RedisServer? redis;
    private StubDnsServer? dns;
    private ServerProcess? nginx;
    private LocalBotApiServer? telegram;
    private TempFolder? folder;

    public static IPAddress FirstUsersAddress { get; } = IPAddress.Parse("127.0.0.2");

    public static IPAddress SecondUsersAddress { get; } = IPAddress.Parse("127.0.0.3");

    public int UsersPort { get; } = FreePort.Next();

    public int AuthPort { get; } = FreePort.Next();

    public int BotPort { get; private set; }

    public int GatewayPort { get; } = FreePort.Next();

    public int GatewayStatusPort { get; } = FreePort.Next();

    public int UsersHealthPort { get; } = FreePort.Next();

    public int AuthHealthPort { get; } = FreePort.Next();

    public int PrometheusPort { get; private set; }

    public int PostgresExporterPort { get; } = FreePort.Next();

    public int RedisExporterPort { get; } = FreePort.Next();

    public int NginxExporterPort { get; } = FreePort.Next();

    public Uri Gateway => new($"http://127.0.0.1:{GatewayPort}");

    public Uri Prometheus => new($"http://127.0.0.1:{PrometheusPort}");

    public Uri FirstUsers => new($"http://{FirstUsersAddress}:{UsersPort}");

    public Uri SecondUsers => new($"http://{SecondUsersAddress}:{UsersPort}");

    public Uri Auth => new($"http://127.0.0.1:{AuthPort}");

    public Uri Bot => new($"http://127.0.0.1:{BotPort}");

    /// <summary>Every secret the deployment has, to look for in what it prints (which must hold none of them).</summary>
    public List<string> Secrets { get; } = [];

    public string AdminAccessCode { get; private set; } = string.Empty;

    public string AdminAccessToken { get; private set; } = string.Empty;

    /// <summary>The gateway's nginx (its master process; the worker is its child).</summary>
    public int GatewayProcessId => nginx!.Id;

    public HostProcess FirstUsersProcess => hosts[0];

    public HostProcess SecondUsersProcess => hosts[1];

    public HostProcess AuthProcess => hosts[2];

    public HostProcess BotProcess => hosts[3];

    public string GatewayOutput => nginx?.Output ?? string.Empty;

    /// <summary>What every host process printed.</summary>
    public string HostOutput => string.Concat(hosts.Select(host => host.Output));

    /// <summary>A client of the gateway whose connections come from <paramref name="source"/> (any 127.x address).</summary>
    public HttpClient ClientFrom(string source)
    {
        var local = IPAddress.Parse(source);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = Gateway, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task InitializeAsync()
    {
        folder = TempFolder.Create("repitbot-topology-");
        postgres = await PostgresServer.StartNewAsync();
        redis = await RedisServer.StartNewAsync();

        var passwords = new Dictionary<string, string?>
        {
            ["REPITBOT_DB_PASSWORD"] = TestSecrets.NewServiceKey(),
            ["USERS_DB_PASSWORD"] = TestSecrets.NewServiceKey(),
            ["AUTH_DB_PASSWORD"] = TestSecrets.NewServiceKey(),
        };
        await InitialiseDatabasesAsync(postgres, passwords);

        var settings = new Dictionary<string, string?>
        {
            ["LOG_FORMAT"] = "json",
            ["JWT_SECRET_KEY"] = TestSecrets.NewJwtKey(),
            ["USERS_SERVICE_KEY"] = TestSecrets.NewServiceKey(),
            ["AUTH_SERVICE_KEY"] = TestSecrets.NewServiceKey(),
            ["BOT_SERVICE_KEY"] = TestSecrets.NewServiceKey(),
            // The services believe X-Forwarded-For only from the gateway, which connects from 127.0.0.1.
            ["FORWARDED_KNOWN_PROXIES"] = "127.0.0.1",
            ["FORWARDED_KNOWN_NETWORKS"] = string.Empty,
            ["PLATFORM_DATABASE_URL"] = $"postgresql://repitbot:{passwords["REPITBOT_DB_PASSWORD"]}@127.0.0.1:{postgres.Port}/repitbot",
            ["REDIS_URL"] = redis.Url,
            ["USER_SERVICE_URL"] = FirstUsers.ToString().TrimEnd('/'),
            ["AUTH_SERVICE_URL"] = Auth.ToString().TrimEnd('/'),
            ["ACCESS_CODE_BCRYPT_WORK_FACTOR"] = "4",
            ["BOOTSTRAP_ADMIN"] = "false",
            // The gateway's login limit is under test; the Auth Service's own limit (per address it sees) stays out of the way.
            ["LOGIN_RATE_LIMIT_PER_MINUTE"] = "1000",
        };
        Secrets.AddRange(settings.Where(pair => pair.Key.EndsWith("_KEY", StringComparison.Ordinal)).Select(pair => pair.Value!));
        Secrets.AddRange(passwords.Values.Select(value => value!));

        var users = new Dictionary<string, string?>(settings)
        {
            ["USER_SERVICE_DATABASE_URL"] = $"postgresql://repitbot_users:{passwords["USERS_DB_PASSWORD"]}@127.0.0.1:{postgres.Port}/repitbot_users",
            ["USER_SERVICE_PORT"] = HostProcess.Port(UsersPort),
        };
        var auth = new Dictionary<string, string?>(settings)
        {
            ["AUTH_SERVICE_DATABASE_URL"] = $"postgresql://repitbot_auth:{passwords["AUTH_DB_PASSWORD"]}@127.0.0.1:{postgres.Port}/repitbot_auth",
            ["AUTH_SERVICE_HOST"] = "127.0.0.1",
            ["AUTH_SERVICE_PORT"] = HostProcess.Port(AuthPort),
        };

        var (exitCode, output) = await HostProcess.RunAsync(["admin", "create", "--name", "Deployment Operator", "--role", "users"], users);
        AdminAccessCode = exitCode == 0 && AccessCode().Match(output) is { Success: true } match
            ? match.Value
            : throw new InvalidOperationException($"admin create failed ({exitCode}):\n{output}");
        Secrets.Add(AdminAccessCode);

        hosts.Add(HostProcess.Start(["--role", "users"], new Dictionary<string, string?>(users) { ["USER_SERVICE_HOST"] = FirstUsersAddress.ToString() }));
        hosts.Add(HostProcess.Start(["--role", "users"], new Dictionary<string, string?>(users) { ["USER_SERVICE_HOST"] = SecondUsersAddress.ToString() }));
        hosts.Add(HostProcess.Start(["--role", "auth"], auth));
        await Task.WhenAll(
            hosts[0].WaitUntilHealthyAsync(FirstUsers),
            hosts[1].WaitUntilHealthyAsync(SecondUsers),
            hosts[2].WaitUntilHealthyAsync(Auth));

        dns = new StubDnsServer();
        foreach (var (name, addresses) in ServiceNames)
        {
            dns.Answer(name, addresses);
        }

        await StartGatewayAsync();
        StartExporters();
        await WaitForExportersAsync();
        await StartBotAsync(settings);
        await StartPrometheusAsync();
        await WarmUpAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var host in hosts)
        {
            host.Release();
        }

        foreach (var process in owned)
        {
            if (process is ServerProcess server)
            {
                server.Release();
            }
        }

        foreach (var host in hosts)
        {
            host.Dispose();
        }

        foreach (var process in owned)
        {
            process.Dispose();
        }

        nginx?.Dispose();
        dns?.Dispose();
        if (telegram is not null)
        {
            await telegram.DisposeAsync();
        }

        if (redis is not null)
        {
            await redis.DisposeAsync();
        }

        if (postgres is not null)
        {
            await postgres.DisposeAsync();
        }

        folder?.Dispose();
    }

    /// <summary>docker/postgres/init as the official image runs it on an empty volume (psql as the superuser).</summary>
    internal static async Task InitialiseDatabasesAsync(PostgresServer server, IReadOnlyDictionary<string, string?> passwords)
    {
        var environment = new Dictionary<string, string?>(passwords)
        {
            ["POSTGRES_USER"] = "postgres",
            ["PGHOST"] = "127.0.0.1",
            ["PGPORT"] = HostProcess.Port(server.Port),
            ["PATH"] = $"{Tools.PostgresBin}:{Environment.GetEnvironmentVariable("PATH")}",
        };
        foreach (var script in Directory.GetFiles(Repository.PathOf("docker", "postgres", "init"), "*.sh").Order(StringComparer.Ordinal))
        {
            using var init = ServerProcess.Start("bash", [script], environment, Path.GetTempPath());
            var exitCode = await init.WaitForExitAsync(TimeSpan.FromSeconds(60));
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"{script} failed ({exitCode}):\n{init.Output}");
            }
        }
    }

    /// <summary>Asks Prometheus (its HTTP API) and returns the "data" element of the answer.</summary>
    public async Task<JsonElement> QueryPrometheusAsync(string pathAndQuery)
    {
        using var http = new HttpClient { BaseAddress = Prometheus, Timeout = TimeSpan.FromSeconds(10) };
        var answer = await http.GetFromJsonAsync<JsonElement>(pathAndQuery);
        return answer.GetProperty("data");
    }

    /// <summary>
    /// As compose starts telegram-bot: after the services are healthy, with the shared settings and only its own key.
    /// Its port is taken just before it starts (after the gateway and exporters have bound theirs), so the time in
    /// which another process on this shared machine can take a chosen port stays as short as before the bot.
    /// </summary>
    private async Task StartBotAsync(Dictionary<string, string?> settings)
    {
        telegram = await LocalBotApiServer.StartAsync();
        BotPort = FreePort.Next();
        var bot = new Dictionary<string, string?>(settings)
        {
            ["BOT_HOST"] = "127.0.0.1",
            ["BOT_PORT"] = HostProcess.Port(BotPort),
            ["ENABLE_MICROSERVICES"] = "true",
            ["TELEGRAM_BOT_TOKEN"] = BotToken,
            ["TELEGRAM_API_BASE_URL"] = telegram.BaseUrl,
            ["TELEGRAM_POLL_TIMEOUT_SECONDS"] = "5",
        };
        bot.Remove("USERS_SERVICE_KEY");
        bot.Remove("AUTH_SERVICE_KEY");
        Secrets.Add(BotToken);
        hosts.Add(HostProcess.Start(["--role", "bot"], bot));
        await hosts[3].WaitUntilHealthyAsync(Bot);
    }

    private async Task StartGatewayAsync()
    {
        var gatewayFolder = Path.Combine(folder!.Path, "nginx");
        Directory.CreateDirectory(gatewayFolder);
        var resolve = await GatewayTemplate.UpstreamResolveAsync(Tools.Nginx);
        var main = await GatewayTemplate.RenderAsync(gatewayFolder, new Dictionary<string, string>
        {
            ["GATEWAY_PORT"] = HostProcess.Port(GatewayPort),
            ["GATEWAY_STATUS_PORT"] = HostProcess.Port(GatewayStatusPort),
            ["USERS_HEALTH_PORT"] = HostProcess.Port(UsersHealthPort),
            ["AUTH_HEALTH_PORT"] = HostProcess.Port(AuthHealthPort),
            ["USER_SERVICE_ADDRESS"] = $"{UsersName}:{UsersPort}",
            ["AUTH_SERVICE_ADDRESS"] = $"{AuthName}:{AuthPort}",
            ["NGINX_RESOLVER"] = $"127.0.0.1:{dns!.Port}",
            ["UPSTREAM_RESOLVE"] = resolve,
            ["RATE_LIMIT_API"] = "200r/s",
            ["RATE_LIMIT_API_BURST"] = "400",
            ["RATE_LIMIT_LOGIN"] = "10r/m",
            ["RATE_LIMIT_LOGIN_BURST"] = "3",
        });
        string[] command = [Tools.Nginx, "-c", main, "-p", gatewayFolder + "/"];
        if (resolve.Length == 0)
        {
            // An nginx older than 1.27.3 resolves an upstream's names once, at start, and through the system's resolver
            // (getaddrinfo), not the stub DNS. It runs in a mount namespace of its own whose /etc/hosts gives the names
            // the stub's addresses, as Docker's DNS would answer them when the gateway starts; the machine's file stays.
            var hostsFile = Path.Combine(gatewayFolder, "hosts");
            await File.WriteAllLinesAsync(hostsFile, ["127.0.0.1 localhost", .. ServiceNames.SelectMany(pair => pair.Value.Select(address => $"{address} {pair.Key}"))]);
            command = [Tools.Unshare, "--mount", "--", "sh", "-c", "mount --bind \"$0\" /etc/hosts && exec \"$@\"", hostsFile, .. command];
        }

        nginx = ServerProcess.Start(command[0], command[1..], workingDirectory: gatewayFolder, stopSignal: "TERM");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var up = await Eventually.TrueAsync(
            async () =>
            {
                if (nginx.HasExited)
                {
                    throw new InvalidOperationException("nginx exited:\n" + nginx.Output);
                }

                try
                {
                    return (await http.GetAsync(new Uri(Gateway, "/health"))).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(30),
            TimeSpan.FromMilliseconds(100));
        if (!up)
        {
            throw new TimeoutException("The gateway did not answer /health with 200:\n" + nginx.Output);
        }
    }

    private void StartExporters()
    {
        owned.Add(ServerProcess.Start(
            Tools.PostgresExporter,
            [$"--web.listen-address=127.0.0.1:{PostgresExporterPort}"],
            new Dictionary<string, string?> { ["DATA_SOURCE_NAME"] = $"postgresql://postgres@127.0.0.1:{postgres!.Port}/postgres?sslmode=disable" },
            folder!.Path));
        owned.Add(ServerProcess.Start(
            Tools.RedisExporter,
            ["-web.listen-address", $"127.0.0.1:{RedisExporterPort}", "-redis.addr", redis!.Url],
            workingDirectory: folder.Path));
        owned.Add(ServerProcess.Start(
            Tools.NginxExporter,
            ["-nginx.scrape-uri", $"http://127.0.0.1:{GatewayStatusPort}/stub_status", "-web.listen-address", $"127.0.0.1:{NginxExporterPort}"],
            workingDirectory: folder.Path));
    }

    /// <summary>Each exporter up and reaching what it watches (an exporter that cannot answers "..._up 0").</summary>
    private async Task WaitForExportersAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var exporters = new (int Port, string Up, ServerProcess Process)[]
        {
            (PostgresExporterPort, "pg_up 1", (ServerProcess)owned[0]),
            (RedisExporterPort, "redis_up 1", (ServerProcess)owned[1]),
            (NginxExporterPort, "nginx_up 1", (ServerProcess)owned[2]),
        };
        foreach (var (port, up, process) in exporters)
        {
            var ready = await Eventually.TrueAsync(
                async () =>
                {
                    try
                    {
                        return (await http.GetStringAsync($"http://127.0.0.1:{port}/metrics")).Contains($"\n{up}", StringComparison.Ordinal);
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        return false;
                    }
                },
                TimeSpan.FromSeconds(60),
                TimeSpan.FromMilliseconds(250));
            if (!ready)
            {
                throw new TimeoutException($"The exporter on port {port} never reported '{up}':\n{process.Output}\n{nginx?.Output}");
            }
        }
    }

    private async Task StartPrometheusAsync()
    {
        // Taken just before Prometheus binds it, as the bot's port is.
        PrometheusPort = FreePort.Next();
        var prometheusFolder = Path.Combine(folder!.Path, "prometheus");
        Directory.CreateDirectory(prometheusFolder);
        var configuration = Path.Combine(prometheusFolder, "prometheus.yml");
        await File.WriteAllTextAsync(configuration, LoopbackPrometheusConfiguration());
        var prometheus = ServerProcess.Start(
            Tools.Prometheus,
            [$"--config.file={configuration}", $"--storage.tsdb.path={Path.Combine(prometheusFolder, "data")}", $"--web.listen-address=127.0.0.1:{PrometheusPort}"],
            workingDirectory: prometheusFolder,
            stopSignal: "TERM");
        owned.Add(prometheus);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var ready = await Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    return (await http.GetAsync(new Uri(Prometheus, "/-/ready"))).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return !prometheus.HasExited && false;
                }
            },
            TimeSpan.FromSeconds(60),
            TimeSpan.FromMilliseconds(200));
        if (!ready)
        {
            throw new TimeoutException("Prometheus did not become ready:\n" + prometheus.Output);
        }
    }

    /// <summary>
    /// The repository's Prometheus configuration with each job's targets replaced by the loopback address of its
    /// process here (a job this does not know fails the run: a new job needs its native counterpart), its rules
    /// loaded from the repository, a 1 s scrape interval, and no Alertmanager.
    /// </summary>
    private string LoopbackPrometheusConfiguration()
    {
        var targets = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["prometheus"] = [$"127.0.0.1:{PrometheusPort}"],
            ["user-service"] = [$"{FirstUsersAddress}:{UsersPort}", $"{SecondUsersAddress}:{UsersPort}"],
            ["auth-service"] = [$"127.0.0.1:{AuthPort}"],
            ["telegram-bot"] = [$"127.0.0.1:{BotPort}"],
            ["api-gateway"] = [$"127.0.0.1:{NginxExporterPort}"],
            ["postgres"] = [$"127.0.0.1:{PostgresExporterPort}"],
            ["redis"] = [$"127.0.0.1:{RedisExporterPort}"],
        };

        var yaml = new YamlStream();
        yaml.Load(new StringReader(Repository.Read("docker", "prometheus", "prometheus.yml")));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var text = new StringBuilder();
        text.AppendLine("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s");
        text.AppendLine("rule_files:");
        foreach (var rules in (YamlSequenceNode)root["rule_files"])
        {
            text.AppendLine($"  - {Repository.PathOf("docker", "prometheus", ((YamlScalarNode)rules).Value!)}");
        }

        text.AppendLine("scrape_configs:");
        foreach (YamlMappingNode job in (YamlSequenceNode)root["scrape_configs"])
        {
            var name = ((YamlScalarNode)job["job_name"]).Value!;
            if (!targets.TryGetValue(name, out var addresses))
            {
                throw new InvalidOperationException($"docker/prometheus/prometheus.yml has a job '{name}' the native topology does not run.");
            }

            text.AppendLine($"  - job_name: {name}\n    static_configs:\n      - targets: [{string.Join(", ", addresses.Select(a => $"\"{a}\""))}]");
        }

        return text.ToString();
    }

    /// <summary>Some traffic, so that every metric the dashboards name has been made by the time a test looks.</summary>
    private async Task WarmUpAsync()
    {
        using var http = ClientFrom("127.0.0.1");
        using var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { access_code = AdminAccessCode });
        var body = await login.Content.ReadAsStringAsync();
        if (!login.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The admin could not log in through the gateway ({(int)login.StatusCode}): {body}");
        }

        var tokens = JsonDocument.Parse(body).RootElement;
        AdminAccessToken = tokens.GetProperty("access_token").GetString()!;
        Secrets.Add(AdminAccessToken);
        Secrets.Add(tokens.GetProperty("refresh_token").GetString()!);
        for (var i = 0; i < 6; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users");
            request.Headers.Authorization = new("Bearer", AdminAccessToken);
            using var response = await http.SendAsync(request);
        }

        // A person links their account in the chat: the bot handles updates, answers, and calls the Auth Service with its key.
        var chat = new ChatDriver(telegram!.Api.Bot(BotToken), new LocalPerson(7_000_001, "Оператор"));
        await chat.SendAsync("/start", "код доступа");
        await chat.SendAsync(AdminAccessCode, "Добро пожаловать");
    }

    [GeneratedRegex(@"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b")]
    private static partial Regex AccessCode();
}
