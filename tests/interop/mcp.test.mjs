// Registry as an MCP authorization server, driven by the MCP TypeScript SDK's own client authorization (its auth()
// with an OAuthClientProvider), as the MCP specification has a client run it: an MCP server answers 401 pointing at
// its protected resource metadata (RFC 9728), which names Registry; the SDK discovers Registry (RFC 8414),
// registers a public client without any token (RFC 7591, open mode), and sends the user to /authorize with PKCE and
// the resource (RFC 8707). The test follows that browser redirect programmatically (lib/browser.mjs): sign-in at
// the tenant's upstream OpenID Provider (node-oidc-provider, development login), Registry's consent page, back to
// the client's redirect URI. Then the SDK redeems the code, calls the MCP server's tool with the token, and
// refreshes; the replayed old refresh token is refused.
//
// Environment (tests/smoke/mcp-interop.sh sets it): REGISTRY_URL — the default tenant's issuer, federated to the
// upstream; MCP_PORT — a free port for the MCP server (its /mcp is in the tenant's AllowedResources);
// UPSTREAM_ISSUER — the upstream's issuer (the tokens' idp claim).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import net from 'node:net';

import { createRemoteJWKSet, jwtVerify, decodeProtectedHeader } from 'jose';
import { auth } from '@modelcontextprotocol/sdk/client/auth.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import { authorize, Browser } from './lib/browser.mjs';
import { startMcpResource } from './lib/mcp-resource.mjs';

const registryUrl = process.env.REGISTRY_URL;
const mcpPort = Number(process.env.MCP_PORT);
const upstreamIssuer = process.env.UPSTREAM_ISSUER;
const user = `mcp-user-${crypto.randomBytes(4).toString('hex')}`;

/** A port nobody listens on (the client's loopback redirect URI: nothing needs to listen there). */
async function unusedPort() {
  const server = net.createServer();
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise(resolve => server.close(resolve));
  return port;
}

/** An MCP client application's OAuthClientProvider: everything in memory, the browser redirect recorded. */
class RecordingProvider {
  client;
  savedTokens;
  verifier;
  authorizationUrl;
  lastState;
  registrations = 0;
  redirects = 0;
  invalidated = [];

  constructor(redirectUrl) {
    this._redirectUrl = redirectUrl;
  }

  get redirectUrl() { return this._redirectUrl; }

  get clientMetadata() {
    return {
      client_name: 'Registry interop MCP client',
      redirect_uris: [this._redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
      scope: 'profile',
    };
  }

  state() {
    this.lastState = crypto.randomBytes(16).toString('base64url');
    return this.lastState;
  }

  clientInformation() { return this.client; }
  saveClientInformation(information) { this.client = information; this.registrations++; }
  tokens() { return this.savedTokens; }
  saveTokens(tokens) { this.savedTokens = tokens; }
  redirectToAuthorization(url) { this.authorizationUrl = new URL(url); this.redirects++; }
  saveCodeVerifier(verifier) { this.verifier = verifier; }
  codeVerifier() { return this.verifier; }
  invalidateCredentials(scope) {
    this.invalidated.push(scope);
    if (scope === 'all' || scope === 'tokens') this.savedTokens = undefined;
    if (scope === 'all' || scope === 'client') this.client = undefined;
  }
}

let as; // Registry's authorization server metadata
let jwks;
let resource; // the MCP server
let provider;
let redirectUri;
const browser = new Browser();
const seen = {}; // what each step produced, for the steps after it

async function verifyAccessToken(token) {
  const header = decodeProtectedHeader(token);
  const { payload } = await jwtVerify(token, jwks, { issuer: as.issuer, audience: resource.resource, typ: 'at+jwt' });
  return { header, payload };
}

async function tokenRequest(params) {
  const response = await fetch(as.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(params),
  });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

before(async () => {
  assert.ok(registryUrl, 'REGISTRY_URL is required');
  assert.ok(mcpPort > 0, 'MCP_PORT is required');
  const response = await fetch(new URL('/.well-known/oauth-authorization-server', registryUrl));
  assert.equal(response.status, 200);
  as = await response.json();
  jwks = createRemoteJWKSet(new URL(as.jwks_uri));
  resource = await startMcpResource({ port: mcpPort, issuer: as.issuer, jwksUri: as.jwks_uri });
  redirectUri = `http://127.0.0.1:${await unusedPort()}/callback`;
  provider = new RecordingProvider(redirectUri);
});

after(async () => {
  await resource?.close();
});

test('the MCP server answers a request without a token with 401 and its resource metadata (RFC 9728)', async () => {
  const response = await fetch(resource.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: {} }),
  });
  assert.equal(response.status, 401);
  assert.match(response.headers.get('www-authenticate'), new RegExp(`^Bearer resource_metadata="${resource.metadataUrl}"`));
});

