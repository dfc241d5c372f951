using System.Text.RegularExpressions;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Contracts.Users;

namespace RepitBot.Modules.Users.Application;

/// <summary>Field rules of the Users API. Messages name the field by its wire name and say what is accepted.</summary>
internal static partial class UserValidation
{
    public const int FullNameMin = 2;
    public const int FullNameMax = 100;
    public const int SearchMax = 100;

    public static ModuleError? ValidateCreate(CreateUserRequest request, out string fullName, out string? username)
    {
        var errors = new Dictionary<string, string[]>();
        fullName = CheckFullName(request.FullName, required: true, errors) ?? string.Empty;
        username = CheckUsername(request.Username, errors);
        RefuseTelegramId(request.TelegramId, errors);

        if (request.Role is null)
        {
            errors["role"] = ["'role' is required: one of tutor, student, parent (admin only for admins)."];
        }
        else if (!Enum.IsDefined(request.Role.Value))
        {
            errors["role"] = ["'role' must be one of admin, tutor, student, parent."];
        }

        if (request.ParentIds is { Count: > 0 } parentIds)
        {
            if (request.Role is not UserRole.Student)
            {
                errors["parent_ids"] = ["Only a student can be linked to parents."];
            }
            else if (parentIds.Count > Domain.ParentLink.MaxParentsPerChild)
            {
                errors["parent_ids"] = [$"A student has at most {Domain.ParentLink.MaxParentsPerChild} parents."];
            }
            else if (parentIds.Distinct().Count() != parentIds.Count || parentIds.Any(id => id <= 0))
            {
                errors["parent_ids"] = ["'parent_ids' must be distinct positive user ids."];
            }
        }

        if (request.TutorId is { } tutorId)
        {
            if (request.Role is not (UserRole.Student or UserRole.Parent))
            {
                errors["tutor_id"] = ["Only students and parents have a tutor."];
            }
            else if (tutorId <= 0)
            {
                errors["tutor_id"] = ["'tutor_id' must be a positive user id."];
            }
        }

        return errors.Count == 0 ? null : ModuleError.Invalid(errors);
    }

    public static ModuleError? ValidateUpdate(UpdateUserRequest request, out string? fullName, out string? username)
    {
        var errors = new Dictionary<string, string[]>();
        fullName = CheckFullName(request.FullName, required: false, errors);
        username = CheckUsername(request.Username, errors);
        RefuseTelegramId(request.TelegramId, errors);
        if (request is { FullName: null, Username: null, TelegramId: null, IsActive: null })
        {
            errors["body"] = ["Name at least one field to change: full_name, username or is_active."];
        }

        return errors.Count == 0 ? null : ModuleError.Invalid(errors);
    }

    public static ModuleError? ValidateQuery(UserListQuery query)
    {
        var errors = new Dictionary<string, string[]>();
        Paging.Validate(query.Page, query.Size, UserListQuery.MaxSize, errors);

        if (query.Role is { } role && !Enum.IsDefined(role))
        {
            errors["role"] = ["'role' must be one of admin, tutor, student, parent."];
        }

        if (query.Search is { Length: > SearchMax })
        {
            errors["search"] = [$"'search' is at most {SearchMax} characters."];
        }
        else if (query.Search is { } search && search.Any(char.IsControl))
        {
            errors["search"] = ["'search' must not contain control characters."];
        }

        return errors.Count == 0 ? null : ModuleError.Invalid(errors);
    }

    private static string? CheckFullName(string? value, bool required, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            if (required)
            {
                errors["full_name"] = ["'full_name' is required."];
            }

            return null;
        }

        var trimmed = WhiteSpaceRun().Replace(value.Trim(), " ");
        if (trimmed.Length is < FullNameMin or > FullNameMax)
        {
            errors["full_name"] = [$"'full_name' must be {FullNameMin} to {FullNameMax} characters long."];
        }
        else if (trimmed.Any(char.IsControl))
        {
            errors["full_name"] = ["'full_name' must not contain control characters."];
        }

        return trimmed;
    }

    private static string? CheckUsername(string? value, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }

        var name = value.Trim().TrimStart('@');
        if (!TelegramUsername().IsMatch(name))
        {
            errors["username"] = ["'username' must be a Telegram username: 5 to 32 Latin letters, digits or underscores."];
        }

        return name;
    }

    /// <summary>
    /// Whoever could set a Telegram id here could tie someone else's Telegram account to an account of their choosing,
    /// or probe which ids are users: an account is linked only by its owner, with their code, through the bot.
    /// </summary>
    private static void RefuseTelegramId(long? value, Dictionary<string, string[]> errors)
    {
        if (value is not null)
        {
            errors["telegram_id"] = ["'telegram_id' cannot be set here: a Telegram account is linked by its owner, with their access code, through the bot."];
        }
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]{4,31}$")]
    private static partial Regex TelegramUsername();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpaceRun();
}
