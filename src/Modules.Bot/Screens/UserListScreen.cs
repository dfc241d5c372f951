using RepitBot.Modules.Bot.Texts;
using RepitBot.Modules.Bot.Updates;
using RepitBot.Shared.Contracts.Users;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace RepitBot.Modules.Bot.Screens;

/// <summary>
/// A paged list of the people the person manages (a tutor's students or parents, an admin's tutors), one button per
/// person opening their card. Which people come back is decided by Users for the person, never by the bot.
/// </summary>
internal sealed class UserListScreen(Conversation chat, IUsersModule users)
{
    public const string Action = "list";
    public const int PageSize = 8;

    public static string Callback(UserRole role, int page) => CallbackData.OfWord(Action, Letter(role), page);

    public static UserRole? RoleOf(string? letter) => letter switch
    {
        "s" => UserRole.Student,
        "p" => UserRole.Parent,
        "t" => UserRole.Tutor,
        _ => null,
    };

    public async Task ShowAsync(UserRole role, int page, CancellationToken cancellationToken)
    {
        var found = await chat.ModuleCallAsync(caller => users.ListUserSummariesAsync(caller, new UserListQuery(Math.Max(1, page), PageSize, role), cancellationToken), cancellationToken);
        if (!found.IsSuccess)
        {
            return;
        }

        var list = found.Value;
        if (list.Total == 0)
        {
            await chat.ShowAsync(role switch { UserRole.Student => BotTexts.NoStudents, UserRole.Parent => BotTexts.NoParents, _ => BotTexts.NoTutors }, null, cancellationToken);
            return;
        }

        var rows = list.Users.Select(user => new[] { InlineKeyboardButton.WithCallbackData(BotTexts.ListItem(user), UserCardScreen.Callback(UserCardScreen.Open, user.Id)) }).ToList();
        var navigation = new List<InlineKeyboardButton>();
        if (list.Page > 1)
        {
            navigation.Add(InlineKeyboardButton.WithCallbackData(BotTexts.Previous, Callback(role, list.Page - 1)));
        }

        if (list.Page < list.Pages)
        {
            navigation.Add(InlineKeyboardButton.WithCallbackData(BotTexts.Next, Callback(role, list.Page + 1)));
        }

        if (navigation.Count > 0)
        {
            rows.Add([.. navigation]);
        }

        await chat.ShowAsync(BotTexts.ListTitle(role, list.Page, Math.Max(1, list.Pages)), new InlineKeyboardMarkup(rows), cancellationToken);
    }

    private static string Letter(UserRole role) => role switch
    {
        UserRole.Student => "s",
        UserRole.Parent => "p",
        _ => "t",
    };
}
