using RepitBot.Modules.Bot.Texts;
using RepitBot.Shared.Contracts.Users;
using global::Telegram.Bot.Types.ReplyMarkups;

namespace RepitBot.Modules.Bot.Screens;

/// <summary>The reply keyboard of each role's main menu.</summary>
internal static class Menus
{
    public static ReplyKeyboardMarkup For(UserRole role)
    {
        KeyboardButton[][] rows = role switch
        {
            UserRole.Admin =>
            [
                [BotTexts.TutorsButton, BotTexts.AddTutorButton],
                [BotTexts.FlagsButton, BotTexts.StatusButton],
                [BotTexts.ProfileButton, BotTexts.HelpButton],
            ],
            UserRole.Tutor =>
            [
                [BotTexts.MyStudentsButton, BotTexts.AddStudentButton],
                [BotTexts.MyParentsButton],
                [BotTexts.ProfileButton, BotTexts.HelpButton],
            ],
            _ => [[BotTexts.ProfileButton, BotTexts.HelpButton]],
        };
        return new ReplyKeyboardMarkup(rows) { ResizeKeyboard = true };
    }

    public static bool IsMenuButton(string text) => text is BotTexts.MyStudentsButton or BotTexts.AddStudentButton or BotTexts.MyParentsButton
        or BotTexts.TutorsButton or BotTexts.AddTutorButton or BotTexts.FlagsButton or BotTexts.StatusButton or BotTexts.ProfileButton or BotTexts.HelpButton;
}
