namespace RepitBot.Modules.Users.Domain;

/// <summary>What <see cref="User.CheckDeletion"/> answered.</summary>
internal enum DeletionCheck
{
    Deletable,

    /// <summary>A tutor who still owns students or parents is not deleted.</summary>
    StillOwnsUsers,
}
