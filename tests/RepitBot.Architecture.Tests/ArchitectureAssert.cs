using NetArchTest.Rules;
using Xunit;

namespace RepitBot.Architecture.Tests;

internal static class ArchitectureAssert
{
    public static void Holds(TestResult result, string rule)
    {
        Assert.True(result.IsSuccessful, $"Broken: {rule}. Failing types: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    /// <summary>For the positive controls: the rule, given an assembly that breaks it, names the offending type.</summary>
    public static void IsBrokenBy(TestResult result, string expectedFailingType)
    {
        Assert.False(result.IsSuccessful, $"The rule passed although {expectedFailingType} breaks it: it cannot fail.");
        Assert.Contains(expectedFailingType, result.FailingTypeNames ?? []);
    }

    /// <summary>For the positive controls: the rule fails, and only on types of the namespace that breaks it.</summary>
    public static void IsBrokenByTypesIn(TestResult result, string namespacePrefix)
    {
        Assert.False(result.IsSuccessful, $"The rule passed although {namespacePrefix}* breaks it: it cannot fail.");
        Assert.NotEmpty(result.FailingTypeNames ?? []);
        Assert.All(result.FailingTypeNames ?? [], name => Assert.StartsWith(namespacePrefix, name, StringComparison.Ordinal));
    }
}
