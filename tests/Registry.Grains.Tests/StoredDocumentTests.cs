using System.Text.Json;
using Registry.Grains.Index;
using Registry.Protocol.Metadata;
using Registry.Protocol.Security;
using Registry.Protocol.Tenancy;

namespace Registry.Grains.Tests;

/// <summary>
/// Stored data survives upgrades: documents exactly as an earlier version of Registry wrote them (captured
/// from its grain storage, in StoredDocuments/) are read by today's grains, field by field. A change to what
/// is stored adds a new document here and keeps every old one passing.
/// </summary>
[Collection(ClusterCollectionDefinition.Name)]
public sealed class StoredDocumentTests(ClusterFixture fixture)
{
    private const string Secret = "golden-client-secret-0123456789abcdefghijklmno";
    private const string FirstToken = "golden-registration-token-0123456789abcdefghij";
    private const string CurrentToken = "golden-rotated-token-0123456789abcdefghijklmn";
    private const string DeletingToken = "golden-registration-token-0123456789abcdefghij";

    [Fact]
    public async Task A_client_stored_by_version_1_reads_authenticates_and_updates()
    {
        var key = ClientKey.Of("default", "GoldenClient" + Guid.NewGuid().ToString("N")[..10]);
        fixture.Storage.Put("client", GrainId.Create("client", key), Document("client-v1.json"));
        var grain = fixture.Grains.GetGrain<IClientGrain>(key);

        var read = await grain.Read(CurrentToken);

        Assert.Equal(ClientOperationStatus.Ok, read.Status);
        var client = read.Client!;
        var m = client.Metadata;
        Assert.Equal(["https://app.example/cb", "http://127.0.0.1:8080/cb"], m.RedirectUris);
        Assert.Equal("client_secret_post", m.TokenEndpointAuthMethod);
        Assert.Equal(["client_credentials", "authorization_code"], m.GrantTypes);
        Assert.Equal(["code"], m.ResponseTypes);
        Assert.Equal(("Billing service", "https://app.example", "https://app.example/logo.png"), (m.ClientName, m.ClientUri, m.LogoUri));
        Assert.Equal("openid email", m.Scope);
        Assert.Equal(["ops@app.example"], m.Contacts);
        Assert.Equal(("https://app.example/tos", "https://app.example/policy", null), (m.TosUri, m.PolicyUri, m.JwksUri));
        Assert.Equal("""{"keys":[{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}]}""", m.Jwks);
        Assert.Equal(("billing", "2.1", "native", "pairwise"), (m.SoftwareId, m.SoftwareVersion, m.ApplicationType, m.SubjectType));
        Assert.Equal("ES256", m.IdTokenSignedResponseAlg);
        Assert.Equal(["https://app.example/bye"], m.PostLogoutRedirectUris);
        Assert.True(m.RequireAuthTime);
        Assert.Equal(["urn:acr:1"], m.DefaultAcrValues);
        Assert.True(m.FrontchannelLogoutSessionRequired && m.BackchannelLogoutSessionRequired && m.BackchannelUserCodeParameter);
        Assert.False(m.TlsClientCertificateBoundAccessToken);
        Assert.Equal(("PS256", "ES384", "ECDH-ES", "A256GCM"), (m.AuthorizationSignedResponseAlg, m.TokenSignedResponseAlg, m.TokenEncryptedResponseAlg, m.TokenEncryptedResponseEnc));
        Assert.Equal(["payment_initiation"], m.AuthorizationDataTypes);
        Assert.Equal((600, 7200, "Bearer", true), (m.TokenExpirationTimeSeconds, m.RefreshTokenExpirationTimeSeconds, m.PreferredTokenProfile, m.IsConsentDisabled));
        Assert.Equal("Service de facturation", Assert.Single(m.Localized, l => l.Key == "client_name#fr").Value);
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T01:15:24.7280814+00:00", System.Globalization.CultureInfo.InvariantCulture), client.CreatedAt);
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T01:15:24.8423825+00:00", System.Globalization.CultureInfo.InvariantCulture), client.UpdatedAt);
        Assert.Equal(client.CreatedAt.ToUnixTimeSeconds(), client.ClientIdIssuedAt);
        Assert.Equal(0, client.ClientSecretExpiresAt);
        Assert.Null(client.ClientSecret);

        var check = await grain.Authenticate(Secret);
        Assert.True(check.Authenticated);
        Assert.Equal(["client_credentials", "authorization_code"], check.GrantTypes);
        Assert.Equal(("openid email", 600), (check.Scope, check.TokenLifetimeSeconds));
        Assert.Equal(ClientOperationStatus.Unauthorized, (await grain.Read(FirstToken)).Status);

        var rotated = Secrets.NewSecret();
        var updated = await grain.Update(CurrentToken, new(m with { ClientName = "renamed" }), Secret, rotated);
        Assert.Equal(ClientOperationStatus.Ok, updated.Status);
        await fixture.DeactivateAllAsync();
        var reread = await grain.Read(rotated);
        Assert.Equal(("renamed", client.CreatedAt), (reread.Client!.Metadata.ClientName, reread.Client.CreatedAt));
    }

    [Fact]
    public async Task A_tenant_stored_by_version_1_keeps_its_signing_key_and_client_count()
    {
        var stored = Document("tenant-v1.json");
        fixture.Storage.Put("tenant", GrainId.Create("tenant", "stored"), stored);
        using var json = JsonDocument.Parse(stored);
        var storedKey = json.RootElement.GetProperty("SigningKeys")[0];

        var snapshot = await fixture.Grains.GetGrain<ITenantGrain>("stored").GetSnapshot();

        var key = snapshot!.SigningKeys.Single(k => k.KeyId == "P7BzrcMqSzI24rq9Zfd01Dun43anlUxSgKAS-ynK0FQ");
        Assert.Equal("RS256", key.Algorithm);
        Assert.Equal(PublicKeyOf(storedKey), key.SubjectPublicKeyInfo);
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T01:15:25.5373851+00:00", System.Globalization.CultureInfo.InvariantCulture), key.ActivatesAt);
        Assert.Equal(42, await fixture.Grains.GetGrain<ITenantGrain>("stored").AddClientCount(0));

        // It had clients before identifiers carried a MAC: it gets a key and keeps accepting theirs.
        Assert.Equal(32, snapshot.IdentifierKey.Length);
        Assert.True(snapshot.AcceptsLegacyIdentifiers);
        await fixture.DeactivateAllAsync();
        var again = (await fixture.Grains.GetGrain<ITenantGrain>("stored").GetSnapshot())!;
        Assert.Equal(snapshot.IdentifierKey, again.IdentifierKey);
        Assert.True(again.AcceptsLegacyIdentifiers);
    }

