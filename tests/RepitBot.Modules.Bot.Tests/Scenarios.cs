using RepitBot.Testing;

namespace RepitBot.Modules.Bot.Tests;

/// <summary>Conversations run the same way against every deployment of the bot (monolith, remote services, webhook).</summary>
internal static class Scenarios
{
    /// <summary>A tutor adds a student with a new parent; the student links with a lower-case spaced code; each sees the other.</summary>
    public static async Task TutorAddsStudentWithNewParentAsync(BotHost host)
    {
        // Arrange
        var tutorCode = (await host.CreateUserAsync("Анна Тьютор", "tutor")).AccessCode;
        var tutor = await host.LinkedPersonAsync("Анна", tutorCode);

        // Act: the tutor adds a student with a new parent
        await tutor.SendAsync("➕ Добавить ученика", "имя и фамилию ученика");
        await tutor.SendAsync("Пётр Иванов", "Добавить родителя");
        await tutor.PressAsync("➕ Новый родитель", "имя и фамилию родителя");
        var codes = await tutor.SendAsync("Мария Иванова", "Код родителя");
        var (studentCode, parentCode) = (ChatDriver.CodesIn(codes)[0], ChatDriver.CodesIn(codes)[1]);

        var student = host.NewPerson("Петя");
        await student.SendAsync("/start", "код доступа");
        var typed = studentCode.Replace("-", " ", StringComparison.Ordinal).ToLowerInvariant();
        await student.SendAsync(typed, "Добро пожаловать, Пётр Иванов");
        var parent = await host.LinkedPersonAsync("Мария", parentCode);

        // Assert
        Assert.True(student.Messages.Single(m => !m.FromBot && m.Text == typed).IsDeleted, "the message holding the code is deleted");
        var parentProfile = await parent.SendAsync("👤 Профиль", "Профиль");
        Assert.Contains("Дети: Пётр Иванов", parentProfile.Text, StringComparison.Ordinal);
        Assert.Contains("Репетитор: Анна Тьютор", parentProfile.Text, StringComparison.Ordinal);
        var studentProfile = await student.SendAsync("👤 Профиль", "Профиль");
        Assert.Contains("Роль: ученик", studentProfile.Text, StringComparison.Ordinal);
        Assert.Contains("Родители: Мария Иванова", studentProfile.Text, StringComparison.Ordinal);
        Assert.Contains("Репетитор: Анна Тьютор", studentProfile.Text, StringComparison.Ordinal);
        var card = await ConversationTests.OpenStudentCardAsync(tutor, "Пётр Иванов");
        Assert.Contains("Родители: Мария Иванова", card.Text, StringComparison.Ordinal);
        Assert.Contains("Telegram: привязан", card.Text, StringComparison.Ordinal);
    }
}
