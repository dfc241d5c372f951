using RepitBot.BotApiServer;
using RepitBot.Testing;

namespace RepitBot.Modules.Bot.Tests;

/// <summary>Whole conversations with the bot, through the local Bot API server, as tutors, students and parents have them.</summary>
public sealed class ConversationTests(BotHost host) : IClassFixture<BotHost>
{
    [Fact]
    public async Task Given_a_tutor_adds_a_student_with_a_new_parent_Then_both_link_and_see_each_other() =>
        await Scenarios.TutorAddsStudentWithNewParentAsync(host);

    [Fact]
    public async Task Given_a_wrong_code_Then_the_bot_explains_and_asks_again()
    {
        var person = host.NewPerson("Гость");
        await person.SendAsync("/start", "код доступа");

        var answer = await person.SendAsync("AAAA-BBBB-CCCC-DDDD", "Код не подошёл");

        Assert.Contains("подождите", answer.Text, StringComparison.Ordinal);
        Assert.True(person.Messages.Single(m => !m.FromBot && m.Text == "AAAA-BBBB-CCCC-DDDD").IsDeleted);
    }

    [Fact]
    public async Task Given_a_code_linked_to_one_Telegram_account_Then_another_account_cannot_use_it()
    {
        var code = (await host.CreateUserAsync("Борис Тьютор", "tutor")).AccessCode;
        await host.LinkedPersonAsync("Борис", code);
        var other = host.NewPerson("Чужой");
        await other.SendAsync("/start", "код доступа");

        var answer = await other.SendAsync(code, "Код не подошёл");

        Assert.DoesNotContain("Добро пожаловать", string.Join('\n', other.Messages.Select(m => m.Text)), StringComparison.Ordinal);
        Assert.NotNull(answer);
    }