    [Fact]
    public async Task A_tenant_stored_by_version_2_keeps_its_identifier_key_and_its_legacy_flag()
    {
        var stored = Document("tenant-v2.json");
        fixture.Storage.Put("tenant", GrainId.Create("tenant", "stored-v2"), stored);
        using var json = JsonDocument.Parse(stored);

        var snapshot = (await fixture.Grains.GetGrain<ITenantGrain>("stored-v2").GetSnapshot())!;

        Assert.Equal(Convert.FromBase64String("na5U/zKZEonXM4xMf/wjQxoWLLbfHRkzwcfh2yWTS54="), snapshot.IdentifierKey);
        Assert.True(snapshot.AcceptsLegacyIdentifiers);
        var key = snapshot.SigningKeys.Single(k => k.KeyId == "P7BzrcMqSzI24rq9Zfd01Dun43anlUxSgKAS-ynK0FQ");
        Assert.Equal(PublicKeyOf(json.RootElement.GetProperty("SigningKeys")[0]), key.SubjectPublicKeyInfo);
        Assert.Equal(40, await fixture.Grains.GetGrain<ITenantGrain>("stored-v2").AddClientCount(0));
        AssertRewrittenProtected(stored, fixture.Storage.Json("tenant", GrainId.Create("tenant", "stored-v2"))!);
    }

    [Fact]
    public async Task A_client_deleted_by_version_2_answers_a_repeated_delete_and_is_unknown_to_everything_else()
    {
        var key = ClientKey.Of("default", "GoldenDeleted" + Guid.NewGuid().ToString("N")[..10]);
        var stored = Document("client-v2-deleted.json");
        fixture.Storage.Put("client", GrainId.Create("client", key), stored);
        var grain = fixture.Grains.GetGrain<IClientGrain>(key);

        Assert.Equal(ClientOperationStatus.Ok, (await grain.Delete(DeletingToken)).Status);
        Assert.Equal(ClientOperationStatus.Unauthorized, (await grain.Delete(CurrentToken)).Status);
        Assert.Equal(ClientOperationStatus.Unauthorized, (await grain.Read(DeletingToken)).Status);
        Assert.Equal(ClientOperationStatus.Unauthorized, (await grain.Update(DeletingToken, new(new() { GrantTypes = ["client_credentials"] }), null, Secrets.NewSecret())).Status);
        Assert.False((await grain.Authenticate(Secret)).Authenticated);
        Assert.Equal(ClientOperationStatus.Conflict, (await grain.Register(new(new() { GrantTypes = ["client_credentials"] }), Secret, DeletingToken)).Status);
        Assert.Equal(stored, fixture.Storage.Json("client", GrainId.Create("client", key)));
    }

    [Fact]
    public async Task Rewritten_today_a_client_and_a_tenant_keep_the_member_names_of_version_1_and_gain_those_of_version_2()
    {
        var key = ClientKey.Of("default", "GoldenClient" + Guid.NewGuid().ToString("N")[..10]);
        fixture.Storage.Put("client", GrainId.Create("client", key), Document("client-v1.json"));
        fixture.Storage.Put("tenant", GrainId.Create("tenant", "rewritten"), Document("tenant-v1.json"));
        var read = await fixture.Grains.GetGrain<IClientGrain>(key).Read(CurrentToken);
        Assert.Equal(ClientOperationStatus.Ok, (await fixture.Grains.GetGrain<IClientGrain>(key).Update(CurrentToken, new(read.Client!.Metadata), null, Secrets.NewSecret())).Status);
        Assert.Equal(43, await fixture.Grains.GetGrain<ITenantGrain>("rewritten").AddClientCount(1));

        using var client = JsonDocument.Parse(fixture.Storage.Json("client", GrainId.Create("client", key))!);
        using var goldenClient = JsonDocument.Parse(Document("client-v1.json"));
        using var tenant = JsonDocument.Parse(fixture.Storage.Json("tenant", GrainId.Create("tenant", "rewritten"))!);
        using var goldenTenant = JsonDocument.Parse(Document("tenant-v1.json"));

        Assert.Equal([.. Names(goldenClient.RootElement), "SchemaVersion"], Names(client.RootElement));
        Assert.Equal(Names(goldenClient.RootElement.GetProperty("Metadata")), Names(client.RootElement.GetProperty("Metadata")));
        Assert.Equal((5, 3), (client.RootElement.GetProperty("SchemaVersion").GetInt32(), client.RootElement.GetProperty("Version").GetInt32()));
        Assert.Equal([.. Names(goldenTenant.RootElement), "SchemaVersion", "IdentifierKey", "AcceptsLegacyIdentifiers"], Names(tenant.RootElement));
        // Version 5 stores the private key protected only, with the public key and the key's activation.
        Assert.Equal(["KeyId", "Algorithm", "CreatedAt", "ProtectedPrivateKey", "PublicKey", "ActivatesAt"], Names(tenant.RootElement.GetProperty("SigningKeys")[0]));
        Assert.Equal(5, tenant.RootElement.GetProperty("SchemaVersion").GetInt32());
    }

