namespace Registry.Grains.Tests.Clients;

public sealed class ClientListCursorTests
{
    [Theory]
    [InlineData(0L)]
    [InlineData(1023L)]
    [InlineData(1024L)]
    [InlineData(long.MaxValue)]
    public void A_cursor_reads_back_as_its_sequence(long sequence)
    {
        var cursor = ClientListCursor.Encode(sequence);

        Assert.Equal(12, cursor.Length);
        Assert.Matches("^[A-Za-z0-9_-]{12}$", cursor);
        Assert.True(ClientListCursor.TryDecode(cursor, out var read));
        Assert.Equal(sequence, read);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1024")]
    [InlineData("AQAAAAAAAAQA=")]
    [InlineData("AQAAAAAAAAQ")]
    [InlineData("AQAAAAAAAAQAA")]
    [InlineData("AQAAAAAAAA+A")]
    [InlineData("AQAAAAAAAA A")]
    [InlineData("AgAAAAAAAAQA")]
    [InlineData("AYAAAAAAAAAA")]
    public void Anything_else_is_not_a_cursor(string? text)
    {
        Assert.False(ClientListCursor.TryDecode(text, out var sequence));
        Assert.Equal(0, sequence);
    }

    [Fact]
    public void The_version_byte_comes_first()
    {
        Assert.Equal("AQAAAAAAAAQA", ClientListCursor.Encode(1024));
    }

    [Fact]
    public void Index_text_keeps_plain_names_whole_and_cuts_long_or_escaped_ones_at_the_budget()
    {
        Assert.Null(ClientIndexText.Cut(null));
        Assert.Equal("Billing service", ClientIndexText.Cut("Billing service"));
        Assert.Equal(new string('a', ClientIndexText.BudgetBytes), ClientIndexText.Cut(new string('a', 300)));
        Assert.Equal(new string('\u00e9', ClientIndexText.BudgetBytes / 6), ClientIndexText.Cut(new string('\u00e9', 300)));
        Assert.Equal(new string('<', ClientIndexText.BudgetBytes / 6), ClientIndexText.Cut(new string('<', 300)));

        // 42 escaped characters fit (252 bytes); after 5 plain ones only 41 would, and the pair is kept out whole.
        var emoji = string.Concat(Enumerable.Repeat("\U0001F600", 30));
        var cut = ClientIndexText.Cut(emoji)!;
        Assert.Equal(42, cut.Length);
        Assert.False(char.IsHighSurrogate(cut[^1]));
        var odd = "abcde" + emoji;
        var oddCut = ClientIndexText.Cut(odd)!;
        Assert.Equal(45, oddCut.Length);
        Assert.True(char.IsLowSurrogate(oddCut[^1]));
    }
}
