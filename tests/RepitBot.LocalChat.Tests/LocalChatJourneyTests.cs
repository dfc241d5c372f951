using System.Text.RegularExpressions;
using RepitBot.Testing;

namespace RepitBot.LocalChat.Tests;

/// <summary>
/// The README's first journey, in a real browser against a real host started as `dotnet run --project src/Host` starts
/// it (Development, no Telegram token): the admin adds a tutor, the tutor adds a student with a parent, the student
/// links and sees the profile, each in a tab of their own.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class LocalChatJourneyTests(Browser browser)
{
    [Fact]
    public async Task Given_no_Telegram_token_in_Development_Then_admin_tutor_and_student_chat_with_the_bot_in_three_tabs()
    {
        var port = FreePort.Next();
        using var host = HostProcess.Start([], new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["API_PORT"] = HostProcess.Port(port),
            ["ACCESS_CODE_BCRYPT_WORK_FACTOR"] = "4",
            // Telegram's own per-chat pace (1 a second) would only make the journey slower.
            ["TELEGRAM_MAX_CHAT_MESSAGES_PER_SECOND"] = "10",
        });
        await host.WaitUntilHealthyAsync(new Uri($"http://127.0.0.1:{port}"));
        var adminCode = AdminCode().Match(host.Output).Groups[1].Value;
        var chat = new Uri($"http://localhost:{port}/chat");

        await browser.RunAsync(nameof(Given_no_Telegram_token_in_Development_Then_admin_tutor_and_student_chat_with_the_bot_in_three_tabs), async () =>
        {
            // The admin: /start, the printed code, add a tutor.
            var admin = ChatWindow.Current(browser.Driver);
            admin.OpenAs(chat, 1001, "Анна");
            admin.Type("/start");
            admin.WaitForBot("код доступа");
            admin.Type(adminCode);
            admin.WaitForBot("Добро пожаловать");
            admin.ClickReplyButton("➕ Добавить репетитора");
            admin.WaitForBot("имя и фамилию репетитора");
            admin.Type("Борис Тьютор");
            var tutorCode = ChatWindow.CodesIn(admin.WaitForBot("Репетитор Борис Тьютор добавлен")).Single();

            // The tutor, in a second tab: link, add a student with a new parent.
            var tutor = ChatWindow.NewTab(browser.Driver);
            tutor.OpenAs(chat, 1002, "Борис");
            tutor.Type("/start");
            tutor.WaitForBot("код доступа");
            tutor.Type(tutorCode);
            tutor.WaitForBot("Добро пожаловать, Борис Тьютор");
            tutor.ClickReplyButton("➕ Добавить ученика");
            tutor.WaitForBot("имя и фамилию ученика");
            tutor.Type("Пётр Иванов");
            tutor.WaitForBot("Добавить родителя");
            tutor.ClickInlineButton("➕ Новый родитель");
            tutor.WaitForBot("имя и фамилию родителя");
            tutor.Type("Мария Иванова");
            var codes = ChatWindow.CodesIn(tutor.WaitForBot("Код родителя"));

            // The student, in a third tab: link with the code, see the profile.
            var student = ChatWindow.NewTab(browser.Driver);
            student.OpenAs(chat, 1003, "Петя");
            student.Type("/start");
            student.WaitForBot("код доступа");
            student.Type(codes[0]);
            student.WaitForBot("Добро пожаловать, Пётр Иванов");
            student.ClickReplyButton("👤 Профиль");
            var profile = student.WaitForBot("Роль: ученик");

            // Each tab kept its own person and chat; the message holding a code is gone from the page, as in Telegram.
            Assert.Contains("Родители: Мария Иванова", profile, StringComparison.Ordinal);
            Assert.Contains("Репетитор: Борис Тьютор", profile, StringComparison.Ordinal);
            Assert.Contains("1001", admin.Header, StringComparison.Ordinal);
            Assert.Contains(admin.Messages, m => m.Contains("Репетитор Борис Тьютор добавлен", StringComparison.Ordinal));
            Assert.DoesNotContain(admin.Messages, m => m.Contains("Пётр Иванов", StringComparison.Ordinal));
            Assert.DoesNotContain(admin.Messages, m => m.Contains(adminCode, StringComparison.Ordinal));
            Assert.DoesNotContain(student.Messages, m => m.Contains(codes[0], StringComparison.Ordinal));
            Assert.Contains("1003", student.Header, StringComparison.Ordinal);
            browser.SaveScreenshots("journey");
        });

        Assert.Contains($"Local chat: open http://localhost:{port}/chat", host.Output, StringComparison.Ordinal);
        Assert.DoesNotMatch(BotToken(), host.Output);
    }

    [GeneratedRegex("Admin access code: ([0-9A-Z-]{19})")]
    private static partial Regex AdminCode();

    /// <summary>Anything shaped like a bot token (id:secret of 40 characters) must never be printed.</summary>
    [GeneratedRegex("[0-9]{6,}:[A-Za-z0-9_-]{30,}")]
    private static partial Regex BotToken();
}
