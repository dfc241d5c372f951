namespace RepitBot.Modules.Users.Domain;

internal sealed class ParentLink
{
    public const int MaxParentsPerChild = 2;

    public long ChildId { get; set; }

    public long ParentId { get; set; }

    public DateTime CreatedAt { get; set; }
}
