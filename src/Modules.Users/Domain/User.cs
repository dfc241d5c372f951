using RepitBot.Shared.Contracts.Users;

namespace RepitBot.Modules.Users.Domain;

/// <summary>
/// A person in RepitBot, and the rules that keep one consistent: at most two parents of the same tutor for a student,
/// a reissued code unlinks Telegram, a code never links Telegram over another account, a tutor who owns users stays.
/// State changes only through these methods; EF Core fills the private setters and collections when loading.
/// </summary>
internal sealed class User
{
    private readonly List<ParentLink> parents = [];

    private readonly List<ParentLink> children = [];

    private User()
    {
    }

    public long Id { get; private set; }

    public long? TelegramId { get; private set; }

    public string? Username { get; private set; }

    public string FullName { get; private set; } = string.Empty;

    /// <summary>The name in lower case, so search is case-insensitive for Cyrillic names on every provider.</summary>
    public string SearchName { get; private set; } = string.Empty;

    public UserRole Role { get; private set; }

    /// <summary>The tutor who owns this student or parent; null for admins and tutors.</summary>
    public long? TutorId { get; private set; }

    public bool IsActive { get; private set; }

    /// <summary>The public part of the access code: unique, used to find the row before one bcrypt check.</summary>
    public string AccessCodeLookup { get; private set; } = string.Empty;

    /// <summary>bcrypt hash of the secret part. The code itself is never stored.</summary>
    public string AccessCodeHash { get; private set; } = string.Empty;

    /// <summary>When the current code was issued: sessions opened before it (with an older code) are over.</summary>
    public DateTime AccessCodeIssuedAt { get; private set; }

    /// <summary>
    /// The version of the access code, raised by every reissue and by a deactivation: the Auth module ends every session
    /// (and Telegram grant) made with an older version, whatever the clocks say, so a reactivation revives none.
    /// </summary>
    public int AccessCodeVersion { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>Links where this user is the child. The rules below that read it expect it loaded.</summary>
    public IReadOnlyCollection<ParentLink> Parents => parents;

    /// <summary>Links where this user is the parent.</summary>
    public IReadOnlyCollection<ParentLink> Children => children;

    /// <summary>Only a student is linked to parents.</summary>
    public bool CanHaveParents => Role == UserRole.Student;

    /// <summary>A new active user with its first access code (lookup id and bcrypt hash of the secret).</summary>
    public static User Create(UserRole role, string fullName, string? username, long? tutorId, string accessCodeLookup, string accessCodeHash, DateTime now)
    {
        var user = new User
        {
            Role = role,
            Username = username,
            TutorId = tutorId,
            IsActive = true,
            AccessCodeLookup = accessCodeLookup,
            AccessCodeHash = accessCodeHash,
            AccessCodeIssuedAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
        user.Rename(fullName);
        return user;
    }

    /// <summary>A partial change: what is null stays as it is. Telegram ids unique across users are the caller's check.</summary>
    public void Update(string? fullName, string? username, bool? isActive, DateTime now)
    {
        if (fullName is not null)
        {
            Rename(fullName);
        }

        Username = username ?? Username;
        if (isActive == false && IsActive)
        {
            // Deactivation ends every session so far: a reactivated user logs in again, nothing of before comes back.
            AccessCodeVersion++;
        }

        IsActive = isActive ?? IsActive;
        UpdatedAt = now;
    }

    /// <summary>
    /// A new code is how a tutor takes an account back: whoever linked Telegram with the old code is unlinked, and the
    /// sessions opened with the old code end (the Auth module compares them with <see cref="AccessCodeVersion"/>).
    /// </summary>
    public void ReissueAccessCode(string accessCodeLookup, string accessCodeHash, DateTime now)
    {
        AccessCodeLookup = accessCodeLookup;
        AccessCodeHash = accessCodeHash;
        TelegramId = null;
        UpdatedAt = now;
        AccessCodeIssuedAt = now;
        AccessCodeVersion++;
    }

    /// <summary>
    /// Links the Telegram account of whoever presented this user's valid code. Never over another account: a code
    /// must not let anyone take over an account already linked to someone else's Telegram. Whether another user
    /// holds this Telegram id is the caller's check (and the unique index's).
    /// </summary>
    public TelegramLinkOutcome LinkTelegram(long telegramId, DateTime now)
    {
        if (!IsActive)
        {
            return TelegramLinkOutcome.Inactive;
        }

        if (TelegramId == telegramId)
        {
            return TelegramLinkOutcome.AlreadyLinked;
        }

        if (TelegramId is not null)
        {
            return TelegramLinkOutcome.LinkedToAnotherAccount;
        }

        TelegramId = telegramId;
        UpdatedAt = now;
        return TelegramLinkOutcome.Linked;
    }

    /// <summary>Links a parent of the same tutor to this student, at most <see cref="ParentLink.MaxParentsPerChild"/>.</summary>
    public LinkParentOutcome LinkParent(User parent, DateTime now)
    {
        if (!CanHaveParents)
        {
            return LinkParentOutcome.NotAStudent;
        }

        if (parent.CheckAsParentOf(TutorId) is { } refused)
        {
            return refused;
        }

        if (parents.Any(link => link.ParentId == parent.Id))
        {
            return LinkParentOutcome.AlreadyLinked;
        }

        if (parents.Count >= ParentLink.MaxParentsPerChild)
        {
            return LinkParentOutcome.TooManyParents;
        }

        parents.Add(new ParentLink(Id, parent.Id, now));
        UpdatedAt = now;
        return LinkParentOutcome.Linked;
    }

    /// <summary>
    /// Why this user cannot be a parent of a student owned by <paramref name="studentTutorId"/>
    /// (<see cref="LinkParentOutcome.NotAParent"/> or <see cref="LinkParentOutcome.DifferentTutors"/>); null when they can.
    /// </summary>
    public LinkParentOutcome? CheckAsParentOf(long? studentTutorId) =>
        Role != UserRole.Parent ? LinkParentOutcome.NotAParent
        : TutorId != studentTutorId ? LinkParentOutcome.DifferentTutors
        : null;

    /// <summary>Unlinks a parent; false when they were not linked.</summary>
    public bool UnlinkParent(long parentId, DateTime now)
    {
        if (parents.Find(link => link.ParentId == parentId) is not { } link)
        {
            return false;
        }

        parents.Remove(link);
        UpdatedAt = now;
        return true;
    }

    /// <summary>
    /// Whether this user may be deleted, given how many users they own: a tutor who still owns students or parents
    /// stays (delete or reassign those first, or deactivate the tutor).
    /// </summary>
    public DeletionCheck CheckDeletion(int ownedUsers) =>
        ownedUsers > 0 ? DeletionCheck.StillOwnsUsers : DeletionCheck.Deletable;

    private void Rename(string fullName)
    {
        FullName = fullName;
        SearchName = fullName.ToLowerInvariant();
    }
}
