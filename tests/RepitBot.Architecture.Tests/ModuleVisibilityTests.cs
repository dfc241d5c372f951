using RepitBot.Shared.Contracts.AccessCodes;
using Xunit;

namespace RepitBot.Architecture.Tests;

/// <summary>
/// Rule (c): everything in a module is internal except its one registration class, a static class in the module's
/// root namespace named after the module.
/// </summary>
public sealed class ModuleVisibilityTests
{
    [Theory]
    [MemberData(nameof(ModuleCatalog.Names), MemberType = typeof(ModuleCatalog))]
    public void Given_a_module_Then_every_type_but_its_registration_class_is_internal(string module)
    {
        var result = ModuleRules.HidesEverythingBut(ModuleCatalog.AssemblyOf(module), ModuleCatalog.RegistrationClassNameOf(module));

        ArchitectureAssert.Holds(result, $"only {ModuleCatalog.RegistrationClassNameOf(module)} may be visible outside the {module} module");
    }

    [Theory]
    [MemberData(nameof(ModuleCatalog.Names), MemberType = typeof(ModuleCatalog))]
    public void Given_a_module_Then_the_registration_class_is_the_only_type_it_exports(string module)
    {
        // Reflection sees every namespace, including the System.* and Microsoft.* ones NetArchTest leaves out.
        var exported = ModuleCatalog.AssemblyOf(module).GetExportedTypes().Select(type => type.FullName);

        Assert.Equal([ModuleCatalog.RegistrationClassNameOf(module)], exported);
    }

    [Theory]
    [MemberData(nameof(ModuleCatalog.Names), MemberType = typeof(ModuleCatalog))]
    public void Given_a_module_Then_its_registration_class_is_static_and_offers_the_module_registration(string module)
    {
        var registration = ModuleCatalog.AssemblyOf(module).GetType(ModuleCatalog.RegistrationClassNameOf(module));

        Assert.NotNull(registration);
        Assert.True(registration.IsAbstract && registration.IsSealed, $"{registration.FullName} must be a static class.");
        Assert.NotNull(registration.GetMethod($"Add{module}Module"));
    }

    [Fact]
    public void Given_Shared_whose_contracts_are_public_Then_the_visibility_rule_reports_them()
    {
        // Positive control: Shared exists to be public, so the module rule must fail on it and name a public type.
        var result = ModuleRules.HidesEverythingBut(typeof(AccessCode).Assembly, ModuleCatalog.RegistrationClassNameOf("Users"));

        ArchitectureAssert.IsBrokenBy(result, typeof(AccessCode).FullName!);
    }

    [Fact]
    public void Given_public_nested_types_Then_the_rule_reports_only_those_reachable_from_outside()
    {
        var result = ModuleRules.HidesEverythingBut(typeof(VisibilityFixtures).Assembly, typeof(ModuleVisibilityTests).FullName!);

        ArchitectureAssert.IsBrokenBy(result, "RepitBot.Architecture.Tests.VisibilityFixtures/Reachable");
        Assert.DoesNotContain("RepitBot.Architecture.Tests.HiddenVisibilityFixtures/Unreachable", result.FailingTypeNames);
    }
}
