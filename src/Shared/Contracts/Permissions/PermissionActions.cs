namespace RepitBot.Shared.Contracts.Permissions;

public static class PermissionActions
{
    public const string Read = "read";

    /// <summary>
    /// Reading only a user's public fields (id, name, role, whether active): whoever may read the user, and also the
    /// caller's family, so a student can name their parents and tutor without seeing anything else of theirs.
    /// </summary>
    public const string ReadPublic = "read_public";
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string ReissueCode = "reissue_code";
    public const string LinkParents = "link_parents";
    public const string ValidateAccessCode = "validate_access_code";
}
