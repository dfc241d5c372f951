using System.Reflection;
using RepitBot.Modules.Auth;
using RepitBot.Modules.Bot;
using RepitBot.Modules.Users;
using Xunit;

namespace RepitBot.Architecture.Tests;

/// <summary>The modules these rules cover, by the short name the theories use.</summary>
public static class ModuleCatalog
{
    public const string NamespacePrefix = "RepitBot.Modules.";

    private static readonly Dictionary<string, Type> RegistrationClasses = new(StringComparer.Ordinal)
    {
        ["Users"] = typeof(UsersModule),
        ["Auth"] = typeof(AuthModule),
        ["Bot"] = typeof(BotModule),
    };

    public static TheoryData<string> Names => [.. RegistrationClasses.Keys];

    public static IEnumerable<string> AllNames => RegistrationClasses.Keys;

    public static Assembly AssemblyOf(string module) => RegistrationClasses[module].Assembly;

    public static string RootNamespaceOf(string module) => NamespacePrefix + module;

    /// <summary>Where a module's contracts live in Shared's Contracts project.</summary>
    public static string ContractNamespaceOf(string module) => "RepitBot.Shared.Contracts." + module;

    /// <summary>Where the registration class must be: the module's root namespace, named after the module.</summary>
    public static string RegistrationClassNameOf(string module) => $"{RootNamespaceOf(module)}.{module}Module";

    public static string[] RootNamespacesOtherThan(string module) =>
        [.. RegistrationClasses.Keys.Where(name => name != module).Select(RootNamespaceOf)];
}
