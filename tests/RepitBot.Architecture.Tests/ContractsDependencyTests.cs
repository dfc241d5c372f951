using Xunit;

namespace RepitBot.Architecture.Tests;

/// <summary>
/// The contracts are what a module promises: interfaces, DTOs, results, the caller's identity, the permission
/// vocabulary. They depend on plain .NET only, so a contract never drags a web host, a database or a cache along.
/// </summary>
public sealed class ContractsDependencyTests
{
    public static TheoryData<string> Heavy =>
    [
        "Microsoft.AspNetCore",
        "Microsoft.EntityFrameworkCore",
        "Microsoft.Extensions",
        "Microsoft.FeatureManagement",
        "StackExchange.Redis",
        "Npgsql",
        "Refit",
        "Polly",
        "Prometheus",
        "RepitBot.Shared.Platform",
    ];

    [Theory]
    [MemberData(nameof(Heavy))]
    public void Given_the_contracts_Then_they_do_not_depend_on(string heavy)
    {
        var result = ModuleRules.HasNoDependencyOn(SharedAssemblies.Contracts, heavy);

        ArchitectureAssert.Holds(result, $"the contracts must not depend on {heavy}");
    }

    [Fact]
    public void Given_the_contracts_Then_they_reference_only_the_framework()
    {
        // The compiler keeps only the references a build uses, so this also sees what NetArchTest skips.
        var referenced = SharedAssemblies.Contracts.GetReferencedAssemblies().Select(reference => reference.Name!);

        Assert.All(referenced, name => Assert.True(name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard", $"The contracts reference {name}."));
    }

    [Fact]
    public void Given_the_platform_which_hosts_with_ASP_NET_Core_Then_the_same_rule_reports_it()
    {
        // Positive control: the rule that guards the contracts fails on the platform, which really is heavy.
        var result = ModuleRules.HasNoDependencyOn(SharedAssemblies.Platform, "Microsoft.AspNetCore");

        ArchitectureAssert.IsBrokenByTypesIn(result, "RepitBot.Shared.Platform.");
    }
}
