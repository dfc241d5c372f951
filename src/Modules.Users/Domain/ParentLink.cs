namespace RepitBot.Modules.Users.Domain;

/// <summary>A student's link to one of their parents; made and removed only by <see cref="User"/>.</summary>
internal sealed class ParentLink(long childId, long parentId, DateTime createdAt)
{
    public const int MaxParentsPerChild = 2;

    public long ChildId { get; private set; } = childId;

    public long ParentId { get; private set; } = parentId;

    public DateTime CreatedAt { get; private set; } = createdAt;
}
