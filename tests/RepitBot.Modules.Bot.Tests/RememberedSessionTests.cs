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
}
