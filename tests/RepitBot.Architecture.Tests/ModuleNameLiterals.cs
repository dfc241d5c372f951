using System.Reflection;
using System.Text.RegularExpressions;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace RepitBot.Architecture.Tests;

/// <summary>
/// Finds the places an assembly names a module in text: string literals in method bodies and string constants, such
/// as a route, a flag or a setting name ("users", "/api/v1/auth", "USER_SERVICE_URL", "TELEGRAM_BOT_TOKEN"). Type
/// and namespace references are the dependency rules' job; this catches what the compiler leaves as plain text.
/// </summary>
internal static partial class ModuleNameLiterals
{
    public static IReadOnlyList<string> In(Assembly assembly, string module)
    {
        var name = module.ToLowerInvariant();
        var singular = name.TrimEnd('s');
        var found = new List<string>();
        using var definition = AssemblyDefinition.ReadAssembly(assembly.Location);
        foreach (var type in definition.MainModule.GetTypes())
        {
            var literals = type.Fields.Where(field => field.HasConstant && field.Constant is string).Select(field => (string)field.Constant)
                .Concat(type.Methods.Where(method => method.HasBody)
                    .SelectMany(method => method.Body.Instructions)
                    .Where(instruction => instruction.OpCode == OpCodes.Ldstr)
                    .Select(instruction => (string)instruction.Operand))
                .Concat(AttributeTexts(type));
            found.AddRange(literals.Where(literal => Names(literal, name, singular)).Select(literal => $"{type.FullName}: \"{literal}\""));
        }

        return found.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Text in attributes (a log message, a JSON name) on the type and its members, which IL does not load.</summary>
    private static IEnumerable<string> AttributeTexts(TypeDefinition type) =>
        new Mono.Cecil.ICustomAttributeProvider[] { type }
            .Concat(type.Methods).Concat(type.Fields).Concat(type.Properties)
            .SelectMany(member => member.CustomAttributes)
            .SelectMany(attribute => attribute.ConstructorArguments.Concat(attribute.Properties.Select(property => property.Argument)).Concat(attribute.Fields.Select(field => field.Argument)))
            .Select(argument => argument.Value)
            .OfType<string>();

    private static bool Names(string literal, string module, string singular)
    {
        var words = Words().Split(literal.ToLowerInvariant());
        return words.Contains(module, StringComparer.Ordinal)
            || Regex.IsMatch(literal, $"(?<![a-z]){singular}s?_service", RegexOptions.IgnoreCase);
    }

    [GeneratedRegex("[^a-z]+")]
    private static partial Regex Words();
}
