namespace RepitBot.Shared.Contracts.Results;

/// <summary>The value of a call that succeeds with nothing to return.</summary>
public readonly record struct Done
{
    public static Done Value => default;
}
