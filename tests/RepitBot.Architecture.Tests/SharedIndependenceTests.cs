using NetArchTest.Rules;
using Xunit;

namespace RepitBot.Architecture.Tests;

/// <summary>
/// Rule (d): Shared is what modules have in common, so it knows none of them. Adding a module touches no file in
/// Shared: the module brings its name, contract, flags, settings, store and health through its registration class.
/// The contracts of a module live in Shared's Contracts project under the module's own contract namespace
/// (RepitBot.Shared.Contracts.Users); the platform names no module at all, not even in text.
/// </summary>
public sealed class SharedIndependenceTests
{
    public static TheoryData<string, string> SharedByModule
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var shared in new[] { "Contracts", "Platform" })
            {
                foreach (var module in ModuleCatalog.AllNames)
                {
                    data.Add(shared, module);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(SharedByModule))]
    public void Given_a_Shared_project_Then_it_references_no_module(string shared, string module)
    {
        var result = ModuleRules.HasNoDependencyOn(SharedAssemblies.Named(shared), ModuleCatalog.RootNamespaceOf(module));

        ArchitectureAssert.Holds(result, $"Shared {shared} must not reference {ModuleCatalog.RootNamespaceOf(module)}");
    }

    [Theory]
    [MemberData(nameof(SharedByModule))]
    public void Given_a_Shared_project_Then_it_declares_no_type_in_a_module_namespace(string shared, string module)
    {
        // Otherwise module code could move into Shared under its old namespace and pass the rule above.
        var result = Types.InAssembly(SharedAssemblies.Named(shared))
            .ShouldNot()
            .ResideInNamespace(ModuleCatalog.RootNamespaceOf(module))
            .GetResult();

        ArchitectureAssert.Holds(result, $"Shared {shared} must not declare types in {ModuleCatalog.RootNamespaceOf(module)}");
    }

    [Theory]
    [MemberData(nameof(ModuleCatalog.Names), MemberType = typeof(ModuleCatalog))]
    public void Given_the_platform_Then_it_uses_no_contract_of_a_module(string module)
    {
        var result = ModuleRules.HasNoDependencyOn(SharedAssemblies.Platform, ModuleCatalog.ContractNamespaceOf(module));

        ArchitectureAssert.Holds(result, $"the platform must not use {ModuleCatalog.ContractNamespaceOf(module)}");
    }

    [Theory]
    [MemberData(nameof(ModuleCatalog.Names), MemberType = typeof(ModuleCatalog))]
    public void Given_the_platform_Then_no_text_in_it_names_a_module(string module)
    {
        var literals = ModuleNameLiterals.In(SharedAssemblies.Platform, module);

        Assert.True(literals.Count == 0, $"The platform names the {module} module: {string.Join("; ", literals)}");
    }

    [Fact]
    public void Given_the_host_which_wires_the_users_module_Then_the_reference_rule_reports_it()
    {
        // Positive control: Shared cannot reference a module project (that would be a cycle), so the same rule is
        // shown failing on an assembly that does reference one.
        var result = ModuleRules.HasNoDependencyOn(typeof(Program).Assembly, ModuleCatalog.RootNamespaceOf("Users"));

        ArchitectureAssert.IsBrokenByTypesIn(result, "RepitBot.Host.");
    }

    [Fact]
    public void Given_the_auth_module_which_calls_users_Then_the_contract_rule_reports_it()
    {
        var result = ModuleRules.HasNoDependencyOn(ModuleCatalog.AssemblyOf("Auth"), ModuleCatalog.ContractNamespaceOf("Users"));

        ArchitectureAssert.IsBrokenByTypesIn(result, "RepitBot.Modules.Auth.");
    }

    [Theory]
    [MemberData(nameof(ModuleCatalog.Names), MemberType = typeof(ModuleCatalog))]
    public void Given_the_host_which_knows_every_role_Then_the_text_rule_reports_each_module(string module)
    {
        // Positive control: the host maps roles and settings to modules by name, in text.
        Assert.NotEmpty(ModuleNameLiterals.In(typeof(Program).Assembly, module));
    }
}