    [Fact]
    public async Task A_client_stored_by_version_3_is_disabled_and_indexed_and_comes_back_when_enabled()
    {
        var tenant = "golden" + Guid.NewGuid().ToString("N")[..10];
        var key = ClientKey.Of(tenant, "x3mYq0GkS8a1b2c3d4e5f6g7h8i9j0kL");
        var stored = Document("client-v3.json");
        fixture.Storage.Put("client", GrainId.Create("client", key), stored);
        var grain = fixture.Grains.GetGrain<IClientGrain>(key);

        var described = (await grain.Describe())!;

        Assert.Equal(("x3mYq0GkS8a1b2c3d4e5f6g7h8i9j0kL", "Billing service", "billing"), (described.ClientId, described.Metadata.ClientName, described.Metadata.SoftwareId));
        Assert.Equal(["client_credentials", "authorization_code"], described.Metadata.GrantTypes);
        Assert.Equal("Service de facturation", described.Metadata.Localized["client_name#fr"]);
        Assert.Equal(At("2026-11-30T07:44:57.601372+00:00"), described.CreatedAt);
        Assert.Equal(At("2026-11-30T07:44:57.601372+00:00"), described.UpdatedAt);
        Assert.Equal(At("2026-11-30T07:44:57.8964716+00:00"), described.LastUsedAt);
        Assert.Equal(At("2026-11-30T07:44:58.0087934+00:00"), described.DisabledAt);
        Assert.False((await grain.Authenticate(Secret)).Authenticated);
        Assert.Equal(ClientOperationStatus.Unauthorized, (await grain.Read(FirstToken)).Status);
        Assert.Equal(stored, fixture.Storage.Json("client", GrainId.Create("client", key)));

        Assert.Equal(ClientAdminStatus.Ok, await grain.SetDisabled(false));

        Assert.True((await grain.Authenticate(Secret)).Authenticated);
        Assert.Equal(ClientOperationStatus.Ok, (await grain.Read(FirstToken)).Status);
        var entry = Assert.Single(await fixture.Grains.GetGrain<IClientIndexGrain>(ClientIndexKey.ForSequence(tenant, 2049)).List(long.MaxValue, 10, null, null));
        Assert.Equal(new ClientIndexEntry(2049, "x3mYq0GkS8a1b2c3d4e5f6g7h8i9j0kL", "Billing service", "billing", At("2026-11-30T07:44:57.601372+00:00"), false), entry with { LastActiveAt = null });

        // The enable counts as activity (the idle sweep does not disable the client again at once).
        Assert.True(entry.LastActiveAt > At("2026-11-30T07:44:57.8964716+00:00"));
        using var rewritten = JsonDocument.Parse(fixture.Storage.Json("client", GrainId.Create("client", key))!);
        using var golden = JsonDocument.Parse(stored);
        Assert.Equal([.. Names(golden.RootElement).Where(n => n != "DisabledAt")], Names(rewritten.RootElement));
        Assert.Equal((5, 3, 2049), (rewritten.RootElement.GetProperty("SchemaVersion").GetInt32(), rewritten.RootElement.GetProperty("Version").GetInt32(), rewritten.RootElement.GetProperty("IndexSequence").GetInt64()));
    }

