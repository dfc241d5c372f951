using System.Text.Json;
using System.Text.RegularExpressions;

namespace RepitBot.Deployment.Tests;

/// <summary>The provisioned Grafana dashboards' panel queries, and the metric names a query reads.</summary>
internal static partial class Dashboards
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan",
    };

    public static string Folder => Repository.PathOf("docker", "grafana", "dashboards");

    /// <summary>Every panel of every dashboard: (dashboard file, panel title, query).</summary>
    public static IReadOnlyList<(string Dashboard, string Panel, string Expr)> Queries()
    {
        var queries = new List<(string, string, string)>();
        foreach (var file in Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var panel in document.RootElement.GetProperty("panels").EnumerateArray())
            {
                foreach (var target in panel.GetProperty("targets").EnumerateArray())
                {
                    queries.Add((Path.GetFileName(file), panel.GetProperty("title").GetString()!, target.GetProperty("expr").GetString()!));
                }
            }
        }

        return queries;
    }

    /// <summary>The metric names a PromQL expression reads: identifiers outside label matchers, strings, ranges and grouping clauses, that are not functions.</summary>
    public static IReadOnlySet<string> MetricNames(string expr)
    {
        var bare = Strings().Replace(expr, " ");
        bare = Braces().Replace(bare, " ");
        bare = Ranges().Replace(bare, " ");
        bare = Grouping().Replace(bare, " ");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in Identifier().Matches(bare))
        {
            var rest = bare[(match.Index + match.Length)..].TrimStart();
            if (!rest.StartsWith('(') && !Keywords.Contains(match.Value))
            {
                names.Add(match.Value);
            }
        }

        return names;
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Braces();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Ranges();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<![\w.])[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifier();
}
