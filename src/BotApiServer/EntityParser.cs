using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RepitBot.BotApiServer;

/// <summary>
/// Reads a message's text in its parse mode the way Telegram does: the shown text comes out, or the error Telegram
/// would answer ("can't parse entities: ..."), so a bot that forgets to escape a name fails here as it would there.
/// </summary>
internal static partial class EntityParser
{
    private const string MarkdownV2Reserved = "_*[]()~`>#+-=|{}.!";

    private static readonly HashSet<string> HtmlTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre", "blockquote", "tg-emoji",
    };

    /// <summary>The shown text, or null with the error's description.</summary>
    public static string? Parse(string text, string? parseMode, out string? error)
    {
        error = null;
        switch (parseMode?.ToLowerInvariant())
        {
            case null or "":
                return text;
            case "html":
                return ParseHtml(text, out error);
            case "markdownv2":
                return ParseMarkdownV2(text, out error);
            case "markdown":
                return ParseLegacyMarkdown(text, out error);
            default:
                error = "Bad Request: unsupported parse_mode";
                return null;
        }
    }

    private static string? ParseHtml(string text, out string? error)
    {
        error = null;
        var shown = new StringBuilder(text.Length);
        var open = new Stack<string>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '<')
            {
                var end = text.IndexOf('>', i);
                if (end < 0)
                {
                    error = Entities($"unclosed start tag at byte offset {Offset(text, i)}");
                    return null;
                }

                var tag = text[(i + 1)..end].Trim();
                if (tag.StartsWith('/'))
                {
                    var name = tag[1..].Trim();
                    if (open.Count == 0 || !string.Equals(open.Peek(), name, StringComparison.OrdinalIgnoreCase))
                    {
                        error = Entities(open.Count == 0
                            ? $"unexpected end tag at byte offset {Offset(text, i)}"
                            : $"unmatched end tag at byte offset {Offset(text, i)}, expected \"</{open.Peek()}>\", found \"</{name}>\"");
                        return null;
                    }

                    open.Pop();
                }
                else
                {
                    var name = tag.Split(' ', 2)[0];
                    if (!HtmlTags.Contains(name))
                    {
                        error = Entities($"unsupported start tag \"{name}\" at byte offset {Offset(text, i)}");
                        return null;
                    }

                    open.Push(name);
                }

                i = end + 1;
                continue;
            }

            if (c == '&')
            {
                var match = HtmlEntity().Match(text, i);
                if (!match.Success || match.Index != i)
                {
                    error = Entities($"character '&' at byte offset {Offset(text, i)} must be escaped as &amp;");
                    return null;
                }

                shown.Append(Decode(match.Value));
                i += match.Length;
                continue;
            }

            shown.Append(c);
            i++;
        }

        if (open.Count > 0)
        {
            error = Entities($"can't find end tag corresponding to start tag \"{open.Peek()}\"");
            return null;
        }

        return shown.ToString();
    }

    private static string Decode(string entity) => entity switch
    {
        "&lt;" => "<",
        "&gt;" => ">",
        "&amp;" => "&",
        "&quot;" => "\"",
        _ when entity.StartsWith("&#x", StringComparison.OrdinalIgnoreCase) => char.ConvertFromUtf32(int.Parse(entity[3..^1], NumberStyles.HexNumber, CultureInfo.InvariantCulture)),
        _ => char.ConvertFromUtf32(int.Parse(entity[2..^1], CultureInfo.InvariantCulture)),
    };

    private static string? ParseMarkdownV2(string text, out string? error)
    {
        error = null;
        var shown = new StringBuilder(text.Length);
        var open = new Stack<(string Marker, int Offset)>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var inCode = open.Count > 0 && open.Peek().Marker is "`" or "```";
            if (c == '\\')
            {
                if (i + 1 >= text.Length || text[i + 1] > 126)
                {
                    error = Entities($"character '\\' at byte offset {Offset(text, i)} must be escaped with the preceding '\\'");
                    return null;
                }

                shown.Append(text[i + 1]);
                i += 2;
                continue;
            }

            if (inCode && c != '`')
            {
                shown.Append(c);
                i++;
                continue;
            }

            var marker = c switch
            {
                '*' or '~' or '`' => c.ToString(),
                '_' => i + 1 < text.Length && text[i + 1] == '_' ? "__" : "_",
                '|' when i + 1 < text.Length && text[i + 1] == '|' => "||",
                _ => null,
            };
            if (c == '`' && text.AsSpan(i).StartsWith("```"))
            {
                marker = "```";
            }

            if (marker is not null)
            {
                if (open.Count > 0 && open.Peek().Marker == marker)
                {
                    open.Pop();
                }
                else
                {
                    open.Push((marker, Offset(text, i)));
                }

                i += marker.Length;
                continue;
            }

            if (c == '[')
            {
                open.Push(("[", Offset(text, i)));
                i++;
                continue;
            }

            if (c == ']' && open.Count > 0 && open.Peek().Marker == "[")
            {
                var close = text.IndexOf(')', i);
                if (i + 1 >= text.Length || text[i + 1] != '(' || close < 0)
                {
                    error = Entities($"can't find end of a url at byte offset {Offset(text, i)}");
                    return null;
                }

                open.Pop();
                i = close + 1;
                continue;
            }

            if (c == '>' && (i == 0 || text[i - 1] == '\n'))
            {
                i++;
                continue;
            }

            if (MarkdownV2Reserved.Contains(c, StringComparison.Ordinal))
            {
                error = Entities($"character '{c}' is reserved and must be escaped with the preceding '\\'");
                return null;
            }

            shown.Append(c);
            i++;
        }

        if (open.Count > 0)
        {
            error = Entities($"can't find end of the entity starting at byte offset {open.Peek().Offset}");
            return null;
        }

        return shown.ToString();
    }

    private static string? ParseLegacyMarkdown(string text, out string? error)
    {
        error = null;
        var shown = new StringBuilder(text.Length);
        char? open = null;
        var openedAt = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '*' or '_' or '`')
            {
                if (open is null)
                {
                    (open, openedAt) = (c, Offset(text, i));
                }
                else if (open == c)
                {
                    open = null;
                }
                else
                {
                    shown.Append(c);
                }

                continue;
            }

            shown.Append(c);
        }

        if (open is not null)
        {
            error = Entities($"can't find end of the entity starting at byte offset {openedAt}");
            return null;
        }

        return shown.ToString();
    }

    private static string Entities(string detail) => $"Bad Request: can't parse entities: {char.ToUpperInvariant(detail[0])}{detail[1..]}";

    private static int Offset(string text, int index) => Encoding.UTF8.GetByteCount(text.AsSpan(0, index));

    [GeneratedRegex("&(lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")]
    private static partial Regex HtmlEntity();
}
