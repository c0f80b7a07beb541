using System.Globalization;
using System.Text;
using Registry.Protocol.Errors;

namespace Registry.Protocol.Metadata.Rules;

/// <summary>
/// Text a person reads (client_name and every language-tagged member, software_id, software_version,
/// contacts) and every URL holds no character that changes how the rest is displayed: Unicode format
/// characters (category Cf: the bidirectional controls U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C,
/// the zero-width U+200B-U+200D, U+2060, U+FEFF, soft hyphen, tag characters, ...), the line and paragraph
/// separators U+2028 and U+2029, and controls. A name with U+202E before "evil" must not show as "live" in
/// a consent screen or an admin list (the "Trojan Source" trick, CVE-2021-42574). The reader refuses C0 and C1
/// controls in every string already.
/// </summary>
internal sealed class DisplayTextRule : IClientMetadataRule
{
    public OAuthError? Check(ClientMetadataRequest request, RegistrationPolicy policy)
    {
        foreach (var (field, value) in Fields(request))
        {
            if (value is not null && FirstHidden(value) is ({ } rune, var index))
            {
                return OAuthError.InvalidClientMetadata(ErrorIds.TextFormatCharacter,
                    $"{field} contains the invisible or formatting character U+{rune.Value:X4} at position {index}");
            }
        }

        return null;
    }

    private static IEnumerable<(string Field, string? Value)> Fields(ClientMetadataRequest r)
    {
        yield return (MetadataFields.ClientName, r.ClientName);
        yield return (MetadataFields.SoftwareId, r.SoftwareId);
        yield return (MetadataFields.SoftwareVersion, r.SoftwareVersion);
        yield return (MetadataFields.ClientUri, r.ClientUri);
        yield return (MetadataFields.LogoUri, r.LogoUri);
        yield return (MetadataFields.TosUri, r.TosUri);
        yield return (MetadataFields.PolicyUri, r.PolicyUri);
        yield return (MetadataFields.JwksUri, r.JwksUri);
        yield return (MetadataFields.SectorIdentifierUri, r.SectorIdentifierUri);
        yield return (MetadataFields.InitiateLoginUri, r.InitiateLoginUri);
        foreach (var (list, values) in new[]
                 {
                     (MetadataFields.Contacts, r.Contacts),
                     (MetadataFields.RedirectUris, r.RedirectUris),
                     (MetadataFields.PostLogoutRedirectUris, r.PostLogoutRedirectUris),
                 })
        {
            for (var i = 0; i < (values?.Count ?? 0); i++)
            {
                yield return ($"{list}[{i}]", values![i]);
            }
        }

        foreach (var (name, value) in r.Localized)
        {
            yield return (name, value);
        }
    }

    /// <summary>The first hidden character and its UTF-16 index (supplementary ones, like tag characters, count as one).</summary>
    private static (Rune Rune, int Index)? FirstHidden(string value)
    {
        var index = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Control)
            {
                return (rune, index);
            }

            index += rune.Utf16SequenceLength;
        }

        return null;
    }
}
