using NetArchTest.Rules;
using Xunit;

namespace RepitBot.Architecture.Tests;

/// <summary>Rule (a): a module talks to another only through the contracts in Shared, never to its namespace.</summary>
public sealed class ModuleIsolationTests
{
    [Theory]
    [MemberData(nameof(ModuleCatalog.Names), MemberType = typeof(ModuleCatalog))]
    public void Given_a_module_Then_it_references_no_other_module_namespace(string module)
    {
        var result = ModuleRules.ReferencesNoOtherModule(ModuleCatalog.AssemblyOf(module), module);

        ArchitectureAssert.Holds(result, $"{module} must not reference {string.Join(" or ", ModuleCatalog.RootNamespacesOtherThan(module))}");
    }

    [Theory]
    [MemberData(nameof(ModuleCatalog.Names), MemberType = typeof(ModuleCatalog))]
    public void Given_a_module_project_Then_the_Shared_projects_are_the_only_projects_it_references(string module)
    {
        // The compiler inlines another module's public constants, leaving nothing in the binary for the rule above
        // to see; the project reference is where such a use starts.
        Assert.Equal(SharedAssemblies.ProjectFileNames, ModuleProjects.ProjectReferencesOf(module).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ModuleCatalog.Names), MemberType = typeof(ModuleCatalog))]
    public void Given_a_module_Then_the_rules_read_that_module_and_not_some_other_assembly(string module)
    {
        var seen = Types.InAssembly(ModuleCatalog.AssemblyOf(module)).GetTypes().Select(type => type.FullName);

        Assert.Contains(ModuleCatalog.RegistrationClassNameOf(module), seen);
    }

    [Fact]
    public void Given_the_host_which_wires_every_module_Then_the_isolation_rule_reports_it()
    {
        // Positive control: the host calls AddUsersModule and friends, so the same rule must fail on it.
        var result = ModuleRules.ReferencesNoOtherModule(typeof(Program).Assembly, "Bot");

        ArchitectureAssert.IsBrokenByTypesIn(result, "RepitBot.Host.");
    }

    [Fact]
    public void Given_the_host_Then_every_module_it_references_is_one_these_rules_cover()
    {
        // A new module the host wires but the catalog lacks would be checked by nothing.
        var referenced = typeof(Program).Assembly.GetReferencedAssemblies()
            .Select(reference => reference.Name!)
            .Where(name => name.StartsWith(ModuleCatalog.NamespacePrefix, StringComparison.Ordinal))
            .Select(name => name[ModuleCatalog.NamespacePrefix.Length..])
            .Order(StringComparer.Ordinal);

        Assert.Equal(ModuleCatalog.AllNames.Order(StringComparer.Ordinal), referenced);
    }
}