    [Fact]
    public async Task A_client_stored_by_version_1_is_described_disabled_and_deleted_by_an_operator_without_an_index()
    {
        var tenant = "golden" + Guid.NewGuid().ToString("N")[..10];
        var key = ClientKey.Of(tenant, "GoldenClient" + Guid.NewGuid().ToString("N")[..10]);
        fixture.Storage.Put("client", GrainId.Create("client", key), Document("client-v1.json"));
        var grain = fixture.Grains.GetGrain<IClientGrain>(key);

        var described = (await grain.Describe())!;
        Assert.Equal(("Billing service", null), (described.Metadata.ClientName, described.DisabledAt));
        Assert.Equal(At("2026-11-30T01:15:24.8237239+00:00"), described.LastUsedAt);
        Assert.Equal(ClientAdminStatus.Ok, await grain.SetDisabled(true));
        Assert.False((await grain.Authenticate(Secret)).Authenticated);
        Assert.Equal(ClientAdminStatus.Ok, await grain.AdminDelete());

        Assert.Null(await grain.Describe());
        Assert.Equal(0, fixture.Storage.WritesOf(GrainId.Create(RegistryGrainTypes.ClientIndex, ClientIndexKey.Of(tenant, 0))));
        Assert.DoesNotContain("IndexSequence", fixture.Storage.Json("client", GrainId.Create("client", key)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_index_page_stored_by_version_1_lists_its_entries_and_keeps_its_member_names()
    {
        var tenant = "golden" + Guid.NewGuid().ToString("N")[..10];
        var id = GrainId.Create(RegistryGrainTypes.ClientIndex, ClientIndexKey.ForSequence(tenant, 2049));
        var stored = Document("client-index-v1.json");
        fixture.Storage.Put(RegistryGrainTypes.ClientIndex, id, stored);
        var page = fixture.Grains.GetGrain<IClientIndexGrain>(ClientIndexKey.ForSequence(tenant, 2049));

        var listed = await page.List(long.MaxValue, 10, null, null);

        Assert.Equal(
            [
                new ClientIndexEntry(2051, "p9TnW2vXy4zA6bC8dE0fG2hI4jK6lM8n", "Reporting", null, At("2026-11-30T07:44:58.1198429+00:00"), false),
                new ClientIndexEntry(2049, "x3mYq0GkS8a1b2c3d4e5f6g7h8i9j0kL", "Billing service", "billing", At("2026-11-30T07:44:57.601372+00:00"), true),
            ],
            listed);
        await page.Add(listed[1]);
        Assert.Equal(stored, fixture.Storage.Json(RegistryGrainTypes.ClientIndex, id));

        await page.Remove(2051);

        using var rewritten = JsonDocument.Parse(fixture.Storage.Json(RegistryGrainTypes.ClientIndex, id)!);
        using var golden = JsonDocument.Parse(stored);
        Assert.Equal(Names(golden.RootElement), Names(rewritten.RootElement));
        Assert.Equal(ClientIndexPageState.CurrentSchemaVersion, rewritten.RootElement.GetProperty("SchemaVersion").GetInt32());
        var entry = Assert.Single(rewritten.RootElement.GetProperty("Entries").EnumerateArray());
        Assert.Equal(Names(golden.RootElement.GetProperty("Entries")[0]), Names(entry));
    }

    [Fact]
    public async Task A_client_index_page_stored_by_version_2_names_its_idle_candidates_and_keeps_its_member_names()
    {
        var tenant = "golden" + Guid.NewGuid().ToString("N")[..10];
        var id = GrainId.Create(RegistryGrainTypes.ClientIndex, ClientIndexKey.ForSequence(tenant, 4097));
        var stored = Document("client-index-v2.json");
        fixture.Storage.Put(RegistryGrainTypes.ClientIndex, id, stored);
        var page = fixture.Grains.GetGrain<IClientIndexGrain>(ClientIndexKey.ForSequence(tenant, 4097));

        var listed = await page.List(long.MaxValue, 10, null, null);

        Assert.Equal(
            [
                new ClientIndexEntry(4099, "operatorDisabled0000000000000000", "Ops", null, At("2026-11-30T08:00:00+00:00"), true, At("2026-12-01T08:00:00+00:00")),
                new ClientIndexEntry(4098, "idleDisabled00000000000000000000", "Idle", "idle", At("2026-11-30T08:00:00+00:00"), true, At("2026-11-30T09:00:00+00:00"), At("2026-12-02T09:30:00+00:00")),
                new ClientIndexEntry(4097, "active00000000000000000000000000", "Active", null, At("2026-11-30T08:00:00+00:00"), false, At("2026-12-03T10:15:00+00:00")),
                new ClientIndexEntry(4096, "legacy00000000000000000000000000", "Legacy", null, At("2026-11-30T08:00:00+00:00"), false),
            ],
            listed);

        // Enabled and last active (or, without an activity, created) by then; disabled by the sweep by then.
        Assert.Equal(["legacy00000000000000000000000000"], (await page.IdleCandidates(At("2026-12-01T00:00:00+00:00"), null)).Select(e => e.ClientId));
        Assert.Equal(
            ["active00000000000000000000000000", "legacy00000000000000000000000000"],
            (await page.IdleCandidates(At("2026-12-04T00:00:00+00:00"), At("2026-12-02T09:00:00+00:00"))).Select(e => e.ClientId).Order(StringComparer.Ordinal));
        Assert.Equal(["idleDisabled00000000000000000000"], (await page.IdleCandidates(null, At("2026-12-02T09:30:00+00:00"))).Select(e => e.ClientId));
        Assert.Empty(await page.IdleCandidates(null, null));

        await page.Add(listed[0]);
        Assert.Equal(stored, fixture.Storage.Json(RegistryGrainTypes.ClientIndex, id));
        await page.Remove(4096);

        using var rewritten = JsonDocument.Parse(fixture.Storage.Json(RegistryGrainTypes.ClientIndex, id)!);
        using var golden = JsonDocument.Parse(stored);
        Assert.Equal(Names(golden.RootElement), Names(rewritten.RootElement));
        Assert.Equal(2, rewritten.RootElement.GetProperty("SchemaVersion").GetInt32());
        var entries = rewritten.RootElement.GetProperty("Entries");
        Assert.Equal(3, entries.GetArrayLength());
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Names(golden.RootElement.GetProperty("Entries")[i + 1]), Names(entries[i]));
            Assert.Equal(golden.RootElement.GetProperty("Entries")[i + 1].GetRawText(), entries[i].GetRawText());
        }
    }

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_runtime_tenant_stored_by_version_3_serves_its_definition_keys_and_sequence()
    {
        var stored = Document("tenant-v3.json");
        fixture.Storage.Put("tenant", GrainId.Create("tenant", "golden-runtime"), stored);
        using var json = JsonDocument.Parse(stored);
        var grain = fixture.Grains.GetGrain<ITenantGrain>("golden-runtime");

        var snapshot = (await grain.GetSnapshot())!;

        Assert.Equal(("golden-runtime", "runtime-admin", 600), (snapshot.Name, snapshot.AdminClientId, snapshot.AdminTokenLifetimeSeconds));
        Assert.Equal(["orders.read", "orders.write"], snapshot.Policy.AllowedScopes);
        Assert.Equal("orders.read", snapshot.Policy.DefaultScope);
        Assert.Equal(["client_credentials"], snapshot.Policy.DefaultGrantTypes);
        Assert.Equal((1800, 60, 86_400), (snapshot.Policy.DefaultTokenLifetimeSeconds, snapshot.Policy.MinTokenLifetimeSeconds, snapshot.Policy.MaxTokenLifetimeSeconds));
        Assert.False(snapshot.Policy.AllowLocalUrls);
        Assert.Equal((RegistrationMode.InitialAccessToken, DisallowedHandling.Narrow), (snapshot.Policy.Mode, snapshot.Policy.OnDisallowed));
        Assert.Equal(["client_credentials"], snapshot.Policy.AllowedGrantTypes);
        Assert.Equal([], snapshot.Policy.AllowedResponseTypes!);
        Assert.Equal(["client_secret_basic", "private_key_jwt"], snapshot.Policy.AllowedAuthMethods);
        Assert.Equal(["app.example", "*.example.com"], snapshot.Policy.RedirectUriHosts);
        Assert.Equal((0, 86_400), (snapshot.Policy.AllowedResources.Count, snapshot.Policy.RemoveUnusedOpenClientsAfterSeconds));
        var t = snapshot.Throttles;
        Assert.Equal((100L, 10.0, 100, 20.0, 7), (t.MaxClients, t.RegistrationsPerSecond, t.RegistrationBurst, t.TokenRequestsPerSecond, t.TokenBurst));
        Assert.Equal((5, 20, 1, 900), (t.ClientFailuresBeforeBackoff, t.AddressFailuresBeforeBackoff, t.BackoffSeconds, t.MaxBackoffSeconds));
        var key = snapshot.SigningKeys.Single(k => k.KeyId == "aCwHc82yhEAJe-eRu4Kvk0Q7lzCoKviKc5Q9tsGrT5E");
        Assert.Equal("ES256", key.Algorithm);
        Assert.Equal(PublicKeyOf(json.RootElement.GetProperty("SigningKeys")[0]), key.SubjectPublicKeyInfo);
        Assert.Equal(Convert.FromBase64String("X1rdojl/p02mkeUTCe/voy9ND/dekTNRu/caqHAIJ68="), snapshot.IdentifierKey);
        Assert.False(snapshot.AcceptsLegacyIdentifiers);
        Assert.True((await grain.AuthenticateAdmin("runtime-admin", "runtime-admin-secret")).IsGranted);
        var description = (await grain.Describe())!;
        Assert.False(description.Configured);
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T07:36:42.786331+00:00", System.Globalization.CultureInfo.InvariantCulture), description.CreatedAt);
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T07:36:43.0442439+00:00", System.Globalization.CultureInfo.InvariantCulture), description.UpdatedAt);

        // A new activation starts above the stored ceiling; the incarnation began at 1024.
        Assert.Equal(new ClientSequenceRange(1024, 2048), await grain.ClientSequenceRange());
        Assert.Equal(2, await grain.AddClientCount(0));
        AssertRewrittenProtected(stored, fixture.Storage.Json("tenant", GrainId.Create("tenant", "golden-runtime"))!);

        // The policy members of the registration modes are stored under these names.
        var policy = JsonSerializer.Deserialize<Registry.Grains.Tenants.TenantState>(stored)!.Definition!.Policy;
        Assert.Equal(("initial_access_token", "narrow"), (policy.Mode, policy.OnDisallowed));
        Assert.Equal(["client_credentials"], policy.AllowedGrantTypes!);
        Assert.Empty(policy.AllowedResponseTypes!);
        Assert.Equal(["client_secret_basic", "private_key_jwt"], policy.AllowedAuthMethods!);
        Assert.Equal(["app.example", "*.example.com"], policy.RedirectUriHosts!);
    }

    [Fact]
    public async Task A_runtime_tenant_stored_by_version_4_serves_its_resources_and_open_client_removal()
    {
        var stored = Document("tenant-v4.json");
        fixture.Storage.Put("tenant", GrainId.Create("tenant", "golden-runtime-v4"), stored);
        using var json = JsonDocument.Parse(stored);
        var grain = fixture.Grains.GetGrain<ITenantGrain>("golden-runtime-v4");

        var snapshot = (await grain.GetSnapshot())!;

        Assert.Equal(["https://api.example/orders", "https://api.example/mcp"], snapshot.Policy.AllowedResources);
        Assert.Equal(3600, snapshot.Policy.RemoveUnusedOpenClientsAfterSeconds);
        Assert.Equal(RegistrationMode.Open, snapshot.Policy.Mode);
        Assert.True(snapshot.Policy.AllowsAuthMethod(AuthMethods.None));
        Assert.True(snapshot.Policy.AllowsResource("https://api.example/mcp"));
        Assert.Equal(["orders.read", "orders.write"], snapshot.Policy.AllowedScopes);
        Assert.Contains(snapshot.SigningKeys, k => k.KeyId == "aCwHc82yhEAJe-eRu4Kvk0Q7lzCoKviKc5Q9tsGrT5E");
        Assert.True((await grain.AuthenticateAdmin("runtime-admin", "runtime-admin-secret")).IsGranted);

        // Rewritten at once with its key protected (version 5): no clear private key stays in the store; the silo signs with it.
        var rewritten = fixture.Storage.Json("tenant", GrainId.Create("tenant", "golden-runtime-v4"))!;
        AssertRewrittenProtected(stored, rewritten);
        var input = System.Text.Encoding.ASCII.GetBytes("eyJhbGciOiJFUzI1NiJ9.e30");
        var signature = await fixture.Grains.GetGrain<ITokenSignerGrain>("golden-runtime-v4").Sign("aCwHc82yhEAJe-eRu4Kvk0Q7lzCoKviKc5Q9tsGrT5E", input);
        using var ec = System.Security.Cryptography.ECDsa.Create();
        ec.ImportSubjectPublicKeyInfo(PublicKeyOf(json.RootElement.GetProperty("SigningKeys")[0]), out _);
        Assert.True(ec.VerifyData(input, signature, System.Security.Cryptography.HashAlgorithmName.SHA256));
        Assert.Empty(await fixture.Grains.GetGrain<ITokenSignerGrain>("golden-runtime-v4").Sign("not-a-key-of-this-tenant", input));

        // Today's policy is stored exactly so; with the defaults, neither new member is written (the members of version 3).
        var policy = json.RootElement.GetProperty("Definition").GetProperty("Policy");
        Assert.Equal(policy.GetRawText(), JsonSerializer.Serialize(Registry.Grains.Tenants.StoredRegistrationPolicy.From(snapshot.Policy)));
        using var defaults = JsonDocument.Parse(JsonSerializer.Serialize(Registry.Grains.Tenants.StoredRegistrationPolicy.From(snapshot.Policy with
        {
            AllowedResources = [],
            RemoveUnusedOpenClientsAfterSeconds = 86_400,
        })));
        using var version3 = JsonDocument.Parse(Document("tenant-v3.json"));
        Assert.Equal(Names(version3.RootElement.GetProperty("Definition").GetProperty("Policy")), Names(defaults.RootElement));
        Assert.Equal(([], 86_400), (StoredRegistrationPolicyOf(defaults).ToPolicy(false).AllowedResources, StoredRegistrationPolicyOf(defaults).ToPolicy(false).RemoveUnusedOpenClientsAfterSeconds));
        var never = Registry.Grains.Tenants.StoredRegistrationPolicy.From(snapshot.Policy with { RemoveUnusedOpenClientsAfterSeconds = 0 });
        Assert.Equal(0, never.ToPolicy(false).RemoveUnusedOpenClientsAfterSeconds);
    }

    [Fact]
    public async Task A_public_client_stored_by_version_4_authenticates_without_a_secret_and_stays_authorized()
    {
        var tenant = "golden" + Guid.NewGuid().ToString("N")[..10];
        var key = ClientKey.Of(tenant, "x3mYq0GkS8a1b2c3d4e5f6g7h8i9j0kL");
        var id = GrainId.Create("client", key);
        var stored = Document("client-v4.json");
        fixture.Storage.Put("client", id, stored);
        var grain = fixture.Grains.GetGrain<IClientGrain>(key);

        var described = (await grain.Describe())!;
        var read = await grain.Read(FirstToken);

        Assert.Equal((AuthMethods.None, "Billing service"), (described.Metadata.TokenEndpointAuthMethod, described.Metadata.ClientName));
        Assert.Equal(["authorization_code", "refresh_token"], described.Metadata.GrantTypes);
        Assert.Equal(ClientOperationStatus.Ok, read.Status);
        Assert.Null(read.Client!.ClientSecret);

        // Authorized already: neither marked again nor scheduled for removal.
        await grain.MarkAuthorized();
        await grain.RemoveIfUnused(TimeSpan.FromSeconds(1));
        Assert.Equal(stored, fixture.Storage.Json("client", id));

        var check = await grain.Authenticate("");
        Assert.True(check.Authenticated);
        Assert.Equal(AuthMethods.None, check.AuthMethod);
        Assert.False((await grain.Authenticate(Secret)).Authenticated);

        Assert.Equal(ClientAdminStatus.Ok, await grain.SetDisabled(true));
        Assert.Equal(ClientAdminStatus.Ok, await grain.SetDisabled(false));
        using var rewritten = JsonDocument.Parse(fixture.Storage.Json("client", id)!);
        using var golden = JsonDocument.Parse(stored);
        Assert.Equal(Names(golden.RootElement), Names(rewritten.RootElement));
        Assert.Equal(golden.RootElement.GetProperty("AuthorizedAt").GetString(), rewritten.RootElement.GetProperty("AuthorizedAt").GetString());
        Assert.Equal(golden.RootElement.GetProperty("RemoveIfUnusedAt").GetString(), rewritten.RootElement.GetProperty("RemoveIfUnusedAt").GetString());
        Assert.Equal(("", 5, 3), (rewritten.RootElement.GetProperty("SecretHash").GetString(), rewritten.RootElement.GetProperty("SchemaVersion").GetInt32(), rewritten.RootElement.GetProperty("Version").GetInt32()));
    }

    [Fact]
    public async Task A_client_stored_by_version_5_keeps_its_secret_expiry_and_its_previous_secret_for_the_overlap()
    {
        const string previousSecret = "golden-previous-secret-0123456789abcdefghijk";
        var tenant = "golden" + Guid.NewGuid().ToString("N")[..10];
        var key = ClientKey.Of(tenant, "x3mYq0GkS8a1b2c3d4e5f6g7h8i9j0kL");
        var id = GrainId.Create("client", key);
        var stored = Document("client-v5.json");
        fixture.Storage.Put("client", id, stored);
        var grain = fixture.Grains.GetGrain<IClientGrain>(key);

        var described = (await grain.Describe())!;

        Assert.Equal((2111111111L, At("2026-12-01T08:00:00+00:00")), (described.SecretExpiresAt, described.DisabledAt));
        Assert.Equal((AuthMethods.ClientSecretBasic, "Billing service"), (described.Metadata.TokenEndpointAuthMethod, described.Metadata.ClientName));
        Assert.False((await grain.Authenticate(Secret)).Authenticated);
        Assert.Equal(stored, fixture.Storage.Json("client", id));

        Assert.Equal(ClientAdminStatus.Ok, await grain.SetDisabled(false));

        // Enabled: the current secret and, until 2036, the one a rotation replaced.
        Assert.True((await grain.Authenticate(Secret)).Authenticated);
        Assert.True((await grain.Authenticate(previousSecret)).Authenticated);
        Assert.False((await grain.Authenticate(Secrets.NewSecret())).Authenticated);
        Assert.Equal(2111111111L, (await grain.Read(FirstToken)).Client!.ClientSecretExpiresAt);
        using var rewritten = JsonDocument.Parse(fixture.Storage.Json("client", id)!);
        using var golden = JsonDocument.Parse(stored);
        string[] enabling = ["DisabledAt", "DisabledReason"];
        Assert.Equal([.. Names(golden.RootElement).Where(n => !enabling.Contains(n))], [.. Names(rewritten.RootElement).Where(n => !enabling.Contains(n))]);
        foreach (var member in new[] { "SecretHash", "PreviousSecretHash", "PreviousSecretExpiresAt", "RegistrationTokenHash" })
        {
            Assert.Equal(golden.RootElement.GetProperty(member).GetString(), rewritten.RootElement.GetProperty(member).GetString());
        }

        Assert.Equal((2111111111L, 5, 4), (rewritten.RootElement.GetProperty("SecretExpiresAt").GetInt64(), rewritten.RootElement.GetProperty("SchemaVersion").GetInt32(), rewritten.RootElement.GetProperty("Version").GetInt32()));
    }

    [Fact]
    public async Task A_refresh_token_family_stored_by_version_1_rotates_and_keeps_its_member_names()
    {
        const string previous = "golden-refresh-token-previous-0123456789abcdef";
        const string current = "golden-refresh-token-current-0123456789abcdefg";
        var key = AuthorizationKeys.Family("golden", Secrets.NewTokenId());
        var id = GrainId.Create(RegistryGrainTypes.RefreshFamily, key);
        var stored = Document("refresh-family-v1.json");
        fixture.Storage.Put("refresh-family", id, stored);
        var family = fixture.Grains.GetGrain<IRefreshTokenFamilyGrain>(key);

        // The rotation that made the current token, repeated: answered from the stored document, nothing written.
        var retry = await family.Rotate("golden-client", previous, current);

        Assert.Equal((RefreshRotationStatus.Rotated, At("2036-11-30T00:00:00+00:00")), (retry.Status, retry.ExpiresAt));
        var grant = retry.Grant!;
        Assert.Equal(("golden-client", "https://app.example/cb", "openid orders.read"), (grant.ClientId, grant.RedirectUri, grant.Scope));
        Assert.Equal(Registry.Protocol.Authorization.Pkce.ChallengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), grant.CodeChallenge);
        Assert.Equal(["https://api.example/orders"], grant.Resources);
        Assert.Equal(("user-1", "https://idp.example", At("2026-11-30T10:00:00+00:00")), (grant.Subject, grant.IdentityProvider, grant.AuthTime));
        Assert.Equal(stored, fixture.Storage.Json("refresh-family", id));

        Assert.Equal(RefreshRotationStatus.Rotated, (await family.Rotate("golden-client", current, Secrets.NewSecret())).Status);
        using var rewritten = JsonDocument.Parse(fixture.Storage.Json("refresh-family", id)!);
        using var golden = JsonDocument.Parse(stored);
        Assert.Equal(Names(golden.RootElement), Names(rewritten.RootElement));
        Assert.Equal(Names(golden.RootElement.GetProperty("Grant")), Names(rewritten.RootElement.GetProperty("Grant")));
        Assert.Equal((1, 2), (rewritten.RootElement.GetProperty("SchemaVersion").GetInt32(), rewritten.RootElement.GetProperty("Rotations").GetInt32()));
        Assert.Equal(golden.RootElement.GetProperty("CurrentHash").GetString(), rewritten.RootElement.GetProperty("PreviousHash").GetString());
    }

