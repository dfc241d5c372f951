using System.Globalization;
using RepitBot.Shared.Contracts.Users;
using static RepitBot.Modules.Bot.Telegram.Html;

namespace RepitBot.Modules.Bot.Texts;

/// <summary>
/// Every text the bot shows, in Russian, in one place (another language would be a second class like this one). Texts
/// are Telegram HTML; anything a person typed is escaped here, never by the caller.
/// </summary>
internal static class BotTexts
{
    // Reply-keyboard buttons: pressing one sends its text, so these are also what the handler matches.
    public const string MyStudentsButton = "👥 Мои ученики";
    public const string AddStudentButton = "➕ Добавить ученика";
    public const string MyParentsButton = "👪 Мои родители";
    public const string TutorsButton = "🎓 Репетиторы";
    public const string AddTutorButton = "➕ Добавить репетитора";
    public const string FlagsButton = "🚩 Флаги";
    public const string StatusButton = "🩺 Состояние сервисов";
    public const string ProfileButton = "👤 Профиль";
    public const string HelpButton = "❓ Помощь";

    public const string AskForCode = "Здравствуйте! Это бот RepitBot.\n\nОтправьте код доступа, который дал вам репетитор (например, <code>ABCD-EFGH-JKMN-PQRS</code>).";
    public const string CodeRefused = "Код не подошёл. Проверьте его и отправьте ещё раз. Если код вводили много раз подряд, подождите несколько минут и попробуйте снова.";
    public const string SessionEnded = "Ваш сеанс завершён (код мог быть перевыпущен или доступ отключён). Отправьте код доступа, чтобы войти снова.";
    public const string Unavailable = "Сервис временно недоступен, попробуйте позже";
    public const string SomethingWentWrong = "Что-то пошло не так. Попробуйте ещё раз.";
    public const string NotFound = "Не найдено.";
    public const string Forbidden = "Это действие вам недоступно.";
    public const string Cancelled = "Действие отменено.";
    public const string NothingToCancel = "Отменять нечего.";
    public const string Expired = "Эта кнопка устарела. Откройте меню заново.";
    public const string UnknownInput = "Не понял. Выберите действие в меню или нажмите /help.";
    public const string LogoutQuestion = "Выйти из аккаунта? Этот Telegram будет отвязан, и для входа снова понадобится код доступа.";
    public const string LogoutDone = "Вы вышли. Чтобы войти снова, отправьте код доступа.";
    public const string LogoutKept = "Хорошо, вы остаётесь в аккаунте.";
    public const string Yes = "Да";
    public const string No = "Нет";
    public const string Back = "◀ Назад";
    public const string Previous = "◀";
    public const string Next = "▶";
    public const string AskStudentName = "Введите имя и фамилию ученика (или /cancel, чтобы отменить):";
    public const string AskParentName = "Введите имя и фамилию родителя (или /cancel, чтобы отменить):";
    public const string AskTutorName = "Введите имя и фамилию репетитора (или /cancel, чтобы отменить):";
    public const string AskNewName = "Введите новое имя (или /cancel, чтобы отменить):";
    public const string NameInvalid = "Имя должно быть от 1 до 200 символов. Попробуйте ещё раз:";
    public const string AskParentChoice = "Добавить родителя ученику?";
    public const string NewParentButton = "➕ Новый родитель";
    public const string NoParentButton = "Без родителя";
    public const string NoStudents = "У вас пока нет учеников. Нажмите «➕ Добавить ученика».";
    public const string NoParents = "У вас пока нет родителей учеников.";
    public const string NoTutors = "Репетиторов пока нет.";
    public const string RenameButton = "✏️ Переименовать";
    public const string AddParentButton = "➕ Родитель";
    public const string ReissueButton = "🔑 Новый код";
    public const string DeactivateButton = "⛔ Отключить";
    public const string ReactivateButton = "✅ Включить";
    public const string DeleteButton = "🗑 Удалить";
    public const string ToListButton = "◀ К списку";
    public const string ParentLimit = "У ученика уже два родителя.";
    public const string Deleted = "Удалено.";
    public const string Done = "Готово.";
    public const string FlagsTitle = "<b>Флаги</b> (значение, откуда оно):";
    public const string ConflictGeneric = "Не получилось: это противоречит текущему состоянию. Обновите экран и попробуйте снова.";
    public const string InvalidGeneric = "Не получилось: проверьте введённые данные.";

    public static string Welcome(string name) => $"Добро пожаловать, {Escape(name)}!";

    public static string Menu(UserRole role) => role switch
    {
        UserRole.Admin => "Главное меню администратора.",
        UserRole.Tutor => "Главное меню репетитора.",
        _ => "Главное меню.",
    };

    public static string Help(UserRole? role) => role switch
    {
        null => "Чтобы начать, отправьте код доступа, который дал вам репетитор.\n\n/start — начать\n/help — эта справка",
        _ => "Команды:\n/menu — главное меню\n/cancel — отменить текущее действие\n/logout — выйти и отвязать этот Telegram\n/help — эта справка",
    };

    public static string RoleName(UserRole role) => role switch
    {
        UserRole.Admin => "администратор",
        UserRole.Tutor => "репетитор",
        UserRole.Student => "ученик",
        UserRole.Parent => "родитель",
        _ => role.ToString(),
    };

