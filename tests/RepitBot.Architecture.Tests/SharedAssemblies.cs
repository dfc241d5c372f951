using System.Reflection;
using RepitBot.Shared.Contracts.Identity;
using RepitBot.Shared.Platform;
using Xunit;

namespace RepitBot.Architecture.Tests;

/// <summary>The two Shared projects: what modules promise each other, and how any module is hosted.</summary>
public static class SharedAssemblies
{
    public static Assembly Contracts => typeof(Caller).Assembly;

    public static Assembly Platform => typeof(PlatformRegistration).Assembly;

    public static Assembly Named(string name) => name switch
    {
        "Contracts" => Contracts,
        "Platform" => Platform,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>The assemblies a module project may reference among RepitBot's own.</summary>
    public static IReadOnlyList<string> AssemblyNames => [Contracts.GetName().Name!, Platform.GetName().Name!];

    public static IReadOnlyList<string> ProjectFileNames => ["RepitBot.Shared.Contracts.csproj", "RepitBot.Shared.Platform.csproj"];
}
