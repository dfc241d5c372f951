using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using RepitBot.BotApiServer;
using RepitBot.Testing;

namespace RepitBot.LocalChat.Tests;

/// <summary>The chat's person-side JSON API: what it takes, and the problem+json it answers to bad input.</summary>
public sealed class LocalChatApiTests : IAsyncLifetime
{
    private const string Token = "7000000011:api-test-bot";
    private WebApplication app = null!;
    private LocalBotApi api = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        app = builder.Build();
        api = new LocalBotApi { OnlyToken = Token };
        app.MapLocalChat(api.Bot(Token));
        await app.StartAsync();
        http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await api.DisposeAsync();
        await app.DisposeAsync();
    }

    [Theory]
    [InlineData("0", """{"first_name":"Оля","text":"hi"}""", "id")]
    [InlineData("abc", """{"first_name":"Оля","text":"hi"}""", "id")]
    [InlineData("4503599627370496", """{"first_name":"Оля","text":"hi"}""", "id")]
    [InlineData("42", """{"text":"hi"}""", "first_name")]
    [InlineData("42", """{"first_name":"  ","text":"hi"}""", "first_name")]
    [InlineData("42", """{"first_name":"Оля","text":""}""", "text")]
    [InlineData("42", """{"first_name":"Оля","text":5}""", "text")]
    [InlineData("42", """{"first_name":"Оля",""", "JSON")]
    [InlineData("42", """["Оля"]""", "object")]
    public async Task Given_bad_input_Then_sending_answers_400_problem_json_naming_the_mistake(string id, string body, string named)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await http.PostAsync(new Uri($"/chat/api/people/{id}/messages", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(api.Bot(Token).People);
    }

    [Fact]
    public async Task Given_a_button_the_chat_does_not_show_Then_the_press_answers_404_and_reaches_no_bot()
    {
        var bot = api.Bot(Token);
        bot.SendText(new LocalPerson(42, "Оля"), "hi");
        var before = bot.PendingUpdateCount;

        using var response = await http.PostAsJsonAsync(new Uri("/chat/api/people/42/presses", UriKind.Relative), new { first_name = "Оля", message_id = 1, callback_data = "card:7" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, bot.PendingUpdateCount);
    }

    [Fact]
    public async Task Given_a_good_message_Then_it_reaches_the_bot_as_an_update_from_that_person()
    {
        using var response = await http.PostAsJsonAsync(new Uri("/chat/api/people/42/messages", UriKind.Relative), new { first_name = "Оля", text = "/start" });

        response.EnsureSuccessStatusCode();
        var person = Assert.Single(api.Bot(Token).People);
        Assert.Equal((42, "Оля"), (person.Id, person.FirstName));
        Assert.Equal("/start", Assert.Single(api.Bot(Token).Messages(42)).Text);
        Assert.Equal(1, api.Bot(Token).PendingUpdateCount);
    }
}
