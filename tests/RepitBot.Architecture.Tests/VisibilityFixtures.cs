namespace RepitBot.Architecture.Tests;

/// <summary>Types whose only purpose is to show what <see cref="HiddenOutsideAssemblyRule"/> counts as visible.</summary>
public static class VisibilityFixtures
{
    public sealed class Reachable;
}

internal static class HiddenVisibilityFixtures
{
    public sealed class Unreachable;
}
