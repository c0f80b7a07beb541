using Registry.Protocol.Authorization;
using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;

namespace Registry.Protocol.Tests.Authorization;

/// <summary>RFC 8707 resource indicators: absolute URIs without a fragment, at most ten, each one the tenant lists (compared exactly).</summary>
public sealed class ResourceIndicatorsTests
{
    private static readonly string Longest = "https://api.example/" + new string('r', 2048 - 20);

    /// <summary>The policy lists malformed resources too, so that the syntax check alone refuses them.</summary>
    private static readonly RegistrationPolicy Policy = TestData.Policy with
    {
        AllowedResources =
        [
            "https://api.example", "https://files.example/v1", "urn:example:ledger", Longest, Longest + "r",
            "https://api.example#v1", "https://api.example#", "relative/api", "/srv/api", "file:///srv/api", "",
        ],
    };

    /// <summary>(resources, error id) — all invalid_target (RFC 8707 section 2).</summary>
    public static TheoryData<string[], string> Refused => new()
    {
        { ["https://api.example#v1"], ErrorIds.ResourceInvalid },
        { ["https://api.example#"], ErrorIds.ResourceInvalid },
        { ["relative/api"], ErrorIds.ResourceInvalid },
        { ["/srv/api"], ErrorIds.ResourceInvalid },
        { ["file:///srv/api"], ErrorIds.ResourceInvalid },
        { [""], ErrorIds.ResourceInvalid },
        { [Longest + "r"], ErrorIds.ResourceInvalid },
        { ["https://api.example", "relative/api"], ErrorIds.ResourceInvalid },
        { ["https://evil.example"], ErrorIds.ResourceNotAllowed },
        { ["https://API.example"], ErrorIds.ResourceNotAllowed },
        { ["https://api.example/"], ErrorIds.ResourceNotAllowed },
        { ["https://files.example/v1/"], ErrorIds.ResourceNotAllowed },
        { ["https://api.example", "https://evil.example"], ErrorIds.ResourceNotAllowed },
        // the first resource at fault decides
        { ["https://evil.example", "relative/api"], ErrorIds.ResourceNotAllowed },
        { ["relative/api", "https://evil.example"], ErrorIds.ResourceInvalid },
        // more than ten, even if every one is allowed
        { [.. Enumerable.Repeat("https://api.example", 11)], ErrorIds.ResourceInvalid },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_resource_that_is_malformed_or_not_listed_is_an_invalid_target(string[] resources, string id)
    {
        var error = ResourceIndicators.Check(resources, Policy);

        Assert.NotNull(error);
        Assert.Equal((OAuthErrorCodes.InvalidTarget, id), (error.Code, error.Id));
        Assert.True(error.Description.Length > 10, $"'{error.Description}' explains nothing");
    }

    public static TheoryData<string[]> Accepted => new()
    {
        { [] },
        { ["https://api.example"] },
        { ["urn:example:ledger"] },
        { [Longest] },
        { ["https://files.example/v1", "https://api.example"] },
        { [.. Enumerable.Repeat("https://api.example", 10)] },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Listed_absolute_resources_up_to_ten_are_accepted(string[] resources)
    {
        Assert.Null(ResourceIndicators.Check(resources, Policy));
    }

    /// <summary>The default policy lists no resource: none may be asked for.</summary>
    [Fact]
    public void A_tenant_that_lists_no_resource_accepts_none()
    {
        Assert.Equal(ErrorIds.ResourceNotAllowed, ResourceIndicators.Check(["https://api.example"], TestData.Policy)?.Id);
        Assert.Null(ResourceIndicators.Check([], TestData.Policy));
    }

    [Fact]
    public void At_most_ten_resources_are_accepted()
    {
        Assert.Equal(10, ResourceIndicators.MaxResources);
    }

    [Fact]
    public void Repetitions_are_removed_keeping_the_first_order_and_case()
    {
        List<string> resources = ["https://b.example", "https://a.example", "https://b.example", "https://A.example", "https://a.example"];

        Assert.Equal(["https://b.example", "https://a.example", "https://A.example"], ResourceIndicators.Distinct(resources));
        Assert.Empty(ResourceIndicators.Distinct([]));
    }
}
