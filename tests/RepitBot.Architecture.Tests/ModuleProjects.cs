using System.Xml.Linq;

namespace RepitBot.Architecture.Tests;

/// <summary>The module project files, found from the test's output folder up to the repository root.</summary>
internal static class ModuleProjects
{
    public static IReadOnlyList<string> ProjectReferencesOf(string module)
    {
        var project = Path.Combine(RepositoryRoot(), "src", $"Modules.{module}", $"RepitBot.Modules.{module}.csproj");
        return [.. XDocument.Load(project)
            .Descendants("ProjectReference")
            .Select(reference => Path.GetFileName(((string?)reference.Attribute("Include") ?? string.Empty).Replace('\\', '/')))];
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RepitBot.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No RepitBot.sln above {AppContext.BaseDirectory}.");
    }
}