    [Fact]
    public async Task Consents_stored_by_version_1_are_found_widened_and_keep_their_member_names()
    {
        var key = AuthorizationKeys.Consent("golden", "golden user " + Guid.NewGuid().ToString("N"));
        var id = GrainId.Create(RegistryGrainTypes.Consent, key);
        var stored = Document("consent-v1.json");
        fixture.Storage.Put("consent", id, stored);
        var consent = fixture.Grains.GetGrain<IConsentGrain>(key);

        var found = (await consent.Find("golden-client"))!;

        Assert.Equal(("golden user", "golden-client"), (found.Subject, found.ClientId));
        Assert.Equal(["openid", "orders.read"], found.Scopes);
        Assert.Equal(["https://api.example/orders"], found.Resources);
        Assert.Equal((At("2026-11-30T10:00:02.1234567+00:00"), At("2026-11-30T10:05:02.1234567+00:00")), (found.GrantedAt, found.UpdatedAt));
        await consent.Grant("golden user", "golden-client", ["openid"], []);
        Assert.Equal(stored, fixture.Storage.Json("consent", id));

        await consent.Grant("golden user", "golden-client", ["email"], []);

        using var rewritten = JsonDocument.Parse(fixture.Storage.Json("consent", id)!);
        using var golden = JsonDocument.Parse(stored);
        Assert.Equal(Names(golden.RootElement), Names(rewritten.RootElement));
        Assert.Equal(Names(golden.RootElement.GetProperty("Clients")[0]), Names(rewritten.RootElement.GetProperty("Clients")[0]));
        Assert.Equal(["openid", "orders.read", "email"], (await consent.Find("golden-client"))!.Scopes);
    }

