using Microsoft.Extensions.DependencyInjection;
using RepitBot.Modules.Bot.Sessions;

namespace RepitBot.Modules.Bot.Tests;

/// <summary>
/// The access token an instance remembers in process is still checked with Auth on every update, so a session ended
/// through another instance ends on this one too.
/// </summary>
public sealed class RememberedSessionTests(BotHost host) : IClassFixture<BotHost>
{
    [Fact]
    public async Task Given_a_person_logged_out_through_another_instance_Then_this_one_asks_for_their_code_instead_of_using_the_token_it_remembers()
    {
        // Arrange: a tutor whose token this instance remembers (linked and a menu press through it), and a second instance
        var tutor = await host.LinkedPersonAsync("Ефим", (await host.CreateUserAsync("Ефим Тьютор", "tutor")).AccessCode);
        await tutor.SendAsync("👤 Профиль", "Ефим Тьютор");
        await using var second = host.NewInstance();

        // Act: the second instance ends the session (as its /logout would), then the tutor presses a menu button here
        await using (var scope = second.Services.CreateAsyncScope())
        {
            var ended = await scope.ServiceProvider.GetRequiredService<PersonSessions>().LogoutAsync(tutor.Person.Id, CancellationToken.None);
            Assert.True(ended.IsSuccess);
        }

        var answer = await tutor.SendAsync("👤 Профиль", "код доступа");

        // Assert: no profile from the remembered token
        Assert.DoesNotContain("Ефим Тьютор", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_session_ended_through_another_instance_When_the_person_presses_a_button_that_reads_Users_Then_the_router_refuses_the_kept_token_and_asks_for_the_code()
    {
        // Arrange: a tutor with a student, whose token this instance remembers, and a second instance
        var created = await host.CreateUserAsync("Жанна Тьютор", "tutor");
        var tutor = await host.LinkedPersonAsync("Жанна", created.AccessCode);
        await tutor.SendAsync("👤 Профиль", "Жанна Тьютор");
        await using var second = host.NewInstance();

        // Act: the second instance ends the session; the press here reads Users with the kept token, not checked first
        await using (var scope = second.Services.CreateAsyncScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<PersonSessions>().LogoutAsync(tutor.Person.Id, CancellationToken.None)).IsSuccess);
        }

        var answer = await tutor.SendAsync("👥 Мои ученики", "код доступа");

        // Assert: the module in process did not serve the ended session (ADR 0026): the person is asked for the code
        Assert.Contains("Отправьте код доступа", answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("учени", answer.Text, StringComparison.OrdinalIgnoreCase);
    }
}
