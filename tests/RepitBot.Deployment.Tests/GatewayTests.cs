using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using RepitBot.Testing;

namespace RepitBot.Deployment.Tests;

/// <summary>The gateway (docker/nginx/templates) in front of real services: routes, ids, limits, refusals.</summary>
[Collection(NativeTopologyCollection.Name)]
public sealed partial class GatewayTests(NativeTopology topology)
{
    [Fact]
    public async Task Requests_through_the_gateway_reach_both_services_and_carry_the_request_id_into_every_log()
    {
        using var http = topology.ClientFrom("127.0.0.1");
        var loginId = "deploy-login-" + Guid.NewGuid().ToString("N")[..8];
        var usersId = "deploy-users-" + Guid.NewGuid().ToString("N")[..8];

        using var login = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { access_code = "0000-0000-0000-0000" }) };
        login.Headers.Add("X-Request-Id", loginId);
        using var loginAnswer = await http.SendAsync(login);
        using var users = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users");
        users.Headers.Add("X-Request-Id", usersId);
        users.Headers.Authorization = new("Bearer", topology.AdminAccessToken);
        using var usersAnswer = await http.SendAsync(users);

        // The Auth Service answered the login (a wrong code: its own 401 problem), the User Service the list.
        Assert.Equal(HttpStatusCode.Unauthorized, loginAnswer.StatusCode);
        Assert.Contains("access code", await loginAnswer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, usersAnswer.StatusCode);
        Assert.Contains("\"users\"", await usersAnswer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(loginId, loginAnswer.Headers.GetValues("X-Request-Id").Single());
        Assert.Equal(usersId, usersAnswer.Headers.GetValues("X-Request-Id").Single());

        // The gateway logged both ids, the Auth Service logged the login's lines under its id.
        await Eventually.AssertAsync(() => Task.FromResult(topology.GatewayOutput.Contains($"\"request_id\":\"{loginId}\"", StringComparison.Ordinal) && topology.GatewayOutput.Contains($"\"request_id\":\"{usersId}\"", StringComparison.Ordinal)), TimeSpan.FromSeconds(10), "the gateway's access log lines with both request ids");
        await Eventually.AssertAsync(() => Task.FromResult(JsonLines(topology.AuthProcess.Output).Any(line => ScopeValue(line, "request_id") == loginId)), TimeSpan.FromSeconds(10), "an Auth Service log line with the login's request id");
    }

    [Fact]
    public async Task A_request_without_an_id_gets_one_from_the_gateway_which_the_service_logs_too()
    {
        using var http = topology.ClientFrom("127.0.0.1");

        using var answer = await http.PostAsJsonAsync("/api/v1/auth/login", new { access_code = "1111-1111-1111-1111" });

        var id = answer.Headers.GetValues("X-Request-Id").Single();
        Assert.Matches("^[0-9a-f]{32}$", id);
        await Eventually.AssertAsync(() => Task.FromResult(JsonLines(topology.AuthProcess.Output).Any(line => ScopeValue(line, "request_id") == id)), TimeSpan.FromSeconds(10), "an Auth Service log line with the gateway's id");
        // Nginx writes its access line after the answer has left, so it may reach the captured output a moment later.
        await Eventually.AssertAsync(() => Task.FromResult(topology.GatewayOutput.Contains($"\"request_id\":\"{id}\"", StringComparison.Ordinal)), TimeSpan.FromSeconds(10), "the gateway's access log line with its id");
    }

    [Fact]
    public async Task Both_user_service_instances_behind_the_one_name_get_traffic()
    {
        using var http = topology.ClientFrom("127.0.0.1");
        var before = await (UsersRequests(topology.FirstUsers), UsersRequests(topology.SecondUsers)).WhenBoth();

        for (var i = 0; i < 20; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users/1");
            request.Headers.Authorization = new("Bearer", topology.AdminAccessToken);
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var after = await (UsersRequests(topology.FirstUsers), UsersRequests(topology.SecondUsers)).WhenBoth();
        Assert.True(after.Item1 > before.Item1, $"the first instance got no request ({before.Item1} -> {after.Item1})");
        Assert.True(after.Item2 > before.Item2, $"the second instance got no request ({before.Item2} -> {after.Item2})");
    }

    [Fact]
    public async Task The_gateway_keeps_its_connections_to_the_services_open_and_serves_many_requests_on_each()
    {
        using var http = topology.ClientFrom("127.0.0.1");
        const int requests = 30;
        // For each of the gateway's connections to the User Service: after how many answers it was open.
        var openAfter = new Dictionary<string, int>(StringComparer.Ordinal);

        for (var i = 0; i < requests; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/users/1");
            request.Headers.Authorization = new("Bearer", topology.AdminAccessToken);
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            foreach (var connection in await GatewayConnectionsToAsync(topology.UsersPort))
            {
                openAfter[connection] = openAfter.GetValueOrDefault(connection) + 1;
            }
        }

        // A connection per request would be closed with its answer (none open after the next); kept ones carry on.
        var longest = openAfter.Values.DefaultIfEmpty(0).Max();
        Assert.True(longest >= requests / 2, $"no connection of the gateway to the User Service lasted: {string.Join(", ", openAfter.Select(pair => $"{pair.Key} x{pair.Value}"))}");
        Assert.True(openAfter.Count < requests / 2, $"the gateway opened {openAfter.Count} connections for {requests} requests");
    }

    [Fact]
    public async Task The_login_limit_answers_429_json_with_retry_after_and_a_forged_forwarded_for_does_not_move_the_bucket()
    {
        using var attacker = topology.ClientFrom("127.0.0.5");
        var answers = new List<HttpResponseMessage>();
        try
        {
            for (var i = 0; i < 8; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { access_code = "2222-2222-2222-2222" }) };
                // Every attempt claims another client: the gateway keys its limit on the connection, not on this.
                request.Headers.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
                answers.Add(await attacker.SendAsync(request));
            }

            // Burst 3 plus the first: at most four reach the Auth Service, the rest are refused by the gateway.
            Assert.True(answers.Count(a => a.StatusCode != HttpStatusCode.TooManyRequests) <= 4, string.Join(", ", answers.Select(a => (int)a.StatusCode)));
            var refused = answers.Last();
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(60), refused.Headers.RetryAfter?.Delta);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(429, problem.GetProperty("status").GetInt32());

            // Another address has a bucket of its own: the limit is per client, not for everyone at once.
            using var someoneElse = topology.ClientFrom("127.0.0.6");
            using var theirs = await someoneElse.PostAsJsonAsync("/api/v1/auth/login", new { access_code = "3333-3333-3333-3333" });
            Assert.Equal(HttpStatusCode.Unauthorized, theirs.StatusCode);
        }
        finally
        {
            answers.ForEach(a => a.Dispose());
        }
    }

    [Theory]
    [InlineData("POST", "/api/v1/users/validate-access-code")]
    [InlineData("POST", "/api/v1/USERS/Validate-Access-Code/")]
    [InlineData("POST", "/api/v1/auth/validate")]
    [InlineData("POST", "/api/v1/auth/telegram-login")]
    [InlineData("GET", "/api/v1/auth/revocations?after=0")]
    [InlineData("GET", "/api/v1/Auth/Revocations/")]
    [InlineData("GET", "/metrics")]
    [InlineData("GET", "/health/local")]
    public async Task Internal_endpoints_are_refused_at_the_gateway(string method, string path)
    {
        using var http = topology.ClientFrom("127.0.0.1");
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(topology.Gateway, new Uri(path, UriKind.Relative))) { Content = method == "POST" ? JsonContent.Create(new { token = "x", access_code = "x", telegram_id = 1 }) : null };

        using var answer = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains("This endpoint is internal.", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gateway_answers_health_with_the_services_health_and_every_answer_has_the_security_headers()
    {
        using var http = topology.ClientFrom("127.0.0.1");

        using var health = await http.GetAsync("/health");
        using var unknown = await http.GetAsync("/no/such/route");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var body = await health.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(body.GetProperty("status").GetString(), new[] { "healthy", "degraded" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        foreach (var answer in new[] { health, unknown })
        {
            Assert.Equal("nosniff", answer.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", answer.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-referrer", answer.Headers.GetValues("Referrer-Policy").Single());
            Assert.Single(answer.Headers.GetValues("Content-Security-Policy"));
            Assert.False(answer.Headers.Contains("Server") && answer.Headers.Server.ToString().Contains('/', StringComparison.Ordinal), "the gateway names its version");
        }
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_refused_by_the_gateway_as_json()
    {
        using var http = topology.ClientFrom("127.0.0.7");

        using var answer = await http.PostAsync("/api/v1/users", new StringContent(new string('x', 2 * 1024 * 1024), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
        Assert.Equal(413, (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task The_services_health_ports_of_the_gateway_answer_each_services_own_health()
    {
        using var http = new HttpClient();

        using var users = await http.GetAsync($"http://127.0.0.1:{topology.UsersHealthPort}/health");
        using var auth = await http.GetAsync($"http://127.0.0.1:{topology.AuthHealthPort}/health");
        using var other = await http.GetAsync($"http://127.0.0.1:{topology.UsersHealthPort}/api/v1/users");

        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        Assert.Equal(HttpStatusCode.OK, auth.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    internal static IEnumerable<JsonElement> JsonLines(string output)
    {
        foreach (var line in output.Split('\n'))
        {
            var trimmed = line.Trim();
            if (!trimmed.StartsWith('{'))
            {
                continue;
            }

            JsonElement element;
            try
            {
                element = JsonDocument.Parse(trimmed).RootElement.Clone();
            }
            catch (JsonException)
            {
                continue;
            }

            yield return element;
        }
    }

    internal static string? ScopeValue(JsonElement line, string key)
    {
        if (!line.TryGetProperty("Scopes", out var scopes) || scopes.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var scope in scopes.EnumerateArray())
        {
            if (scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty(key, out var value))
            {
                return value.GetString();
            }
        }

        return null;
    }

    /// <summary>The gateway's established connections to <paramref name="port"/> (its nginx worker's), by local address.</summary>
    private async Task<List<string>> GatewayConnectionsToAsync(int port)
    {
        var sockets = await ServerProcess.RunAsync(Tools.Ss, ["-Htnp", "state", "established", $"( dport = :{port} )"]);
        return sockets.Split('\n')
            .Select(line => SocketLine().Match(line))
            .Where(match => match.Success && ParentOf(int.Parse(match.Groups["pid"].Value, CultureInfo.InvariantCulture)) == topology.GatewayProcessId)
            .Select(match => match.Groups["local"].Value)
            .ToList();
    }

    private static int ParentOf(int pid)
    {
        try
        {
            // /proc/PID/stat: "pid (name) state ppid ..."; the name may hold spaces, so count from its closing parenthesis.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static async Task<double> UsersRequests(Uri instance)
    {
        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(new Uri(instance, "/metrics"));
        return metrics.Split('\n')
            .Where(line => line.StartsWith("http_requests_received_total{", StringComparison.Ordinal) && line.Contains("endpoint=\"/api/v1/users/{id:long}\"", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A line of `ss -Htnp state established`: queues, local and peer address, the owning process.</summary>
    [GeneratedRegex(@"^\s*\d+\s+\d+\s+(?<local>\S+)\s+(?<peer>\S+)\s+users:\(\(""nginx"",pid=(?<pid>\d+),")]
    private static partial Regex SocketLine();
}