    private static Registry.Grains.Tenants.StoredRegistrationPolicy StoredRegistrationPolicyOf(JsonDocument document) =>
        document.RootElement.Deserialize<Registry.Grains.Tenants.StoredRegistrationPolicy>()!;

    [Fact]
    public async Task A_runtime_tenant_deleted_by_version_3_is_gone_and_created_again_after_its_sequence()
    {
        var stored = Document("tenant-v3-deleted.json");
        fixture.Storage.Put("tenant", GrainId.Create("tenant", "golden-deleted"), stored);
        var grain = fixture.Grains.GetGrain<ITenantGrain>("golden-deleted");

        Assert.Null(await grain.GetSnapshot());
        Assert.Null(await grain.Describe());
        Assert.Equal(TenantChangeStatus.NotFound, await grain.Update(Tenants.RuntimeTenantTests.Definition()));
        Assert.Equal(stored, fixture.Storage.Json("tenant", GrainId.Create("tenant", "golden-deleted")));

        Assert.Equal(TenantChangeStatus.Ok, await grain.Create(Tenants.RuntimeTenantTests.Definition()));
        Assert.Equal(new ClientSequenceRange(2048, 2048), await grain.ClientSequenceRange());
        Assert.Equal(2048, (await grain.ReserveClientSlot()).Sequence);
        Assert.Equal(TenantChangeStatus.Ok, await grain.Delete());
    }