    public static string Profile(UserDto user, string? tutorName, IReadOnlyList<string> parents, IReadOnlyList<string> children)
    {
        var lines = new List<string> { "<b>Профиль</b>", $"Имя: {Escape(user.FullName)}", $"Роль: {RoleName(user.Role)}" };
        if (tutorName is not null)
        {
            lines.Add($"Репетитор: {Escape(tutorName)}");
        }

        if (user.Role == UserRole.Student)
        {
            lines.Add(parents.Count > 0 ? $"Родители: {string.Join(", ", parents.Select(Escape))}" : $"Родители: {(user.ParentIds.Count > 0 ? user.ParentIds.Count.ToString(CultureInfo.InvariantCulture) : "нет")}");
        }

        if (user.Role == UserRole.Parent)
        {
            lines.Add(children.Count > 0 ? $"Дети: {string.Join(", ", children.Select(Escape))}" : "Дети: нет");
        }

        return string.Join('\n', lines);
    }

    public static string ListTitle(UserRole role, int page, int pages) => role switch
    {
        UserRole.Student => $"<b>Ваши ученики</b> (стр. {page} из {pages}):",
        UserRole.Parent => $"<b>Родители ваших учеников</b> (стр. {page} из {pages}):",
        _ => $"<b>Репетиторы</b> (стр. {page} из {pages}):",
    };

    public static string ListItem(UserSummary user) => (user.IsActive ? string.Empty : "⛔ ") + (user.TelegramLinked ? string.Empty : "⏳ ") + user.FullName;

    public static string Card(UserDto user, IReadOnlyList<string> relatives)
    {
        var lines = new List<string>
        {
            $"<b>{Escape(user.FullName)}</b> ({RoleName(user.Role)})",
            user.TelegramId is null ? "Telegram: ещё не привязан" : "Telegram: привязан",
            user.IsActive ? "Доступ: включён" : "Доступ: отключён",
        };
        if (user.Role == UserRole.Student)
        {
            lines.Add(relatives.Count > 0 ? $"Родители: {string.Join(", ", relatives.Select(Escape))}" : "Родители: нет");
        }

        if (user.Role == UserRole.Parent)
        {
            lines.Add(relatives.Count > 0 ? $"Дети: {string.Join(", ", relatives.Select(Escape))}" : "Дети: нет");
        }

        return string.Join('\n', lines);
    }

    public static string UnlinkParentButton(string parentName) => $"➖ {parentName}";

    public static string LinkExistingParentButton(string parentName) => $"🔗 {parentName}";

    public static string ConfirmReissue(string name) => $"Выпустить новый код для {Escape(name)}? Старый код перестанет работать, а Telegram будет отвязан.";

    public static string ConfirmDelete(string name) => $"Удалить {Escape(name)}? Это нельзя отменить.";

    public static string Code(string name, string code) => $"Новый код для {Escape(name)}: <code>{Escape(code)}</code>\n\n{ForwardInstruction}";

    public static string StudentCreated(string studentName, string studentCode, string? parentName, string? parentCode)
    {
        var text = $"Ученик {Escape(studentName)} добавлен.\n\nКод ученика: <code>{Escape(studentCode)}</code>";
        if (parentName is not null && parentCode is not null)
        {
            text += $"\nКод родителя ({Escape(parentName)}): <code>{Escape(parentCode)}</code>";
        }

        return text + "\n\n" + ForwardInstruction;
    }

    public static string ParentCreated(string parentName, string parentCode) =>
        $"Родитель {Escape(parentName)} добавлен.\n\nКод родителя: <code>{Escape(parentCode)}</code>\n\n{ForwardInstruction}";

    public static string TutorCreated(string name, string code) =>
        $"Репетитор {Escape(name)} добавлен.\n\nКод: <code>{Escape(code)}</code>\n\n{ForwardInstruction}";

    public const string ForwardInstruction = "Перешлите каждому его код: в боте нужно нажать /start и отправить код. Коды показываются только один раз.";

    public static string Renamed(string name) => $"Теперь имя: {Escape(name)}.";

    public static string Flag(string name, bool enabled, string source) => $"{Escape(name)}: {(enabled ? "вкл" : "выкл")} ({Escape(SourceName(source))})";

    public static string FlagButton(string name, bool enabled) => $"{(enabled ? "Выключить" : "Включить")} {name}";

    public static string ConfirmFlag(string name, bool enable) => $"{(enable ? "Включить" : "Выключить")} флаг {Escape(name)}? Изменение сразу применится на всех экземплярах.";

    public static string FlagChanged(string name, bool enabled, string? changedBy, DateTime? changedAt) =>
        $"Флаг {Escape(name)} теперь {(enabled ? "включён" : "выключен")}. Изменил: {Escape(changedBy ?? "—")}, {changedAt?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "—"} UTC.";

    public static string SourceName(string source) => source switch
    {
        "override" => "изменён администратором",
        "configuration" => "из настроек",
        "inherited" => "как общий флаг",
        "default" => "по умолчанию",
        _ => source,
    };

    public static string Status(IEnumerable<(string Name, string Status, string? Description)> checks, string botMode, int queued)
    {
        var lines = new List<string> { "<b>Состояние сервисов</b>" };
        lines.AddRange(checks.Select(check => $"{StatusMark(check.Status)} {Escape(check.Name)}: {Escape(check.Status)}{(check.Description is null ? string.Empty : " — " + Escape(check.Description))}"));
        lines.Add($"Бот: {Escape(botMode)}, в очереди: {queued}");
        return string.Join('\n', lines);
    }

    private static string StatusMark(string status) => status switch
    {
        "Healthy" => "🟢",
        "Degraded" => "🟡",
        _ => "🔴",
    };
}
