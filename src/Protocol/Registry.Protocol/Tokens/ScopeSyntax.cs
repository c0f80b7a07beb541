namespace Registry.Protocol.Tokens;

/// <summary>RFC 6749 §3.3: scope = scope-token *( SP scope-token ); scope-token = 1*( %x21 / %x23-5B / %x5D-7E ).</summary>
public static class ScopeSyntax
{
    /// <summary>Splits a scope string into distinct tokens (order kept). Extra spaces are tolerated.</summary>
    public static bool TryParse(string scope, out IReadOnlyList<string> scopes, out string? invalid)
    {
        var list = new List<string>();
        invalid = null;
        foreach (var token in scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!IsScopeToken(token))
            {
                scopes = [];
                invalid = token;
                return false;
            }

            if (!list.Contains(token, StringComparer.Ordinal))
            {
                list.Add(token);
            }
        }

        scopes = list;
        return true;
    }

    /// <summary>The canonical form: distinct tokens joined by single spaces.</summary>
    public static string Normalize(IReadOnlyList<string> scopes) => string.Join(' ', scopes);

    public static bool IsScopeToken(string token)
    {
        if (token.Length == 0)
        {
            return false;
        }

        foreach (var c in token)
        {
            if (c is < '\x21' or > '\x7E' or '"' or '\\')
            {
                return false;
            }
        }

        return true;
    }
}