test('Registry\'s metadata has what an MCP client needs (authorization endpoint, code, S256, none)', () => {
  assert.equal(typeof as.authorization_endpoint, 'string');
  assert.deepEqual(as.response_types_supported, ['code']);
  assert.deepEqual(as.code_challenge_methods_supported, ['S256']);
  assert.ok(as.grant_types_supported.includes('authorization_code'), `grant_types_supported: ${as.grant_types_supported}`);
  assert.ok(as.grant_types_supported.includes('refresh_token'), `grant_types_supported: ${as.grant_types_supported}`);
  assert.ok(as.token_endpoint_auth_methods_supported.includes('none'), `token_endpoint_auth_methods_supported: ${as.token_endpoint_auth_methods_supported}`);
  assert.equal(typeof as.registration_endpoint, 'string');
  assert.equal(as.authorization_response_iss_parameter_supported, true);
});

test('auth() discovers Registry from the resource metadata, registers a public client without a token and redirects to /authorize with PKCE and the resource', async () => {
  const result = await auth(provider, { serverUrl: resource.url });

  assert.equal(result, 'REDIRECT');
  assert.ok(resource.requests.some(r => r.path.startsWith('/.well-known/oauth-protected-resource')),
    `the SDK read the resource metadata: ${JSON.stringify(resource.requests)}`);
  assert.equal(provider.registrations, 1);
  assert.equal(typeof provider.client.client_id, 'string');
  assert.ok(provider.client.client_id.length > 0);
  assert.equal(provider.client.client_secret, undefined, 'a public client gets no client_secret');
  assert.equal(provider.client.token_endpoint_auth_method, 'none');
  assert.deepEqual(provider.client.redirect_uris, [redirectUri]);

  const url = provider.authorizationUrl;
  assert.equal(`${url.origin}${url.pathname}`, as.authorization_endpoint);
  assert.equal(url.searchParams.get('response_type'), 'code');
  assert.equal(url.searchParams.get('client_id'), provider.client.client_id);
  assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
  assert.equal(url.searchParams.get('redirect_uri'), redirectUri);
  assert.equal(url.searchParams.get('resource'), resource.resource);
  assert.equal(url.searchParams.get('state'), provider.lastState);
});

test('the user signs in at the upstream and approves on Registry\'s consent page; the redirect carries code, state and iss (RFC 9207)', async () => {
  assert.ok(provider.authorizationUrl, 'needs the previous test');
  const result = await authorize(provider.authorizationUrl, { redirectUri, login: user, browser });
  seen.code = result.params.get('code');

  assert.deepEqual(result.pages, ['upstream-login', 'upstream-consent', 'registry-consent'], browser.trace());
  assert.equal(result.params.get('error'), null, `error=${result.params.get('error')}: ${result.params.get('error_description')}`);
  assert.equal(result.params.get('state'), provider.lastState);
  assert.equal(result.params.get('iss'), as.issuer);
  assert.ok(seen.code);
});

