using RepitBot.Modules.Bot;
using RepitBot.Modules.Users;
using Xunit;

namespace RepitBot.Architecture.Tests;

/// <summary>
/// Rule (b): the bot depends on Shared only. It reaches users and auth through the contracts, and has no database
/// of its own, so neither EF Core nor a database driver has any business in it.
/// </summary>
public sealed class BotModuleDependencyTests
{
    private const string EntityFrameworkCore = "Microsoft.EntityFrameworkCore";

    public static TheoryData<string> Forbidden =>
    [
        ModuleCatalog.RootNamespaceOf("Users"),
        ModuleCatalog.RootNamespaceOf("Auth"),
        EntityFrameworkCore,
        "Npgsql",
        "Microsoft.Data.Sqlite",
    ];

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void Given_the_bot_module_Then_it_does_not_depend_on(string forbiddenNamespace)
    {
        var result = ModuleRules.HasNoDependencyOn(typeof(BotModule).Assembly, forbiddenNamespace);

        ArchitectureAssert.Holds(result, $"the Bot module must not depend on {forbiddenNamespace}");
    }

    [Fact]
    public void Given_the_bot_module_Then_Shared_is_the_only_RepitBot_code_it_references()
    {
        // The compiler keeps only the references a build actually uses, so this also sees code NetArchTest skips.
        var referenced = typeof(BotModule).Assembly.GetReferencedAssemblies().Select(reference => reference.Name!).ToList();

        Assert.All(referenced.Where(name => name.StartsWith("RepitBot.", StringComparison.Ordinal)), name => Assert.Contains(name, SharedAssemblies.AssemblyNames));
        Assert.DoesNotContain(referenced, name => name.StartsWith(EntityFrameworkCore, StringComparison.Ordinal) || name.StartsWith("Npgsql", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_the_users_module_which_uses_EF_Core_Then_the_same_rule_reports_it()
    {
        // Positive control: the rule that guards the bot fails on a module that really uses EF Core.
        var result = ModuleRules.HasNoDependencyOn(typeof(UsersModule).Assembly, EntityFrameworkCore);

        ArchitectureAssert.IsBrokenBy(result, "RepitBot.Modules.Users.Persistence.UsersDbContext");
    }
}
