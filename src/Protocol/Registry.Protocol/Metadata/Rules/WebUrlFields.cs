namespace Registry.Protocol.Metadata.Rules;

/// <summary>The members that hold a web page or document URL, as sent, in the order the rules check them.</summary>
internal static class WebUrlFields
{
    /// <summary>
    /// client_uri, logo_uri, tos_uri, policy_uri (RFC 7591 §2), sector_identifier_uri and initiate_login_uri
    /// (OpenID Connect Registration §2), then every language-tagged member but client_name's (the reader
    /// admits only localizable members, and all the others are URLs).
    /// </summary>
    public static IEnumerable<(string Field, string Value)> Of(ClientMetadataRequest r)
    {
        (string, string?)[] fields =
        [
            (MetadataFields.ClientUri, r.ClientUri),
            (MetadataFields.LogoUri, r.LogoUri),
            (MetadataFields.TosUri, r.TosUri),
            (MetadataFields.PolicyUri, r.PolicyUri),
            (MetadataFields.SectorIdentifierUri, r.SectorIdentifierUri),
            (MetadataFields.InitiateLoginUri, r.InitiateLoginUri),
        ];
        foreach (var (field, value) in fields)
        {
            if (value is not null)
            {
                yield return (field, value);
            }
        }

        foreach (var (name, value) in r.Localized)
        {
            if (!name.StartsWith(MetadataFields.ClientName + "#", StringComparison.Ordinal))
            {
                yield return (name, value);
            }
        }
    }
}
