using RepitBot.Shared.Contracts.Users;

namespace RepitBot.Modules.Users.Domain;

internal sealed class User
{
    public long Id { get; set; }

    public long? TelegramId { get; set; }

    public string? Username { get; set; }

    public string FullName { get; private set; } = string.Empty;

    /// <summary>The name in lower case, so search is case-insensitive for Cyrillic names on every provider.</summary>
    public string SearchName { get; private set; } = string.Empty;

    public UserRole Role { get; set; }

    /// <summary>The tutor who owns this student or parent; null for admins and tutors.</summary>
    public long? TutorId { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>The public part of the access code: unique, used to find the row before one bcrypt check.</summary>
    public string AccessCodeLookup { get; set; } = string.Empty;

    /// <summary>bcrypt hash of the secret part. The code itself is never stored.</summary>
    public string AccessCodeHash { get; set; } = string.Empty;

    /// <summary>When the current code was issued: sessions opened before it (with an older code) are over.</summary>
    public DateTime AccessCodeIssuedAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Links where this user is the child.</summary>
    public List<ParentLink> Parents { get; } = [];

    /// <summary>Links where this user is the parent.</summary>
    public List<ParentLink> Children { get; } = [];

    public void Rename(string fullName)
    {
        FullName = fullName;
        SearchName = fullName.ToLowerInvariant();
    }
}
