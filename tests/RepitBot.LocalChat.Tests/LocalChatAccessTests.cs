using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using RepitBot.Testing;

namespace RepitBot.LocalChat.Tests;

/// <summary>
/// Who may use the local chat: only a direct loopback client or an admin with their token, in every environment (anyone
/// at the chat can act as any Telegram user), and nobody at all when a real Telegram token is set.
/// </summary>
public sealed class LocalChatAccessTests
{
    [Fact]
    public async Task Given_LOCAL_CHAT_outside_Development_Then_a_client_from_another_address_is_refused_unless_it_brings_an_admin_token()
    {
        // A real non-loopback address of this machine (eth0's), not a forged header: the host sees the client as it is.
        var outside = HostSettings.NonLoopbackAddress();
        var port = FreePort.Next();
        // The outside address is also a trusted proxy, whose X-Forwarded-For the platform takes as the client's address.
        using var host = HostProcess.Start([], HostSettings.Production(port, ("LOCAL_CHAT", "true"), ("FORWARDED_KNOWN_NETWORKS", $"{outside}/32")));
        await host.WaitUntilHealthyAsync(new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient();
        var fromOutside = new Uri($"http://{outside}:{port}/chat/api/bot");
        var fromLoopback = new Uri($"http://127.0.0.1:{port}/chat/api/bot");

        using var refused = await http.GetAsync(fromOutside);
        using var refusedStream = await http.GetAsync(new Uri($"http://{outside}:{port}/chat/api/people/1001/events"), HttpCompletionOption.ResponseHeadersRead);
        using var refusedSend = await http.PostAsJsonAsync(new Uri($"http://{outside}:{port}/chat/api/people/1001/messages"), new { first_name = "Чужой", text = "/start" });
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, fromLoopback) { Headers = { { "X-Forwarded-For", "203.0.113.7" } } };
        using var refusedThroughProxy = await http.SendAsync(forwarded);
        using var claimsLoopback = new HttpRequestMessage(HttpMethod.Get, fromOutside) { Headers = { Host = $"localhost:{port}" } };
        claimsLoopback.Headers.Add("X-Forwarded-For", "127.0.0.1");
        using var refusedClaimOfLoopback = await http.SendAsync(claimsLoopback);
        using var local = await http.GetAsync(fromLoopback);
        var adminToken = await HostSettings.LoginAsync(http, port, HostSettings.AdminCode().Match(host.Output).Groups[1].Value);
        using var withToken = new HttpRequestMessage(HttpMethod.Get, fromOutside) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", adminToken) } };
        using var admitted = await http.SendAsync(withToken);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, refusedStream.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refusedSend.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refusedThroughProxy.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refusedClaimOfLoopback.StatusCode);
        Assert.Equal("[]", await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/chat/api/people")));
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        Assert.Contains($"Local chat: open http://localhost:{port}/chat", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_Development_listening_on_every_interface_Then_a_client_from_another_address_is_refused_too()
    {
        // `dotnet run` in Development listens on 0.0.0.0: a neighbour on the same network must not get the admin's chat.
        var outside = HostSettings.NonLoopbackAddress();
        var port = FreePort.Next();
        using var host = HostProcess.Start([], new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["API_PORT"] = HostProcess.Port(port),
            ["ACCESS_CODE_BCRYPT_WORK_FACTOR"] = "4",
        });
        await host.WaitUntilHealthyAsync(new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient();

        using var refused = await http.PostAsJsonAsync(new Uri($"http://{outside}:{port}/chat/api/people/1001/messages"), new { first_name = "Сосед", text = "/start" });
        using var local = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/chat/api/bot"));
        // DNS rebinding: another site's page, its domain resolved to 127.0.0.1, in the developer's own browser.
        using var rebound = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{port}/chat/api/people")) { Headers = { Host = $"evil.example:{port}" } };
        using var refusedRebound = await http.SendAsync(rebound);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refusedRebound.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Equal("[]", await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/chat/api/people")));
    }

    [Fact]
    public async Task Given_a_real_Telegram_token_Then_there_is_no_chat_even_in_Development()
    {
        var port = FreePort.Next();
        using var host = HostProcess.Start([], new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["API_HOST"] = "127.0.0.1",
            ["API_PORT"] = HostProcess.Port(port),
            ["ACCESS_CODE_BCRYPT_WORK_FACTOR"] = "4",
            ["TELEGRAM_BOT_TOKEN"] = "123456789:AAreal-token-from-BotFather",
            // Nobody listens there: the bot's polls fail, which does not matter here.
            ["TELEGRAM_API_BASE_URL"] = $"http://127.0.0.1:{FreePort.Next()}",
        });
        using var http = new HttpClient();

        // Its Telegram is unreachable, so /health says 503; that it answers at all means the host serves.
        await Eventually.AssertAsync(
            async () =>
            {
                try
                {
                    using var health = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
                    return true;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            TimeSpan.FromSeconds(60),
            "the host to answer");
        using var page = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/chat"));
        using var bot = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/chat/api/bot"));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, bot.StatusCode);
        Assert.DoesNotContain("Local chat", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_LOCAL_CHAT_true_beside_a_real_token_Then_the_start_stops_and_names_the_setting()
    {
        var (exitCode, output) = await HostProcess.RunAsync([], HostSettings.Production(FreePort.Next(), ("LOCAL_CHAT", "true"), ("TELEGRAM_BOT_TOKEN", "123456789:AAreal-token-from-BotFather")));

        Assert.Equal(2, exitCode);
        Assert.Contains("Configuration error: LOCAL_CHAT", output, StringComparison.Ordinal);
        Assert.DoesNotContain("AAreal-token-from-BotFather", output, StringComparison.Ordinal);
    }
}
