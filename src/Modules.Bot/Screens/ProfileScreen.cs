using RepitBot.Modules.Bot.Texts;
using RepitBot.Modules.Bot.Updates;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Contracts.Users;

namespace RepitBot.Modules.Bot.Screens;

/// <summary>The person's profile: name, role, their tutor, and their children or parents, as far as they may see them.</summary>
internal sealed class ProfileScreen(Conversation chat, IUsersModule users)
{
    public async Task ShowAsync(CancellationToken cancellationToken)
    {
        var person = await chat.PersonAsync(cancellationToken);
        if (person is null)
        {
            return;
        }

        var me = await chat.ModuleCallAsync(caller => users.GetUserAsync(caller, caller.UserId!.Value, cancellationToken), cancellationToken);
        if (!me.IsSuccess)
        {
            return;
        }

        var user = me.Value;
        var tutor = user.TutorId is { } tutorId ? await NameOfAsync(person, tutorId, cancellationToken) : null;
        var parents = await NamesOfAsync(person, user.ParentIds, cancellationToken);
        var children = await NamesOfAsync(person, user.ChildIds, cancellationToken);
        await chat.SayAsync(BotTexts.Profile(user, tutor, parents, children), cancellationToken);
    }

    /// <summary>
    /// Names the person may read (a student's parents and tutor by their public fields, ADR 0017); one they may not is
    /// left out, not an error.
    /// </summary>
    private async Task<IReadOnlyList<string>> NamesOfAsync(Caller person, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        foreach (var id in ids)
        {
            if (await NameOfAsync(person, id, cancellationToken) is { } name)
            {
                names.Add(name);
            }
        }

        return names;
    }

    private async Task<string?> NameOfAsync(Caller person, long id, CancellationToken cancellationToken)
    {
        var found = await users.GetUserAsync(person, id, cancellationToken);
        return found.IsSuccess ? found.Value.FullName : null;
    }
}
