using Registry.Protocol.Tokens;

namespace Registry.Protocol.Tests;

/// <summary>RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ), separated by spaces.</summary>
public sealed class ScopeSyntaxTests
{
    [Theory]
    [InlineData("!")]
    [InlineData("~")]
    [InlineData("#")]
    [InlineData("[")]
    [InlineData("]")]
    [InlineData("api.read:write/x?y=z")]
    public void Printable_ascii_but_quote_and_backslash_make_scope_tokens(string token)
    {
        Assert.True(ScopeSyntax.IsScopeToken(token));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\"")]
    [InlineData("\\")]
    [InlineData("\u007f")]
    [InlineData("\u001f")]
    [InlineData("é")]
    [InlineData("a b")]
    public void Anything_else_does_not(string token)
    {
        Assert.False(ScopeSyntax.IsScopeToken(token));
    }

    [Fact]
    public void A_scope_parses_into_distinct_tokens_in_order_or_names_the_bad_one()
    {
        Assert.True(ScopeSyntax.TryParse("  b a  b ", out var scopes, out var none));
        Assert.Equal(["b", "a"], scopes);
        Assert.Null(none);

        Assert.False(ScopeSyntax.TryParse("a b\"c d", out var empty, out var invalid));
        Assert.Empty(empty);
        Assert.Equal("b\"c", invalid);
        Assert.Equal("b a", ScopeSyntax.Normalize(scopes));
    }
}
