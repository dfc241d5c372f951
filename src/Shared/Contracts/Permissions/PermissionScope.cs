namespace RepitBot.Shared.Contracts.Permissions;

/// <summary>Which targets a permission reaches. Scopes combine: a tutor reads themselves (Own) and what they own (Owned).</summary>
[Flags]
public enum PermissionScope
{
    None = 0,

    /// <summary>The caller themselves.</summary>
    Own = 1,

    /// <summary>The caller's own children, through real parent-child links.</summary>
    Children = 2,

    /// <summary>What the calling tutor owns: their students and parents.</summary>
    Owned = 4,

    /// <summary>Every target.</summary>
    All = 8,

    /// <summary>The caller's family: a student's or parent's own tutor, and a student's own parents.</summary>
    Family = 16,
}
