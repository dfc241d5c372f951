using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using OpenQA.Selenium;
using RepitBot.BotApiServer;
using RepitBot.Testing;
using Telegram.Bot;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace RepitBot.LocalChat.Tests;

/// <summary>
/// What the page shows of what a bot does, with the test as the bot (the real Telegram.Bot client on the local Bot API
/// server) and the page in a real browser: parse modes rendered and never run, keyboards, edits, toasts, deletions.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LocalChatPageTests(Browser browser) : IAsyncLifetime
{
    private const string Token = "7000000010:page-test-bot";
    private const long PersonId = 2001;
    private WebApplication app = null!;
    private LocalBotApi api = null!;
    private Uri baseAddress = null!;
    private HttpClient http = null!;

    private LocalBot Bot => api.Bot(Token);

    private TelegramBotClient Client => new(new TelegramBotClientOptions(Token, baseAddress.ToString().TrimEnd('/')) { RetryCount = 0 }, http);

    public async Task InitializeAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        app = builder.Build();
        api = new LocalBotApi { OnlyToken = Token };
        app.MapLocalBotApi(api);
        app.MapLocalChat(api.Bot(Token));
        await app.StartAsync();
        baseAddress = new Uri($"http://127.0.0.1:{port}/");
        http = new HttpClient();
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await api.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Given_bot_messages_in_HTML_and_MarkdownV2_Then_the_page_shows_their_formatting_and_runs_nothing_of_them() =>
        await browser.RunAsync(nameof(Given_bot_messages_in_HTML_and_MarkdownV2_Then_the_page_shows_their_formatting_and_runs_nothing_of_them), async () =>
        {
            var page = await OpenChatAsync("Ира");

            await Client.SendMessage(PersonId, "<b>Жирный</b> &lt;img src=x onerror=\"document.title='pwned'\"&gt; <a href=\"javascript:document.title='pwned'\">ссылка</a> <a href=\"https://example.org/\">сайт</a>", ParseMode.Html);
            await Client.SendMessage(PersonId, "*полужирный* _курсив_ \\<script\\>alert\\(1\\)\\</script\\> 1\\.", ParseMode.MarkdownV2);
            page.WaitForBot("курсив");

            var html = page.Driver.FindElements(By.CssSelector("#messages li.bot .bubble"))[0];
            Assert.Equal("Жирный", html.FindElement(By.TagName("b")).Text);
            Assert.Contains("<img src=x onerror=", html.Text, StringComparison.Ordinal);
            Assert.Empty(page.Driver.FindElements(By.CssSelector("#messages img, #messages script, #messages a[href^='javascript']")));
            Assert.Equal("https://example.org/", html.FindElement(By.CssSelector("a")).GetAttribute("href"));
            var markdown = page.Driver.FindElements(By.CssSelector("#messages li.bot .bubble"))[1];
            Assert.Equal("полужирный", markdown.FindElement(By.TagName("b")).Text);
            Assert.Equal("курсив", markdown.FindElement(By.TagName("i")).Text);
            Assert.Contains("<script>alert(1)</script> 1.", markdown.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("pwned", page.Driver.Title, StringComparison.Ordinal);
        });

    [Fact]
    public async Task Given_buttons_edits_answers_and_deletions_Then_the_page_follows_them_live() =>
        await browser.RunAsync(nameof(Given_buttons_edits_answers_and_deletions_Then_the_page_follows_them_live), async () =>
        {
            var page = await OpenChatAsync("Лёва");

            // An inline button: clicking it reaches the bot as a callback query; its answer shows as a toast; the
            // message is edited in place.
            var question = await Client.SendMessage(PersonId, "Вопрос?", replyMarkup: new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("Ответить", "answer:1")));
            page.ClickInlineButton("Ответить");
            await Bot.WaitAsync(b => b.PendingUpdateCount >= 2 ? "pressed" : null, TimeSpan.FromSeconds(10), "the press as a second update");
            var updates = await Client.GetUpdates(timeout: 0);
            var query = Assert.Single(updates, u => u.CallbackQuery is not null).CallbackQuery!;
            await Client.AnswerCallbackQuery(query.Id, "Принято");
            await Client.EditMessageText(PersonId, question.Id, "<i>Отвечено</i>", ParseMode.Html);
            var toast = page.Wait(d => d.FindElements(By.CssSelector("#toasts .toast")).FirstOrDefault(t => t.Text == "Принято"), "the toast");
            var edited = page.Wait(d => d.FindElements(By.CssSelector($"#messages li[data-id='{question.Id}'] i")).FirstOrDefault(i => i.Text == "Отвечено"), "the edit");

            // A reply keyboard: a click sends the button's text as the person's message.
            await Client.SendMessage(PersonId, "Выберите", replyMarkup: new ReplyKeyboardMarkup([["Да", "Нет"]]));
            page.ClickReplyButton("Нет");
            await Bot.WaitAsync(b => b.Messages(PersonId).LastOrDefault(m => !m.FromBot && m.Text == "Нет"), TimeSpan.FromSeconds(10), "the button's text as a message");

            // A deleted message leaves the page.
            await Client.DeleteMessage(PersonId, question.Id);
            page.Wait(d => d.FindElements(By.CssSelector($"#messages li[data-id='{question.Id}']")).Count == 0 ? "gone" : null, "the deletion");

            Assert.Equal("Принято", toast.Text);
            Assert.Equal("answer:1", query.Data);
            Assert.Single(query.Message!.ReplyMarkup!.InlineKeyboard.SelectMany(row => row));
            Assert.NotNull(edited);
            Assert.Equal(2, page.Driver.FindElements(By.CssSelector("#messages li.me")).Count);
        });

    /// <summary>Opens the page as the test's person, who says hello, so the bot has a chat to write to.</summary>
    private async Task<ChatWindow> OpenChatAsync(string name)
    {
        var page = ChatWindow.Current(browser.Driver);
        page.OpenAs(new Uri(baseAddress, "chat"), PersonId, name);
        page.Type("Привет");
        await Bot.WaitAsync(b => b.Messages(PersonId).FirstOrDefault(m => m.Text == "Привет"), TimeSpan.FromSeconds(10), "the person's hello");
        return page;
    }
}