test('auth() redeems the code: an access token for the MCP server (aud = resource) naming the upstream user, and a refresh token', async () => {
  assert.ok(seen.code, 'needs the previous test');
  const result = await auth(provider, { serverUrl: resource.url, authorizationCode: seen.code });

  assert.equal(result, 'AUTHORIZED');
  const tokens = provider.savedTokens;
  seen.first = tokens;
  assert.equal(tokens.token_type.toLowerCase(), 'bearer');
  assert.equal(typeof tokens.refresh_token, 'string');
  assert.ok(tokens.expires_in > 0);
  const { header, payload } = await verifyAccessToken(tokens.access_token);
  assert.equal(header.typ.toLowerCase(), 'at+jwt');
  assert.deepEqual([payload.aud].flat(), [resource.resource]);
  assert.equal(payload.sub, user);
  assert.equal(payload.client_id, provider.client.client_id);
  assert.equal(payload.scope, 'profile');
  if (upstreamIssuer) assert.equal(payload.idp, upstreamIssuer);
  for (const claim of ['auth_time', 'iat', 'exp', 'jti']) assert.ok(payload[claim] !== undefined, `claim ${claim} missing`);
});

test('an MCP client (Client + Streamable HTTP transport with the auth provider) calls the protected tool', async () => {
  assert.ok(seen.first, 'needs the previous test');
  const client = new Client({ name: 'registry-interop-client', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(resource.url, { authProvider: provider });
  await client.connect(transport);
  try {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map(t => t.name), ['whoami']);
    const result = await client.callTool({ name: 'whoami', arguments: {} });
    assert.equal(result.isError, undefined);
    const who = JSON.parse(result.content[0].text);
    assert.equal(who.sub, user);
    assert.equal(who.client_id, provider.client.client_id);
  } finally {
    await client.close();
  }
  assert.equal(provider.redirects, 1, 'the token was used as it was, no new authorization');
});

test('auth() with a refresh token refreshes: a new access token and a rotated refresh token', async () => {
  assert.ok(seen.first, 'needs the previous tests');
  const result = await auth(provider, { serverUrl: resource.url });

  assert.equal(result, 'AUTHORIZED');
  const tokens = provider.savedTokens;
  seen.second = tokens;
  assert.deepEqual(provider.invalidated, []);
  assert.equal(provider.redirects, 1, 'refreshed without a new authorization');
  assert.notEqual(tokens.access_token, seen.first.access_token);
  assert.equal(typeof tokens.refresh_token, 'string');
  assert.notEqual(tokens.refresh_token, seen.first.refresh_token, 'the refresh token is rotated');
  const { payload } = await verifyAccessToken(tokens.access_token);
  assert.equal(payload.sub, user);
  assert.deepEqual([payload.aud].flat(), [resource.resource]);
});

test('the old refresh token replayed at /token is refused with invalid_grant, and the replay revokes the family', async () => {
  assert.ok(seen.second, 'needs the previous test');
  const replay = await tokenRequest({ grant_type: 'refresh_token', refresh_token: seen.first.refresh_token, client_id: provider.client.client_id });
  assert.equal(replay.status, 400, JSON.stringify(replay.body));
  assert.equal(replay.body?.error, 'invalid_grant');

  const current = await tokenRequest({ grant_type: 'refresh_token', refresh_token: seen.second.refresh_token, client_id: provider.client.client_id });
  assert.equal(current.status, 400, `the rotated refresh token after the replay: ${JSON.stringify(current.body)}`);
  assert.equal(current.body?.error, 'invalid_grant');
});

test('a new authorization by the same user skips sign-in, and asks for consent again: a public client at a loopback redirect is never approved silently (RFC 8252 section 8.6)', async () => {
  assert.ok(seen.second, 'needs the previous tests');
  provider.invalidateCredentials('tokens');
  assert.equal(await auth(provider, { serverUrl: resource.url }), 'REDIRECT');
  assert.equal(provider.registrations, 1, 'the registered client is reused');

  const result = await authorize(provider.authorizationUrl, { redirectUri, login: user, browser });
  assert.deepEqual(result.pages, ['registry-consent'], browser.trace());
  assert.equal(result.params.get('state'), provider.lastState);
  assert.equal(await auth(provider, { serverUrl: resource.url, authorizationCode: result.params.get('code') }), 'AUTHORIZED');
  const { payload } = await verifyAccessToken(provider.savedTokens.access_token);
  assert.equal(payload.sub, user);
});