    [Fact]
    public async Task The_tenant_index_stored_by_version_1_lists_its_names_and_keeps_its_version()
    {
        var id = GrainId.Create("tenant-index", ITenantIndexGrain.Key);
        await fixture.DeactivateAllAsync();
        var before = fixture.Storage.Json("tenant-index", id);
        fixture.Storage.Put("tenant-index", id, Document("tenant-index-v1.json"));
        try
        {
            var index = fixture.Grains.GetGrain<ITenantIndexGrain>(ITenantIndexGrain.Key);

            var page = await index.List("golden-index", 2);

            Assert.Equal([new("golden-index-a", false), new TenantIndexEntry("golden-index-b", false)], page.Tenants);
            Assert.True(page.More);
            var observer = fixture.Grains.CreateObjectReference<ITenantChangeObserver>(new NoObserver());
            Assert.Equal(7, await index.Subscribe(observer));
            await index.Unsubscribe(observer);
            fixture.Grains.DeleteObjectReference<ITenantChangeObserver>(observer);
        }
        finally
        {
            await fixture.DeactivateAllAsync();
            if (before is not null)
            {
                fixture.Storage.Put("tenant-index", id, before);
            }
        }
    }

    [Fact]
    public async Task Initial_access_tokens_stored_by_version_1_are_checked_and_listed()
    {
        var stored = Document("initial-access-tokens-v1.json");
        fixture.Storage.Put("initial-access-tokens", GrainId.Create("initial-access-tokens", "golden-iat"), stored);
        var grain = fixture.Grains.GetGrain<IInitialAccessTokensGrain>("golden-iat");

        var listed = (await grain.List()).OrderBy(t => t.Id, StringComparer.Ordinal).ToArray();

        var expires = DateTimeOffset.Parse("2036-11-30T00:00:00+00:00", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(("golden-iat-1", expires, 5, 1, false), (listed[0].Id, listed[0].ExpiresAt, listed[0].MaxUses, listed[0].Uses, listed[0].Revoked));
        Assert.Equal(["orders.read"], listed[0].AllowedScopes!);
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T07:36:43.3416005+00:00", System.Globalization.CultureInfo.InvariantCulture), listed[0].CreatedAt);
        Assert.Equal(("golden-iat-2", 1, 0, true, (string[]?)null), (listed[1].Id, listed[1].MaxUses, listed[1].Uses, listed[1].Revoked, listed[1].AllowedScopes));
        var check = await grain.Check("golden-iat-1", "golden-initial-access-token-1");
        Assert.Equal(InitialAccessTokenStatus.Valid, check.Status);
        Assert.Equal(["orders.read"], check.AllowedScopes!);
        Assert.Equal(InitialAccessTokenStatus.Revoked, (await grain.Check("golden-iat-2", "golden-initial-access-token-2")).Status);
        Assert.Equal(stored, fixture.Storage.Json("initial-access-tokens", GrainId.Create("initial-access-tokens", "golden-iat")));
    }

    [Fact]
    public async Task The_operator_key_stored_by_version_1_is_served_and_rewritten_protected()
    {
        var stored = Document("operator-v1.json");
        await fixture.DeactivateAllAsync();
        fixture.Storage.Put("operator", GrainId.Create("operator", IOperatorGrain.Key), stored);
        using var json = JsonDocument.Parse(stored);

        var key = Assert.Single(await fixture.Grains.GetGrain<IOperatorGrain>(IOperatorGrain.Key).GetSigningKeys());

        Assert.Equal(("8Z_BQ-86t2j0RtacFzuorZ-4YAsgaUEzrRSro61dH0M", "ES256"), (key.KeyId, key.Algorithm));
        Assert.Equal(json.RootElement.GetProperty("SigningKeys")[0].GetProperty("Pkcs8PrivateKey").GetBytesFromBase64(), key.Pkcs8PrivateKey);
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T07:36:43.4719456+00:00", System.Globalization.CultureInfo.InvariantCulture), key.CreatedAt);
        var rewritten = fixture.Storage.Json("operator", GrainId.Create("operator", IOperatorGrain.Key))!;
        Assert.DoesNotContain("Pkcs8PrivateKey", rewritten, StringComparison.Ordinal);
        Assert.DoesNotContain(json.RootElement.GetProperty("SigningKeys")[0].GetProperty("Pkcs8PrivateKey").GetString()!, rewritten, StringComparison.Ordinal);
        using var again = JsonDocument.Parse(rewritten);
        var storedKey = again.RootElement.GetProperty("SigningKeys")[0];
        Assert.Equal((2, key.KeyId), (again.RootElement.GetProperty("SchemaVersion").GetInt32(), storedKey.GetProperty("KeyId").GetString()));
        Assert.Equal(PublicKeyOf(json.RootElement.GetProperty("SigningKeys")[0]), storedKey.GetProperty("PublicKey").GetBytesFromBase64());

        // Served again from the protected key after a restart.
        await fixture.DeactivateAllAsync();
        Assert.Equal(key.Pkcs8PrivateKey, Assert.Single(await fixture.Grains.GetGrain<IOperatorGrain>(IOperatorGrain.Key).GetSigningKeys()).Pkcs8PrivateKey);
    }

    [Fact]
    public void The_operator_document_of_version_2_holds_a_protected_key_and_its_public_key_and_is_written_back_exactly()
    {
        var stored = Document("operator-v2.json");

        var state = JsonSerializer.Deserialize<Registry.Grains.Operators.OperatorState>(stored)!;

        Assert.Equal(2, state.SchemaVersion);
        var key = Assert.Single(state.SigningKeys);
        Assert.Null(key.Pkcs8PrivateKey);
        Assert.True(key.ProtectedPrivateKey!.Length > 100);
        using var ec = System.Security.Cryptography.ECDsa.Create();
        ec.ImportSubjectPublicKeyInfo(key.PublicKey, out _);
        Assert.Equal(key.KeyId, Registry.Protocol.Security.PublicJwk.FromEc(ec.ExportParameters(false), "ES256").Kid);
        Assert.Equal(stored, JsonSerializer.Serialize(state));
    }

    /// <summary>
    /// Version 5 as written today: the lifecycle policy members, and rotating keys stored protected (a next key
    /// published ahead, the current one, a superseded one). Read without activating the tenant (its schedule depends
    /// on today's date) and written back exactly; its protected keys come from another key ring, so nothing signs here.
    /// </summary>
    [Fact]
    public void A_tenant_stored_by_version_5_reads_its_lifecycle_policy_and_protected_keys_and_writes_them_back_exactly()
    {
        var stored = Document("tenant-v5.json");

        var state = JsonSerializer.Deserialize<Registry.Grains.Tenants.TenantState>(stored)!;

        Assert.Equal(5, state.SchemaVersion);
        Assert.All(state.SigningKeys, k => Assert.Null(k.Pkcs8PrivateKey));
        Assert.All(state.SigningKeys, k => Assert.NotEmpty(k.ProtectedPrivateKey!));
        var keys = Registry.Grains.Tenants.SigningKeySchedule.Describe(state.SigningKeys, TimeSpan.FromDays(1), At("2026-12-01T00:00:00+00:00"));
        Assert.Equal(
            [("lTVJBO7nLBuQS3Cv9u_tG95wKUSWHvzBwL_NcO6ha-Y", "next"), ("cSwF9hUGIIG-GMnISwskFU-75M57Ymn5p3CzEua1i24", "current"), ("M4m-JvpQLDu1Q8FNSqe5w1kXjD9pbES8kIxVxxSGoYU", "previous")],
            keys.Select(k => (k.KeyId, k.Status)));
        Assert.Equal(At("2026-12-01T07:45:00+00:00"), keys[2].RetiresAt);
        var publicKey = Registry.Grains.Tenants.SigningKeyFactory.PublicKeys(state.SigningKeys)[1];
        using var ec = System.Security.Cryptography.ECDsa.Create();
        ec.ImportSubjectPublicKeyInfo(publicKey.SubjectPublicKeyInfo, out _);
        Assert.Equal(publicKey.KeyId, Registry.Protocol.Security.PublicJwk.FromEc(ec.ExportParameters(false), "ES256").Kid);

        var policy = state.Definition!.Policy.ToPolicy(false);
        Assert.Equal((7_776_000, SecretRotation.NearExpiry, 600), (policy.SecretLifetimeSeconds, policy.SecretRotation, policy.SecretOverlapSeconds));
        Assert.Equal((2_592_000, 5_184_000, 172_800), (policy.IdleDisableAfterSeconds, policy.IdleDeleteAfterSeconds, policy.SigningKeyLifetimeSeconds));
        Assert.Equal(stored, JsonSerializer.Serialize(state));
    }

    /// <summary>The public key (SubjectPublicKeyInfo) of a stored key of an older version, from its clear PKCS#8.</summary>
    private static byte[] PublicKeyOf(JsonElement storedKey)
    {
        var pkcs8 = storedKey.GetProperty("Pkcs8PrivateKey").GetBytesFromBase64();
        if (storedKey.GetProperty("Algorithm").GetString() == "ES256")
        {
            using var ec = System.Security.Cryptography.ECDsa.Create();
            ec.ImportPkcs8PrivateKey(pkcs8, out _);
            return ec.ExportSubjectPublicKeyInfo();
        }

        using var rsa = System.Security.Cryptography.RSA.Create();
        rsa.ImportPkcs8PrivateKey(pkcs8, out _);
        return rsa.ExportSubjectPublicKeyInfo();
    }

    /// <summary>
    /// A document of an older version as the grain rewrote it: every member as it was but the schema version and the
    /// keys, which are the same keys with the private key protected (its clear PKCS#8 appears nowhere).
    /// </summary>
    private static void AssertRewrittenProtected(string stored, string rewritten)
    {
        using var before = JsonDocument.Parse(stored);
        using var after = JsonDocument.Parse(rewritten);
        foreach (var member in before.RootElement.EnumerateObject().Where(m => m.Name is not ("SigningKeys" or "SchemaVersion")))
        {
            Assert.Equal(member.Value.GetRawText(), after.RootElement.GetProperty(member.Name).GetRawText());
        }

        Assert.Equal(5, after.RootElement.GetProperty("SchemaVersion").GetInt32());
        var keys = after.RootElement.GetProperty("SigningKeys").EnumerateArray().ToDictionary(k => k.GetProperty("KeyId").GetString()!);
        foreach (var key in before.RootElement.GetProperty("SigningKeys").EnumerateArray())
        {
            var now = keys[key.GetProperty("KeyId").GetString()!];
            Assert.False(now.TryGetProperty("Pkcs8PrivateKey", out _));
            Assert.NotEmpty(now.GetProperty("ProtectedPrivateKey").GetBytesFromBase64());
            Assert.Equal(PublicKeyOf(key), now.GetProperty("PublicKey").GetBytesFromBase64());
            Assert.DoesNotContain(key.GetProperty("Pkcs8PrivateKey").GetString()!, rewritten, StringComparison.Ordinal);
        }
    }

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    private static string Document(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "StoredDocuments", name));

    private sealed class NoObserver : ITenantChangeObserver
    {
        public void TenantChanged(string name, long version)
        {
        }
    }
}
