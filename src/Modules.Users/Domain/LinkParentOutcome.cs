namespace RepitBot.Modules.Users.Domain;

/// <summary>What <see cref="User.LinkParent"/> did.</summary>
internal enum LinkParentOutcome
{
    Linked,

    /// <summary>The parent was linked already; nothing changed.</summary>
    AlreadyLinked,

    /// <summary>Only a student is linked to parents.</summary>
    NotAStudent,

    /// <summary>Only a user with the role parent is linked as a parent.</summary>
    NotAParent,

    /// <summary>The parent and the student belong to different tutors.</summary>
    DifferentTutors,

    /// <summary>The student has <see cref="ParentLink.MaxParentsPerChild"/> parents already.</summary>
    TooManyParents,
}
