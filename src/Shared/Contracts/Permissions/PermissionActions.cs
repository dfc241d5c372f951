namespace RepitBot.Shared.Contracts.Permissions;

public static class PermissionActions
{
    public const string Read = "read";
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string ReissueCode = "reissue_code";
    public const string LinkParents = "link_parents";
    public const string ValidateAccessCode = "validate_access_code";
}
