using NetArchTest.Rules;
using RepitBot.Shared.Contracts.AccessCodes;
using Xunit;

namespace RepitBot.Architecture.Tests;

/// <summary>Rule (d): Shared is what modules have in common, so it can know none of them.</summary>
public sealed class SharedIndependenceTests
{
    [Theory]
    [MemberData(nameof(ModuleCatalog.Names), MemberType = typeof(ModuleCatalog))]
    public void Given_Shared_Then_it_references_no_module(string module)
    {
        var result = ModuleRules.HasNoDependencyOn(typeof(AccessCode).Assembly, ModuleCatalog.RootNamespaceOf(module));

        ArchitectureAssert.Holds(result, $"Shared must not reference {ModuleCatalog.RootNamespaceOf(module)}");
    }

    [Theory]
    [MemberData(nameof(ModuleCatalog.Names), MemberType = typeof(ModuleCatalog))]
    public void Given_Shared_Then_it_declares_no_type_in_a_module_namespace(string module)
    {
        // Otherwise module code could move into Shared under its old namespace and pass the rule above.
        var result = Types.InAssembly(typeof(AccessCode).Assembly)
            .ShouldNot()
            .ResideInNamespace(ModuleCatalog.RootNamespaceOf(module))
            .GetResult();

        ArchitectureAssert.Holds(result, $"Shared must not declare types in {ModuleCatalog.RootNamespaceOf(module)}");
    }

    [Fact]
    public void Given_the_host_which_wires_the_users_module_Then_the_same_rule_reports_it()
    {
        // Positive control: Shared cannot reference a module project (that would be a cycle), so the same rule is
        // shown failing on an assembly that does reference one.
        var result = ModuleRules.HasNoDependencyOn(typeof(Program).Assembly, ModuleCatalog.RootNamespaceOf("Users"));

        ArchitectureAssert.IsBrokenByTypesIn(result, "RepitBot.Host.");
    }
}