    [Fact]
    public async Task Given_a_forged_button_for_another_tutors_student_Then_the_bot_answers_not_found()
    {
        var owner = await host.LinkedPersonAsync("Вера", (await host.CreateUserAsync("Вера Тьютор", "tutor")).AccessCode);
        await AddStudentWithoutParentAsync(owner, "Чужой Ученик");
        await owner.SendAsync("👥 Мои ученики", "Ваши ученики");
        var otherStudentCard = owner.CallbackOf("⏳ Чужой Ученик");
        var intruder = await host.LinkedPersonAsync("Глеб", (await host.CreateUserAsync("Глеб Тьютор", "tutor")).AccessCode);

        var answer = await intruder.PressForgedAsync(otherStudentCard, "Не найдено");

        Assert.DoesNotContain("Чужой Ученик", string.Join('\n', intruder.Messages.Select(m => m.Text)), StringComparison.Ordinal);
        Assert.NotNull(answer);
        var deleteOther = otherStudentCard.Replace("card:", "deleteok:", StringComparison.Ordinal);
        await intruder.PressForgedAsync(deleteOther, "Не найдено");
        var stillThere = await OpenStudentCardAsync(owner, "Чужой Ученик");
        Assert.Contains("Чужой Ученик", stillThere.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_cancel_in_the_middle_of_adding_a_student_Then_nothing_is_created_and_later_text_is_not_taken_as_a_name()
    {
        var tutor = await host.LinkedPersonAsync("Дина", (await host.CreateUserAsync("Дина Тьютор", "tutor")).AccessCode);
        await tutor.SendAsync("➕ Добавить ученика", "имя и фамилию ученика");

        await tutor.SendAsync("/cancel", "Действие отменено");
        await tutor.SendAsync("Забытый Ученик", "Не понял");

        var list = await tutor.SendAsync("👥 Мои ученики", "нет учеников");
        Assert.DoesNotContain("Забытый", list.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_name_with_markup_characters_Then_it_is_shown_exactly_as_typed()
    {
        var tutor = await host.LinkedPersonAsync("Ефим", (await host.CreateUserAsync("Ефим Тьютор", "tutor")).AccessCode);
        const string name = "Ян <b>_Звёзд*_ [x](y) & `k`";

        await AddStudentWithoutParentAsync(tutor, name);
        var card = await OpenStudentCardAsync(tutor, name);

        Assert.StartsWith(name + " (ученик)", card.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Bot.Calls, call => call.StatusCode == 400);
    }

    [Fact]
    public async Task Given_Telegram_answers_429_Then_the_bot_waits_it_out_and_nothing_is_lost()
    {
        var tutor = await host.LinkedPersonAsync("Жанна", (await host.CreateUserAsync("Жанна Тьютор", "tutor")).AccessCode);
        host.Bot.RespondWithTooManyRequests(2, retryAfterSeconds: 1);

        var help = await tutor.SendAsync("/help", "/logout");

        Assert.Contains(host.Bot.Calls, call => call.StatusCode == 429 && call.ChatId == tutor.Person.Id);
        Assert.Single(tutor.Messages, m => m.FromBot && m.Text.Contains("/logout", StringComparison.Ordinal));
        Assert.NotNull(help);
    }

    [Fact]
    public async Task Given_a_logout_confirmed_Then_the_code_is_asked_again()
    {
        var code = (await host.CreateUserAsync("Зоя Тьютор", "tutor")).AccessCode;
        var tutor = await host.LinkedPersonAsync("Зоя", code);
        await tutor.SendAsync("/logout", "Выйти из аккаунта");

        await tutor.PressAsync("Да", "Вы вышли");

        await tutor.SendAsync("/menu", "код доступа");
        await tutor.SendAsync(code, "Добро пожаловать");
    }

    [Fact]
    public async Task Given_a_code_reissued_by_the_tutor_Then_the_student_is_sent_back_to_the_code_prompt()
    {
        var tutor = await host.LinkedPersonAsync("Ира", (await host.CreateUserAsync("Ира Тьютор", "tutor")).AccessCode);
        var code = await AddStudentWithoutParentAsync(tutor, "Кирилл Ученик");
        var student = await host.LinkedPersonAsync("Кирилл", code);
        // Token times have whole seconds, and a token of the reissue's own second still stands: reissue in a later one.
        var linkedSecond = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await Eventually.AssertAsync(() => Task.FromResult(DateTimeOffset.UtcNow.ToUnixTimeSeconds() > linkedSecond), TimeSpan.FromSeconds(5), "the next second");
        await OpenStudentCardAsync(tutor, "Кирилл Ученик");

        await tutor.PressAsync("🔑 Новый код", "Выпустить новый код");
        var reissued = await tutor.PressAsync("Да", "Новый код для Кирилл Ученик");

        Assert.Single(ChatDriver.CodesIn(reissued));
        // Auth trusts a user's status for a short time (and token times have whole seconds): the end comes within it.
        await Eventually.AssertAsync(
            async () => (await student.SendAsync("👤 Профиль", string.Empty)).Text.Contains("сеанс завершён", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20),
            "the student's session to end after the reissue");
        await student.SendAsync(code, "Код не подошёл");
        await student.SendAsync(ChatDriver.CodesIn(reissued)[0], "Добро пожаловать");
    }

    [Fact]
    public async Task Given_several_messages_of_one_chat_at_once_Then_they_are_answered_in_their_order_and_another_chat_too()
    {
        // Arrange
        var tutor = await host.LinkedPersonAsync("Ира", (await host.CreateUserAsync("Ира Тьютор", "tutor")).AccessCode);
        var other = await host.LinkedPersonAsync("Яна", (await host.CreateUserAsync("Яна Тьютор", "tutor")).AccessCode);
        var before = tutor.Messages.Count;

        // Act: four messages typed before any answer, a heavier one (the profile reads the database) first
        string[] typed = ["👤 Профиль", "/help", "👤 Профиль", "/help"];
        foreach (var text in typed)
        {
            host.Bot.SendText(tutor.Person, text);
        }

        host.Bot.SendText(other.Person, "/help");
        await host.Bot.WaitAsync(bot => bot.Messages(tutor.Person.Id).Skip(before).Count(m => m.FromBot) >= typed.Length ? string.Empty : null, ChatDriver.Timeout, "four answers");
        await other.WaitForAsync("Команды:");

        // Assert
        var answers = tutor.Messages.Skip(before).Where(m => m.FromBot).Select(m => m.Text.StartsWith("Профиль", StringComparison.Ordinal) ? "👤 Профиль" : m.Text.StartsWith("Команды:", StringComparison.Ordinal) ? "/help" : m.Text);
        Assert.Equal(typed, answers);
    }

    internal static async Task<string> AddStudentWithoutParentAsync(ChatDriver tutor, string name)
    {
        await tutor.SendAsync("➕ Добавить ученика", "имя и фамилию ученика");
        await tutor.SendAsync(name, "Добавить родителя");
        var created = await tutor.PressAsync("Без родителя", "Код ученика");
        return ChatDriver.CodesIn(created)[0];
    }

    internal static async Task<LocalChatMessage> OpenStudentCardAsync(ChatDriver tutor, string name)
    {
        var list = await tutor.SendAsync("👥 Мои ученики", "Ваши ученики");
        var button = list.InlineKeyboard.SelectMany(row => row).First(b => b.Text.EndsWith(name, StringComparison.Ordinal));
        return await tutor.PressAsync(button.Text, "(ученик)");
    }
}
