using System.Globalization;
using RepitBot.Shared.Contracts.Results;
using RepitBot.Shared.Contracts.Users;

namespace RepitBot.Modules.Users.Endpoints;

internal static class QueryParsing
{
    public static UserListQuery? ToListQuery(string? page, string? size, string? role, string? search)
    {
        if (!TryInt(page, 1, out var pageNumber) || !TryInt(size, UserListQuery.DefaultSize, out var pageSize) || !TryRole(role, out var parsedRole))
        {
            return null;
        }

        return new UserListQuery(pageNumber, pageSize, parsedRole, search);
    }

    public static ModuleError ListQueryError(string? page, string? size, string? role)
    {
        var errors = new Dictionary<string, string[]>();
        if (!TryInt(page, 1, out _))
        {
            errors["page"] = ["'page' must be a whole number, 1 or more."];
        }

        if (!TryInt(size, UserListQuery.DefaultSize, out _))
        {
            errors["size"] = [$"'size' must be a whole number from 1 to {UserListQuery.MaxSize}."];
        }

        if (!TryRole(role, out _))
        {
            errors["role"] = ["'role' must be one of admin, tutor, student, parent."];
        }

        return ModuleError.Invalid(errors);
    }

    private static bool TryInt(string? value, int defaultValue, out int parsed)
    {
        parsed = defaultValue;
        return string.IsNullOrEmpty(value) || int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out parsed);
    }

    private static bool TryRole(string? value, out UserRole? role)
    {
        role = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        // Names only: Enum.TryParse would also take "1" or "Admin, Tutor".
        var match = Enum.GetValues<UserRole>().Where(r => string.Equals(r.ToString(), value, StringComparison.OrdinalIgnoreCase)).ToList();
        if (match.Count != 1)
        {
            return false;
        }

        role = match[0];
        return true;
    }
}
