namespace RepitBot.Shared.Contracts.Results;

/// <summary>The paging rules every list shares: page numbers from 1, a bounded size, and the same messages.</summary>
public static class Paging
{
    public const int MaxPage = 1_000_000;

    /// <summary>Adds a message per bad field to <paramref name="errors"/>, named by the wire names "page" and "size".</summary>
    public static void Validate(int page, int size, int maxSize, IDictionary<string, string[]> errors)
    {
        if (page is < 1 or > MaxPage)
        {
            errors["page"] = [$"'page' must be from 1 to {MaxPage}."];
        }

        if (size < 1 || size > maxSize)
        {
            errors["size"] = [$"'size' must be from 1 to {maxSize}."];
        }
    }

    /// <summary>How many rows come before the page.</summary>
    public static int Skip(int page, int size) => (page - 1) * size;

    /// <summary>How many pages <paramref name="total"/> rows fill; 0 when there are none.</summary>
    public static int PagesOf(int total, int size) => (total + size - 1) / size;
}
