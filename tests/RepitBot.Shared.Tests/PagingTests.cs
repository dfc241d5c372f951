using RepitBot.Shared.Contracts.Results;
using Xunit;

namespace RepitBot.Shared.Tests;

public sealed class PagingTests
{
    [Theory]
    [InlineData(0, 20, 0)]
    [InlineData(1, 20, 1)]
    [InlineData(20, 20, 1)]
    [InlineData(21, 20, 2)]
    [InlineData(1_000_000, 1, 1_000_000)]
    public void Given_a_total_Then_the_pages_are_the_rows_it_fills(int total, int size, int pages) =>
        Assert.Equal(pages, Paging.PagesOf(total, size));

    [Fact]
    public void Given_the_first_page_Then_nothing_is_skipped_and_later_pages_skip_whole_pages()
    {
        Assert.Equal(0, Paging.Skip(1, 20));
        Assert.Equal(40, Paging.Skip(3, 20));
    }

    [Theory]
    [InlineData(0, 20, "page")]
    [InlineData(1_000_001, 20, "page")]
    [InlineData(1, 0, "size")]
    [InlineData(1, 101, "size")]
    public void Given_a_page_or_size_out_of_range_Then_that_field_is_named(int page, int size, string field)
    {
        var errors = new Dictionary<string, string[]>();

        Paging.Validate(page, size, maxSize: 100, errors);

        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void Given_a_page_in_range_Then_there_is_no_error()
    {
        var errors = new Dictionary<string, string[]>();

        Paging.Validate(1_000_000, 100, maxSize: 100, errors);

        Assert.Empty(errors);
    }
}
