using System.Reflection;
using NetArchTest.Rules;

namespace RepitBot.Architecture.Tests;

/// <summary>
/// Each rule written once, so the theories over the real modules and the positive controls that prove the rule can
/// fail run the very same code.
/// </summary>
/// <remarks>
/// NetArchTest's <c>Types.InAssembly</c> already leaves out compiler-generated nested types (closures, async state
/// machines) and every type whose namespace starts with System or Microsoft: that drops the regex and OpenAPI
/// source-generator output without an exclusion here, but it would also hide a module type declared in, say,
/// <c>Microsoft.Extensions.DependencyInjection</c>. <see cref="ModuleVisibilityTests"/> closes that gap with
/// reflection over the exported types.
/// </remarks>
internal static class ModuleRules
{
    public static TestResult ReferencesNoOtherModule(Assembly assembly, string module) =>
        Types.InAssembly(assembly)
            .ShouldNot()
            .HaveDependencyOnAny(ModuleCatalog.RootNamespacesOtherThan(module))
            .GetResult();

    /// <summary>Matches the namespace and everything under it (by namespace segments, not by text prefix).</summary>
    public static TestResult HasNoDependencyOn(Assembly assembly, string forbiddenNamespace) =>
        Types.InAssembly(assembly)
            .ShouldNot()
            .HaveDependencyOn(forbiddenNamespace)
            .GetResult();

    public static TestResult HidesEverythingBut(Assembly assembly, string registrationClass) =>
        Types.InAssembly(assembly)
            .Should()
            .MeetCustomRule(new HiddenOutsideAssemblyRule(registrationClass))
            .GetResult();
}
