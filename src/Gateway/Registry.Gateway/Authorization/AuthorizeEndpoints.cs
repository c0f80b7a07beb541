using Registry.Gateway.Http;
using Registry.Gateway.Telemetry;
using Registry.Gateway.Tenancy;
using Registry.Grains.Abstractions;
using Registry.Protocol.Authorization;
using Registry.Protocol.Errors;
using Registry.Protocol.Metadata;
using Registry.Protocol.Security;
using Registry.Protocol.Tokens;

namespace Registry.Gateway.Authorization;

/// <summary>
/// The authorization endpoint (RFC 6749 §4.1) with sign-in federated to the tenant's upstream OpenID Provider and a
/// consent page. GET /authorize checks the client and redirect URI (errors shown to the user), then the request (errors
/// sent to the client), then: no session → sign in upstream; a remembered approval covering the request → a code at
/// once; otherwise the consent page. GET /authorize/callback completes the upstream sign-in, sets the session and
/// replays the original request. POST /authorize/consent takes the user's decision. Nothing is stored until a code is
/// issued: the front channel's state is sealed (<see cref="Sealing"/>) so any gateway can continue what another began.
/// </summary>
internal static partial class AuthorizeEndpoints
{
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);
    private static readonly TimeSpan SignInLifetime = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ConsentLifetime = TimeSpan.FromMinutes(10);
    private const int MaxQueryLength = 8 * 1024;
    private const string SignInPurpose = "signin";
    private const string SessionPurpose = "session";
    private const string ConsentPurpose = "consent";
    private const string CsrfPurpose = "csrf";

    public static void Map(RouteGroupBuilder tenant)
    {
        tenant.MapGet("/authorize", AuthorizeAsync).WithMetadata(new ObservedEndpoint(ObservedEndpoint.Authorize))
            .WithSummary("Authorization endpoint: response_type=code with PKCE S256 (RFC 6749 §4.1, RFC 7636), resource indicators (RFC 8707)")
            .ExcludeFromDescription();
        tenant.MapGet("/authorize/callback", CallbackAsync).WithMetadata(new ObservedEndpoint(ObservedEndpoint.AuthorizeCallback))
            .ExcludeFromDescription();
        tenant.MapPost("/authorize/consent", ConsentAsync).DisableAntiforgery().WithMetadata(new ObservedEndpoint(ObservedEndpoint.Consent))
            .ExcludeFromDescription();
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext http, IGrainFactory grains, GrainCalls calls, Upstreams upstreams, TimeProvider time)
    {
        var tenant = http.Tenant();
        var query = http.Request.QueryString.Value ?? "";
        if (query.Length > MaxQueryLength)
        {
            return Page(StatusCodes.Status400BadRequest, OAuthError.InvalidRequest(ErrorIds.AuthorizeClientInvalid, "the authorization request is too long"));
        }

        var request = AuthorizationRequestParser.Parse(QueryPairs(http.Request.Query));
        var resolved = await ResolveClientAsync(http, tenant, grains, calls, request);
        if (resolved.Page is { } page)
        {
            return page;
        }

        var (client, redirect) = (resolved.Client!, resolved.Redirect!);
        var validated = AuthorizationRequestValidator.Validate(request, client.ClientId, client.Metadata, tenant.Tenant.Policy, redirect);
        if (!validated.IsSuccess)
        {
            return ErrorRedirect(tenant, redirect, request.State, validated.Error, StatusCodes.Status302Found);
        }

        var authorization = validated.Value;
        if (upstreams.Find(tenant) is not { } upstream)
        {
            return ErrorRedirect(tenant, redirect, request.State,
                OAuthError.TemporarilyUnavailable(ErrorIds.AuthorizeSignInUnavailable, "this tenant has no sign-in configured"), StatusCodes.Status302Found);
        }

        var now = time.GetUtcNow();
        var (session, sessionCookie) = ReadSession(http, tenant, upstream, now);
        if (session is null || authorization.Prompt == "login")
        {
            // prompt=login: sign in again; the request replayed after the callback no longer asks for it.
            return authorization.Prompt == "none"
                ? ErrorRedirect(tenant, redirect, request.State, OAuthError.InvalidRequest(ErrorIds.AuthorizeLoginRequired, "the user is not signed in"), StatusCodes.Status302Found, "login_required")
                : await StartSignInAsync(http, tenant, upstream, authorization.Prompt == "login" ? WithoutPrompt(http.Request.Query) : query, now);
        }

        var ticket = new ConsentTicket(client.ClientId, redirect, authorization.State, [.. authorization.Scopes], [.. authorization.Resources],
            authorization.CodeChallenge, session.Subject);

        // RFC 8252 §8.6: a public client answering at a loopback or private-use redirect URI cannot be told from another
        // app on the device claiming its id, so a remembered approval is never reused for it: the user approves each time.
        if (authorization.Prompt != "consent" && !IsImpersonable(client.Metadata, redirect))
        {
            var consents = grains.GetGrain<IConsentGrain>(AuthorizationKeys.Consent(tenant.Name, session.Subject));
            var remembered = await calls.RetryAsync((consents, client.ClientId), c => c.consents.Find(c.ClientId), http.RequestAborted);
            if (remembered is not null && remembered.Covers(ticket.Scopes, ticket.Resources))
            {
                return await IssueCodeAsync(http, tenant, grains, calls, ticket, session, now, StatusCodes.Status302Found);
            }
        }

        if (authorization.Prompt == "none")
        {
            return ErrorRedirect(tenant, redirect, request.State,
                OAuthError.InvalidRequest(ErrorIds.AuthorizeConsentRequired, "the user has not approved this client"), StatusCodes.Status302Found, "consent_required");
        }

        var sealedTicket = tenant.Tenant.Sealing.Seal(ConsentPurpose, ticket, now + ConsentLifetime);
        return AuthorizationPages.Consent(tenant.Issuer + "/authorize/consent", client.Metadata, client.ClientId, new Uri(redirect),
            authorization.Scopes, authorization.Resources, sealedTicket, tenant.Tenant.Sealing.Mac(CsrfPurpose, sessionCookie!));
    }

    private static async Task<IResult> CallbackAsync(HttpContext http, IGrainFactory grains, GrainCalls calls, Upstreams upstreams, TimeProvider time, ILoggerFactory loggers)
    {
        var tenant = http.Tenant();
        var now = time.GetUtcNow();
        var parameters = http.Request.Query;
        var transaction = tenant.Tenant.Sealing.Open<SignInTransaction>(SignInPurpose, parameters["state"].ToString(), now);
        var bindingCookie = SignInCookie(tenant);
        if (transaction is null || !Sealing.FixedTimeEquals(http.Request.Cookies[bindingCookie], transaction.Binding))
        {
            return Page(StatusCodes.Status400BadRequest, OAuthError.InvalidRequest(ErrorIds.AuthorizeTransactionInvalid,
                "this sign-in has expired or was started in another browser; go back to the application and start again"));
        }

        http.Response.Cookies.Delete(bindingCookie, CookieOptions(http, tenant, TimeSpan.Zero));
        if (upstreams.Find(tenant) is not { } upstream)
        {
            return Page(StatusCodes.Status400BadRequest, OAuthError.TemporarilyUnavailable(ErrorIds.AuthorizeSignInUnavailable, "this tenant has no sign-in configured"));
        }

        if (parameters["error"].ToString() is { Length: > 0 })
        {
            // The user cancelled (or the provider refused): the client learns access_denied, if it can be told.
            var request = AuthorizationRequestParser.Parse(QueryPairs(QueryHelpers(transaction.Query)));
            var resolved = await ResolveClientAsync(http, tenant, grains, calls, request);
            return resolved.Page ?? ErrorRedirect(tenant, resolved.Redirect!, request.State,
                OAuthError.AccessDenied(ErrorIds.AuthorizeUpstreamError, "the user did not sign in"), StatusCodes.Status302Found);
        }

        var code = parameters["code"].ToString();
        var (identity, problem) = code.Length is 0 or > AuthorizationRequestParser.MaxParameterLength
            ? (null, "the provider's answer has no code")
            : await upstream.RedeemAsync(code, CallbackUri(tenant), transaction.Verifier, transaction.Nonce, NullIfEmpty(parameters["iss"].ToString()), http.RequestAborted);
        if (identity is null)
        {
            LogUpstreamFailed(loggers.CreateLogger(typeof(AuthorizeEndpoints).FullName!), tenant.Name, problem ?? "unknown");
            return Page(StatusCodes.Status502BadGateway, OAuthError.ServerError(ErrorIds.AuthorizeUpstreamFailed,
                "signing in at the identity provider did not succeed; go back to the application and try again"));
        }

        var session = new UserSession(identity.Subject, identity.Issuer, identity.AuthTime.ToUnixTimeSeconds());
        http.Response.Cookies.Append(SessionCookie(tenant), tenant.Tenant.Sealing.Seal(SessionPurpose, session, now + SessionLifetime),
            CookieOptions(http, tenant, SessionLifetime));
        return new FrontChannelRedirect(tenant.Issuer + "/authorize" + transaction.Query, StatusCodes.Status303SeeOther);
    }

    private static async Task<IResult> ConsentAsync(HttpContext http, IGrainFactory grains, GrainCalls calls, Upstreams upstreams, TimeProvider time)
    {
        var tenant = http.Tenant();
        var now = time.GetUtcNow();
        if (RequestBody.CheckMediaType(http.Request, RequestBody.Form) is not null)
        {
            return Page(StatusCodes.Status400BadRequest, OAuthError.InvalidRequest(ErrorIds.AuthorizeCsrfInvalid, "the consent form was not submitted as a form"));
        }

        var body = await RequestBody.ReadTextAsync(http.Request, 32 * 1024);
        if (!body.IsSuccess)
        {
            return Page(StatusCodes.Status400BadRequest, body.Error);
        }

        var form = FormBody.Parse(body.Value).GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        var (session, sessionCookie) = upstreams.Find(tenant) is { } upstream ? ReadSession(http, tenant, upstream, now) : (null, null);
        if (session is null || !Sealing.FixedTimeEquals(form.GetValueOrDefault("csrf"), tenant.Tenant.Sealing.Mac(CsrfPurpose, sessionCookie!)))
        {
            return Page(StatusCodes.Status400BadRequest, OAuthError.InvalidRequest(ErrorIds.AuthorizeCsrfInvalid,
                "this form is not valid for your session (it expired, or was not sent from this page); go back to the application and start again"));
        }

        var ticket = tenant.Tenant.Sealing.Open<ConsentTicket>(ConsentPurpose, form.GetValueOrDefault("request"), now);
        if (ticket is null || ticket.Subject != session.Subject)
        {
            return Page(StatusCodes.Status400BadRequest, OAuthError.InvalidRequest(ErrorIds.AuthorizeTransactionInvalid,
                "this approval has expired; go back to the application and start again"));
        }

        http.Observation().SetClient(ticket.ClientId, tenant.Tenant);
        var client = await calls.RetryAsync(grains.GetGrain<IClientGrain>(ClientKey.Of(tenant.Name, ticket.ClientId)), c => c.Describe(), http.RequestAborted);
        // The client may have changed while the form was open: its redirect URI and grant must still be registered.
        if (client is null || client.Disabled || RedirectUris.Resolve(client.Metadata.RedirectUris, ticket.RedirectUri) is null
            || !client.Metadata.GrantTypes.Contains(GrantTypes.AuthorizationCode, StringComparer.Ordinal))
        {
            return Page(StatusCodes.Status400BadRequest, OAuthError.InvalidRequest(ErrorIds.AuthorizeClientInvalid, "the application is no longer registered"));
        }

        switch (form.GetValueOrDefault("decision"))
        {
            case "approve":
                var consents = grains.GetGrain<IConsentGrain>(AuthorizationKeys.Consent(tenant.Name, session.Subject));
                await calls.RetryAsync((consents, session.Subject, ticket), c => c.consents.Grant(c.Subject, c.ticket.ClientId, c.ticket.Scopes, c.ticket.Resources),
                    http.RequestAborted);
                return await IssueCodeAsync(http, tenant, grains, calls, ticket, session, now, StatusCodes.Status303SeeOther);
            case "deny":
                return ErrorRedirect(tenant, ticket.RedirectUri, ticket.State,
                    OAuthError.AccessDenied(ErrorIds.AuthorizeAccessDenied, "the user denied the request"), StatusCodes.Status303SeeOther);
            default:
                return Page(StatusCodes.Status400BadRequest, OAuthError.InvalidRequest(ErrorIds.AuthorizeCsrfInvalid, "choose Allow or Deny"));
        }
    }

    /// <summary>The client (it exists, is enabled, and was issued by this tenant) and its redirect URI, or the error page.</summary>
    private static async Task<ResolvedClient> ResolveClientAsync(HttpContext http, TenantContext tenant, IGrainFactory grains, GrainCalls calls, AuthorizationRequest request)
    {
        if (request.ClientId is not { Length: <= 256 } clientId || !tenant.Tenant.Identifiers.IsClientId(clientId))
        {
            return new ResolvedClient(null, null, Page(StatusCodes.Status400BadRequest, ClientNotRegistered));
        }

        http.Observation().SetClient(clientId, tenant.Tenant);
        var client = await calls.RetryAsync(grains.GetGrain<IClientGrain>(ClientKey.Of(tenant.Name, clientId)), c => c.Describe(), http.RequestAborted);
        if (client is null || client.Disabled)
        {
            return new ResolvedClient(null, null, Page(StatusCodes.Status400BadRequest, ClientNotRegistered));
        }

        var redirect = AuthorizationRequestValidator.ResolveRedirect(request, client.Metadata);
        return redirect.IsSuccess
            ? new ResolvedClient(client, redirect.Value, null)
            : new ResolvedClient(null, null, Page(StatusCodes.Status400BadRequest, redirect.Error));
    }

    private static async Task<IResult> StartSignInAsync(HttpContext http, TenantContext tenant, UpstreamProvider upstream, string query, DateTimeOffset now)
    {
        var verifier = Secrets.NewSecret();
        var nonce = Secrets.NewTokenId();
        var binding = Secrets.NewSecret();
        var state = tenant.Tenant.Sealing.Seal(SignInPurpose, new SignInTransaction(query, verifier, nonce, binding), now + SignInLifetime);
        var location = await upstream.AuthorizationUrlAsync(CallbackUri(tenant), state, nonce, Pkce.ChallengeOf(verifier), http.RequestAborted);
        if (location is null)
        {
            return Page(StatusCodes.Status502BadGateway, OAuthError.ServerError(ErrorIds.AuthorizeUpstreamFailed, "the identity provider cannot be reached; try again later"));
        }

        http.Response.Cookies.Append(SignInCookie(tenant), binding, CookieOptions(http, tenant, SignInLifetime));
        return new FrontChannelRedirect(location, StatusCodes.Status302Found);
    }

    private static async Task<IResult> IssueCodeAsync(
        HttpContext http, TenantContext tenant, IGrainFactory grains, GrainCalls calls, ConsentTicket ticket, UserSession session, DateTimeOffset now, int status)
    {
        var code = Secrets.NewSecret();
        var grant = new AuthorizationGrant(ticket.ClientId, ticket.RedirectUri, ticket.CodeChallenge, string.Join(' ', ticket.Scopes), ticket.Resources,
            session.Subject, session.IdentityProvider, DateTimeOffset.FromUnixTimeSeconds(session.AuthTime));
        var issued = await calls.RetryAsync(
            (Code: grains.GetGrain<IAuthorizationCodeGrain>(AuthorizationKeys.Code(tenant.Name, code)), grant, ExpiresAt: now + IAuthorizationCodeGrain.MaxLifetime),
            c => c.Code.Issue(c.grant, c.ExpiresAt), http.RequestAborted);
        if (!issued)
        {
            return Page(StatusCodes.Status500InternalServerError, OAuthError.ServerError(ErrorIds.ServerInternal, "the authorization could not be completed; try again"));
        }

        return new FrontChannelRedirect(
            FrontChannelRedirect.WithQuery(ticket.RedirectUri, ("code", code), ("state", ticket.State), ("iss", tenant.Issuer)), status);
    }

    /// <summary>RFC 6749 §4.1.2.1 with RFC 9207: the error, its description, the client's state and the issuer, at the redirect URI.</summary>
    private static FrontChannelRedirect ErrorRedirect(TenantContext tenant, string redirect, string? state, OAuthError error, int status, string? code = null) =>
        new(FrontChannelRedirect.WithQuery(redirect, ("error", code ?? error.Code), ("error_description", error.Description), ("state", state), ("iss", tenant.Issuer)), status)
        {
            Refusal = code is null ? error : new OAuthError(code, error.Id, error.Description),
        };

    private static readonly OAuthError ClientNotRegistered =
        OAuthError.InvalidRequest(ErrorIds.AuthorizeClientInvalid, "the application (client_id) is not registered here");

    private static HtmlPage Page(int status, OAuthError error) => AuthorizationPages.Error(status, error);

    /// <summary>The signed-in user, when the session cookie opens and names the tenant's current upstream provider.</summary>
    private static (UserSession? Session, string? Cookie) ReadSession(HttpContext http, TenantContext tenant, UpstreamProvider upstream, DateTimeOffset now)
    {
        var cookie = http.Request.Cookies[SessionCookie(tenant)];
        var session = tenant.Tenant.Sealing.Open<UserSession>(SessionPurpose, cookie, now);
        return session is null || !string.Equals(session.IdentityProvider, upstream.Issuer, StringComparison.Ordinal) ? (null, null) : (session, cookie);
    }

    /// <summary>A public client whose answer goes to a loopback address or a private-use scheme: any app on the device could claim it.</summary>
    private static bool IsImpersonable(ClientMetadata client, string redirect) =>
        client.TokenEndpointAuthMethod == AuthMethods.None
        && Uri.TryCreate(redirect, UriKind.Absolute, out var uri) && (RedirectUris.IsLoopbackHttp(uri) || uri.Scheme is not ("https" or "http"));

    /// <summary>The query without its prompt parameter (a sign-in forced by prompt=login is not forced again).</summary>
    private static string WithoutPrompt(IQueryCollection query) =>
        QueryString.Create(query.Where(p => p.Key != "prompt").SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))).Value ?? "";

    private static string CallbackUri(TenantContext tenant) => tenant.Issuer + "/authorize/callback";

    private static string SessionCookie(TenantContext tenant) => "registry_session_" + tenant.Name;

    private static string SignInCookie(TenantContext tenant) => "registry_signin_" + tenant.Name;

    /// <summary>Cookies scoped to the tenant's issuer path, HttpOnly, SameSite=Lax (the upstream's redirect back is a top-level GET), Secure over https.</summary>
    private static CookieOptions CookieOptions(HttpContext http, TenantContext tenant, TimeSpan lifetime)
    {
        var path = new Uri(tenant.Issuer).AbsolutePath.TrimEnd('/');
        return new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps || tenant.Issuer.StartsWith("https:", StringComparison.Ordinal),
            Path = path.Length == 0 ? "/" : path,
            MaxAge = lifetime,
            IsEssential = true,
        };
    }

    private static IEnumerable<KeyValuePair<string, string>> QueryPairs(IQueryCollection query) =>
        query.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? "")));

    private static QueryCollection QueryHelpers(string query) => new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query));

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in at the upstream provider of tenant {Tenant} failed: {Problem}")]
    private static partial void LogUpstreamFailed(ILogger logger, string tenant, string problem);

    private sealed record ResolvedClient(ClientDescription? Client, string? Redirect, IResult? Page);
}
