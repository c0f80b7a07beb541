using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using Registry.Protocol.Errors;
using Registry.Protocol.Json;
using F = Registry.Protocol.Metadata.MetadataFields;

namespace Registry.Protocol.Metadata;

/// <summary>
/// Reads a registration body (RFC 7591 §3.1) into a <see cref="ClientMetadataRequest"/>, checking JSON
/// types and sizes member by member. Unknown members are ignored (RFC 7591 §2), and so are the timestamps the
/// server itself returns (<see cref="MetadataFields.ServerTimestamps"/>); JSON null means omitted.
/// </summary>
public static class ClientMetadataReader
{
    private delegate OAuthError? MemberReader(JsonElement value, string name, ClientMetadataRequest request);

    private static readonly SearchValues<char> LanguageTagChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-");

    /// <summary>Longer than any real BCP 47 tag a client would send, short enough to bound the member names kept.</summary>
    private const int MaxLanguageTagLength = 35;

    private static readonly string[] LocalizablePrefixes = [.. F.Localizable.Select(field => field + "#")];

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MetadataLimits.MaxJsonDepth };

    private static readonly Dictionary<string, MemberReader> Readers = new(StringComparer.Ordinal)
    {
        [F.RedirectUris] = Strings((r, v) => r.RedirectUris = v),
        [F.TokenEndpointAuthMethod] = Text((r, v) => r.TokenEndpointAuthMethod = v),
        [F.GrantTypes] = Strings((r, v) => r.GrantTypes = v),
        [F.ResponseTypes] = Strings((r, v) => r.ResponseTypes = v),
        [F.ClientName] = Text((r, v) => r.ClientName = v),
        [F.ClientUri] = Text((r, v) => r.ClientUri = v),
        [F.LogoUri] = Text((r, v) => r.LogoUri = v),
        [F.Scope] = Text((r, v) => r.Scope = v),
        [F.Contacts] = Strings((r, v) => r.Contacts = v),
        [F.TosUri] = Text((r, v) => r.TosUri = v),
        [F.PolicyUri] = Text((r, v) => r.PolicyUri = v),
        [F.JwksUri] = Text((r, v) => r.JwksUri = v),
        [F.Jwks] = ReadJwks,
        [F.SoftwareId] = Text((r, v) => r.SoftwareId = v),
        [F.SoftwareVersion] = Text((r, v) => r.SoftwareVersion = v),
        [F.SoftwareStatement] = Text((r, v) => r.SoftwareStatement = v),
        [F.ApplicationType] = Text((r, v) => r.ApplicationType = v),
        [F.SubjectType] = Text((r, v) => r.SubjectType = v),
        [F.IdTokenSignedResponseAlg] = Text((r, v) => r.IdTokenSignedResponseAlg = v),
        [F.PostLogoutRedirectUris] = Strings((r, v) => r.PostLogoutRedirectUris = v),
        [F.RequireAuthTime] = Flag((r, v) => r.RequireAuthTime = v),
        [F.DefaultAcrValues] = Strings((r, v) => r.DefaultAcrValues = v),
        [F.FrontchannelLogoutSessionRequired] = Flag((r, v) => r.FrontchannelLogoutSessionRequired = v),
        [F.BackchannelLogoutSessionRequired] = Flag((r, v) => r.BackchannelLogoutSessionRequired = v),
        [F.BackchannelUserCodeParameter] = Flag((r, v) => r.BackchannelUserCodeParameter = v),
        [F.TlsClientCertificateBoundAccessToken] = Flag((r, v) => r.TlsClientCertificateBoundAccessToken = v),
        [F.AuthorizationSignedResponseAlg] = Text((r, v) => r.AuthorizationSignedResponseAlg = v),
        [F.AuthorizationDataTypes] = Strings((r, v) => r.AuthorizationDataTypes = v),
        [F.TokenSignedResponseAlg] = Text((r, v) => r.TokenSignedResponseAlg = v),
        [F.TokenEncryptedResponseAlg] = Text((r, v) => r.TokenEncryptedResponseAlg = v),
        [F.TokenEncryptedResponseEnc] = Text((r, v) => r.TokenEncryptedResponseEnc = v),
        [F.TokenExpirationTimeSeconds] = Integer((r, v) => r.TokenExpirationTimeSeconds = v),
        [F.RefreshTokenExpirationTimeSeconds] = Integer((r, v) => r.RefreshTokenExpirationTimeSeconds = v),
        [F.PreferredTokenProfile] = Text((r, v) => r.PreferredTokenProfile = v),
        [F.IsConsentDisabled] = Flag((r, v) => r.IsConsentDisabled = v),
        [F.SectorIdentifierUri] = Text((r, v) => r.SectorIdentifierUri = v),
        [F.InitiateLoginUri] = Text((r, v) => r.InitiateLoginUri = v),
        [F.ClientId] = Text((r, v) => r.ClientId = v),
        [F.ClientSecret] = Text((r, v) => r.ClientSecret = v),
    };

    public static Outcome<ClientMetadataRequest> Read(ReadOnlyMemory<byte> utf8Json)
    {
        // RFC 8259 §8.1: JSON text exchanged between systems is UTF-8, in ignored members too.
        if (!Utf8.IsValid(utf8Json.Span))
        {
            return Invalid(ErrorIds.MetadataNotUtf8, "the request body is not valid UTF-8");
        }

        try
        {
            using var document = JsonDocument.Parse(utf8Json, DocumentOptions);
            return Read(document.RootElement);
        }
        catch (JsonException)
        {
            return Invalid(ErrorIds.MetadataNotJson, "the request body is not valid JSON");
        }
        catch (InvalidOperationException)
        {
            // JsonElement.GetString() refuses escapes that do not decode to valid text.
            return Invalid(ErrorIds.MetadataInvalidUnicode, "the request body contains a string that is not valid Unicode");
        }
    }

    private static Outcome<ClientMetadataRequest> Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Invalid(ErrorIds.MetadataNotAnObject, "the request body must be a JSON object of client metadata");
        }

        var request = new ClientMetadataRequest();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in root.EnumerateObject())
        {
            if (!seen.Add(member.Name))
            {
                return Invalid(ErrorIds.MetadataDuplicateMember, $"{member.Name} appears more than once");
            }

            if (member.Value.ValueKind != JsonValueKind.Null && ReadMember(member, request) is { } error)
            {
                return error;
            }
        }

        return request;
    }

    private static OAuthError? ReadMember(JsonProperty member, ClientMetadataRequest request)
    {
        var name = member.Name;
        if (Readers.TryGetValue(name, out var reader))
        {
            return reader(member.Value, name, request);
        }

        if (F.ServerManaged.Contains(name, StringComparer.Ordinal))
        {
            request.ServerManagedFieldsSent.Add(name);
            return null;
        }

        return IsLocalizedName(name) ? ReadLocalized(member.Value, name, request) : null;
    }

    /// <summary>RFC 7591 §2.2: <c>client_name#ja-Jpan-JP</c> and friends: a localizable member, '#', a language tag.</summary>
    private static bool IsLocalizedName(string name)
    {
        foreach (var prefix in LocalizablePrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                var tag = name.AsSpan(prefix.Length);
                return tag.Length is > 0 and <= MaxLanguageTagLength && !tag.ContainsAnyExcept(LanguageTagChars);
            }
        }

        return false;
    }

    private static OAuthError? ReadLocalized(JsonElement value, string name, ClientMetadataRequest request)
    {
        if (request.Localized.Count >= MetadataLimits.MaxLocalizedValues)
        {
            return Invalid(ErrorIds.MetadataTooManyLocalized, $"at most {MetadataLimits.MaxLocalizedValues} language-tagged members are accepted");
        }

        var text = JsonValues.ReadString(value, name);
        if (!text.IsSuccess)
        {
            return text.Error;
        }

        request.Localized[name] = text.Value;
        return null;
    }

    /// <summary>RFC 7591 §2 / RFC 7517 §5: an inline JWK Set, an object with a "keys" array of JWK objects.</summary>
    private static OAuthError? ReadJwks(JsonElement value, string name, ClientMetadataRequest request)
    {
        if (value.ValueKind != JsonValueKind.Object
            || !value.TryGetProperty("keys", out var keys)
            || keys.ValueKind != JsonValueKind.Array)
        {
            return Invalid(ErrorIds.JwksMalformed, $"{name} must be a JWK Set: an object with a 'keys' array");
        }

        // The set is stored as sent: with a repeated member, the rules and a later reader could see different
        // values (e.g. a second "keys" hiding a symmetric key in the first), so none is accepted at any depth.
        if (HasRepeatedMember(value))
        {
            return Invalid(ErrorIds.JwksMalformed, $"{name} repeats a member name");
        }

        var raw = value.GetRawText();
        if (System.Text.Encoding.UTF8.GetByteCount(raw) > MetadataLimits.MaxJwksBytes)
        {
            return Invalid(ErrorIds.JwksTooLarge, $"{name} is larger than {MetadataLimits.MaxJwksBytes} bytes");
        }

        var index = 0;
        foreach (var key in keys.EnumerateArray())
        {
            if (key.ValueKind != JsonValueKind.Object
                || !key.TryGetProperty("kty", out var kty)
                || kty.ValueKind != JsonValueKind.String)
            {
                return Invalid(ErrorIds.JwksMalformed, $"{name}.keys[{index}] must be a JWK object with a 'kty' member");
            }

            index++;
        }

        request.Jwks = raw;
        return null;
    }

    private static bool HasRepeatedMember(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var member in element.EnumerateObject())
                {
                    if (!names.Add(member.Name) || HasRepeatedMember(member.Value))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (HasRepeatedMember(item))
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static MemberReader Text(Action<ClientMetadataRequest, string> assign) => Member(JsonValues.ReadString, assign);

    private static MemberReader Strings(Action<ClientMetadataRequest, IReadOnlyList<string>> assign) => Member(JsonValues.ReadStringArray, assign);

    private static MemberReader Integer(Action<ClientMetadataRequest, long> assign) => Member(JsonValues.ReadInteger, assign);

    private static MemberReader Flag(Action<ClientMetadataRequest, bool> assign) => Member(JsonValues.ReadBoolean, assign);

    private static MemberReader Member<T>(Func<JsonElement, string, Outcome<T>> read, Action<ClientMetadataRequest, T> assign)
        where T : notnull => (value, name, request) =>
    {
        var outcome = read(value, name);
        if (!outcome.IsSuccess)
        {
            return outcome.Error;
        }

        assign(request, outcome.Value);
        return null;
    };

    private static OAuthError Invalid(string id, string description) => OAuthError.InvalidClientMetadata(id, description);
}
