using System.Text.RegularExpressions;
using RepitBot.Shared.Contracts.AccessCodes;
using Xunit;

namespace RepitBot.Shared.Tests;

public sealed partial class AccessCodeTests
{
    // Crockford Base32: digits and letters without I, L, O and U.
    private const string CrockfordAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    [Fact]
    public void Given_a_generated_code_Then_it_reads_as_four_groups_of_four_Crockford_characters()
    {
        var code = AccessCode.Generate();

        Assert.Matches(DisplayFormat(), code.Display);
        Assert.Equal(AccessCode.LookupLength, code.LookupId.Length);
        Assert.Equal(AccessCode.Length - AccessCode.LookupLength, code.Secret.Length);
        Assert.Equal(code.LookupId + code.Secret, code.Display.Replace("-", string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void Given_many_generated_codes_Then_they_differ_and_use_the_whole_alphabet_only()
    {
        var codes = Enumerable.Range(0, 500).Select(_ => AccessCode.Generate()).ToList();

        Assert.Equal(codes.Count, codes.Select(code => code.Display).Distinct(StringComparer.Ordinal).Count());
        var used = codes.SelectMany(code => code.LookupId + code.Secret).ToHashSet();
        Assert.Subset(CrockfordAlphabet.ToHashSet(), used);
        // 8000 draws from 32 characters: a character never drawn would mean a narrower alphabet.
        Assert.Equal(CrockfordAlphabet.Length, used.Count);
    }

    [Fact]
    public void Given_a_generated_code_Then_what_it_displays_parses_back_to_the_same_code()
    {
        var code = AccessCode.Generate();

        Assert.True(AccessCode.TryParse(code.Display, out var parsed));
        Assert.Equal((code.LookupId, code.Secret), (parsed.LookupId, parsed.Secret));
    }

    [Theory]
    [InlineData("ABCD-EFGH-JKMN-PQRS")]
    [InlineData("abcd-efgh-jkmn-pqrs")]
    [InlineData("ABCDEFGHJKMNPQRS")]
    [InlineData("  abcd efgh\tjkmn pqrs ")]
    [InlineData("AB-CD-EF-GH-JK-MN-PQ-RS")]
    public void Given_a_code_typed_with_any_case_spaces_or_hyphens_Then_it_normalizes_to_the_same_code(string typed)
    {
        Assert.True(AccessCode.TryParse(typed, out var code));
        Assert.Equal("ABCDEF", code.LookupId);
        Assert.Equal("GHJKMNPQRS", code.Secret);
        Assert.Equal("ABCD-EFGH-JKMN-PQRS", code.Display);
    }

    [Theory]
    [InlineData("IL0O-il0o-1111-0000")]
    [InlineData("1100-1100-1111-0000")]
    public void Given_I_and_L_and_O_Then_they_read_as_one_and_zero(string typed)
    {
        Assert.True(AccessCode.TryParse(typed, out var code));
        Assert.Equal("1100-1100-1111-0000", code.Display);
    }

    [Theory]
    [InlineData("ABCD-EFGH-JKMN-PQR")]
    [InlineData("ABCD-EFGH-JKMN-PQRST")]
    [InlineData("ABCD-EFGH-JKMN-PQRU")]
    [InlineData("abcd-efgh-jkmn-pqru")]
    [InlineData("ABCD-EFGH-JKMN-PQR!")]
    [InlineData("ABCD_EFGH_JKMN_PQRS")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Given_input_of_the_wrong_length_or_with_characters_outside_the_alphabet_Then_it_is_not_a_code(string? typed)
    {
        Assert.False(AccessCode.TryParse(typed, out var code));
        Assert.Null(code);
    }

    [Fact]
    public void Given_a_code_Then_ToString_shows_the_lookup_id_and_never_the_secret()
    {
        Assert.True(AccessCode.TryParse("ABCD-EFGH-JKMN-PQRS", out var code));

        var text = code.ToString();

        Assert.Contains(code.LookupId, text, StringComparison.Ordinal);
        Assert.DoesNotContain(code.Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("PQRS", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_generated_code_Then_ToString_never_contains_the_secret_or_the_displayed_code()
    {
        var code = AccessCode.Generate();

        Assert.DoesNotContain(code.Secret, code.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(code.Display, code.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$")]
    private static partial Regex DisplayFormat();
}
