using Microsoft.Extensions.DependencyInjection;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Users;
using RepitBot.Testing;

namespace RepitBot.Modules.Bot.Tests;

/// <summary>
/// Telegram delivers an update again when a webhook did not answer in time (and a restarted poller gets the updates it
/// had not confirmed): the writes such an update asks for are keyed by it, so they happen once.
/// </summary>
public sealed class RedeliveryTests(WebhookBotHost host) : IClassFixture<WebhookBotHost>
{
    [Fact]
    public async Task Given_the_press_that_creates_a_student_delivered_twice_Then_one_student_exists_and_the_same_code_is_shown()
    {
        // Arrange: a tutor at the parent choice; Telegram fails once to take the message with the codes
        var tutor = await host.LinkedPersonAsync("Олег", (await host.CreateUserAsync("Олег Тьютор", "tutor")).AccessCode);
        await tutor.SendAsync("➕ Добавить ученика", "имя и фамилию ученика");
        await tutor.SendAsync("Дважды Доставленный", "Добавить родителя");
        host.Bot.RespondWithError("sendMessage", 1, 500, "Internal Server Error");
        await tutor.PressAsync("Без родителя", "Что-то пошло не так");

        // Act: the same update (same update_id) once more
        host.Bot.RedeliverLatest(tutor.Person);
        var codes = await tutor.WaitForAsync("Код ученика");

        // Assert: one student, and the code shown is theirs
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<IUsersModule>();
        var found = await users.ListUsersAsync(Caller.Service(ServiceNames.Auth), new UserListQuery(1, 50, UserRole.Student, "Дважды Доставленный"), CancellationToken.None);
        Assert.True(found.IsSuccess);
        Assert.Single(found.Value!.Users);
        await host.LinkedPersonAsync("Дважды", ChatDriver.CodesIn(codes)[0]);
    }

    [Fact]
    public async Task Given_the_confirmed_reissue_delivered_twice_Then_the_code_shown_first_still_works()
    {
        // Arrange: a tutor reissues a student's code
        var tutor = await host.LinkedPersonAsync("Нина", (await host.CreateUserAsync("Нина Тьютор", "tutor")).AccessCode);
        await ConversationTests.AddStudentWithoutParentAsync(tutor, "Код Дважды");
        await ConversationTests.OpenStudentCardAsync(tutor, "Код Дважды");
        await tutor.PressAsync("🔑 Новый код", "Выпустить новый код");
        var reissued = await tutor.PressAsync("Да", "Новый код для Код Дважды");
        var firstCode = ChatDriver.CodesIn(reissued)[0];
        var edits = EditsIn(tutor);

        // Act: the confirmation delivered again, handled to its end (its edit is tried)
        host.Bot.RedeliverLatest(tutor.Person);
        await host.Bot.WaitAsync(bot => EditsIn(tutor) > edits ? string.Empty : null, ChatDriver.Timeout, "the redelivered confirmation to be handled");

        // Assert: no second reissue: the code shown first is still the student's
        Assert.Contains(firstCode, tutor.Messages.Single(m => m.MessageId == reissued.MessageId).Text, StringComparison.Ordinal);
        await host.LinkedPersonAsync("Код", firstCode);
    }

    private int EditsIn(ChatDriver chat) =>
        host.Bot.Calls.Count(call => call.Method.Equals("editMessageText", StringComparison.OrdinalIgnoreCase) && call.ChatId == chat.Person.Id);
}
