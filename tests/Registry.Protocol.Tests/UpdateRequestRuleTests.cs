using Registry.Protocol.Metadata;

namespace Registry.Protocol.Tests;

public sealed class UpdateRequestRuleTests
{
    [Theory]
    [InlineData("""{"grant_types": ["client_credentials"]}""", "client_id is required")]
    [InlineData("""{"client_id": "other"}""", "client_id does not match")]
    [InlineData("""{"client_id": "cid", "registration_access_token": "x"}""", "registration_access_token is set by the server")]
    [InlineData("""{"client_id": "cid", "registration_client_uri": "https://x"}""", "registration_client_uri is set by the server")]
    [InlineData("""{"client_id": "cid", "client_secret_expires_at": 0}""", "client_secret_expires_at is set by the server")]
    [InlineData("""{"client_id": "cid", "client_id_issued_at": 1}""", "client_id_issued_at is set by the server")]
    [InlineData("""{"client_id": "cid", "update_datetime": "2020-01-01T00:00:00Z"}""", "update_datetime is set by the server")]
    public void Updates_must_name_the_client_and_leave_server_fields_out(string json, string description)
    {
        var error = UpdateRequestRule.Check(TestData.Read(json), "cid");

        Assert.Equal("invalid_client_metadata", error?.Code);
        Assert.Contains(description, error?.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_matching_client_id_with_metadata_passes()
    {
        Assert.Null(UpdateRequestRule.Check(TestData.Read("""{"client_id": "cid", "client_secret": "current", "scope": "openid"}"""), "cid"));
    }
}
