using RepitBot.Modules.Bot.Texts;
using RepitBot.Modules.Bot.Updates;

namespace RepitBot.Modules.Bot.Screens;

/// <summary>/menu and /help: the role's main menu as a reply keyboard, and what the commands do.</summary>
internal sealed class MenuScreen(Conversation chat)
{
    public async Task ShowAsync(CancellationToken cancellationToken)
    {
        if (await chat.PersonAsync(cancellationToken) is { Role: { } role })
        {
            await chat.SayAsync(BotTexts.Menu(role), Menus.For(role), cancellationToken);
        }
    }

    public async Task HelpAsync(CancellationToken cancellationToken)
    {
        var person = await chat.PersonAsync(cancellationToken);
        if (person?.Role is { } role)
        {
            await chat.SayAsync(BotTexts.Help(role), Menus.For(role), cancellationToken);
        }
    }
}
