using Mono.Cecil;
using NetArchTest.Rules;

namespace RepitBot.Architecture.Tests;

/// <summary>
/// A type passes when no other assembly can name it, or when it is the one allowed type. NetArchTest's own
/// <c>NotBePublic</c> also fails a <c>public</c> type nested in an <c>internal</c> one, which nobody outside can
/// reach; this rule judges what is actually reachable.
/// </summary>
internal sealed class HiddenOutsideAssemblyRule(string allowedFullName) : ICustomRule
{
    public bool MeetsRule(TypeDefinition type) =>
        string.Equals(type.FullName, allowedFullName, StringComparison.Ordinal) || !IsVisibleOutsideAssembly(type);

    private static bool IsVisibleOutsideAssembly(TypeDefinition type) => type.IsNested
        ? (type.IsNestedPublic || type.IsNestedFamily || type.IsNestedFamilyOrAssembly) && IsVisibleOutsideAssembly(type.DeclaringType)
        : type.IsPublic;
}
