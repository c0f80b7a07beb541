// Registry with openid-client 6 (panva), as a confidential web application would use it: discovery, dynamic
// registration without a token (the tenant is in open mode) with client_secret_basic and a loopback redirect URI,
// an authorization request with PKCE (S256), state and a resource indicator, followed through sign-in at the
// upstream OpenID Provider and Registry's consent page (lib/browser.mjs), the code grant — the library checks
// state and the RFC 9207 iss parameter — and refresh-token rotation; how the refused cases surface in the library.
//
// Environment (tests/smoke/mcp-interop.sh sets it): REGISTRY_URL — the default tenant's issuer, federated to the
// upstream; MCP_PORT — the port of the resource http://127.0.0.1:MCP_PORT/mcp in the tenant's AllowedResources;
// UPSTREAM_ISSUER — the upstream's issuer (the tokens' idp claim).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import net from 'node:net';

import * as client from 'openid-client';
import { createRemoteJWKSet, jwtVerify } from 'jose';

import { authorize, Browser } from './lib/browser.mjs';

const registryUrl = process.env.REGISTRY_URL;
const resource = `http://127.0.0.1:${process.env.MCP_PORT}/mcp`;
const upstreamIssuer = process.env.UPSTREAM_ISSUER;
const user = `oidc-client-user-${crypto.randomBytes(4).toString('hex')}`;

let config;
let redirectUri;
let jwks;
const browser = new Browser();
const seen = {};

async function unusedPort() {
  const server = net.createServer();
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise(resolve => server.close(resolve));
  return port;
}

/** One authorization through the front channel; returns { verifier, state, callback: URL, pages }. */
async function authorization() {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'profile',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    resource,
  });
  const result = await authorize(url, { redirectUri, login: user, browser });
  return { verifier, state, callback: result.location, pages: result.pages };
}

async function claims(accessToken) {
  const { payload } = await jwtVerify(accessToken, jwks, { issuer: config.serverMetadata().issuer, audience: resource, typ: 'at+jwt' });
  return payload;
}

async function refused(promise) {
  const error = await promise.then(() => null, e => e);
  assert.ok(error, 'expected the request to be refused');
  return error;
}

before(async () => {
  assert.ok(registryUrl, 'REGISTRY_URL is required');
  assert.ok(Number(process.env.MCP_PORT) > 0, 'MCP_PORT is required');
  redirectUri = `http://127.0.0.1:${await unusedPort()}/cb`;
});

test('discovery and dynamic registration without a token give a confidential client (client_secret_basic)', async () => {
  config = await client.dynamicClientRegistration(new URL(registryUrl), {
    client_name: 'Registry interop openid-client',
    redirect_uris: [redirectUri],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    scope: 'profile',
  }, client.ClientSecretBasic(), { execute: [client.allowInsecureRequests] });

  const as = config.serverMetadata();
  jwks = createRemoteJWKSet(new URL(as.jwks_uri));
  assert.equal(typeof as.authorization_endpoint, 'string');
  assert.ok(as.code_challenge_methods_supported?.includes('S256'));
  const metadata = config.clientMetadata();
  assert.equal(typeof metadata.client_id, 'string');
  assert.equal(typeof metadata.client_secret, 'string');
  assert.equal(metadata.token_endpoint_auth_method, 'client_secret_basic');
  assert.deepEqual(metadata.redirect_uris, [redirectUri]);
});

test('authorization code with PKCE, state and resource: tokens for the upstream user, aud = the resource', async () => {
  assert.ok(config, 'needs the registration');
  const { verifier, state, callback, pages } = await authorization();

  // The library checks the state and the iss parameter (RFC 9207) of the redirect before redeeming the code.
  const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
  seen.first = tokens;
  assert.equal(tokens.token_type, 'bearer');
  assert.equal(typeof tokens.refresh_token, 'string');
  assert.ok(tokens.expiresIn() > 0);
  const payload = await claims(tokens.access_token);
  assert.equal(payload.sub, user);
  assert.equal(payload.client_id, config.clientMetadata().client_id);
  assert.equal(payload.scope, 'profile');
  if (upstreamIssuer) assert.equal(payload.idp, upstreamIssuer);
  assert.deepEqual(pages, ['upstream-login', 'upstream-consent', 'registry-consent'], browser.trace());
});

test('refreshTokenGrant rotates the refresh token and gives a new access token; the old one is then refused', async () => {
  assert.ok(seen.first, 'needs the previous test');
  const refreshed = await client.refreshTokenGrant(config, seen.first.refresh_token);
  assert.notEqual(refreshed.access_token, seen.first.access_token);
  assert.equal(typeof refreshed.refresh_token, 'string');
  assert.notEqual(refreshed.refresh_token, seen.first.refresh_token);
  assert.equal((await claims(refreshed.access_token)).sub, user);

  const error = await refused(client.refreshTokenGrant(config, seen.first.refresh_token));
  assert.ok(error instanceof client.ResponseBodyError, `expected a response body error, got ${error}`);
  assert.equal(error.error, 'invalid_grant');
  const afterReplay = await refused(client.refreshTokenGrant(config, refreshed.refresh_token));
  assert.equal(afterReplay.error, 'invalid_grant', 'the replay revoked the whole family');
});

test('a second authorization skips sign-in and consent; its code is single use (invalid_grant the second time)', async () => {
  assert.ok(seen.first, 'needs the previous tests');
  const { verifier, state, callback, pages } = await authorization();

  const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
  assert.equal((await claims(tokens.access_token)).sub, user);
  const error = await refused(client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state }));
  assert.ok(error instanceof client.ResponseBodyError, `expected a response body error, got ${error}`);
  assert.equal(error.error, 'invalid_grant');
  assert.deepEqual(pages, [], browser.trace());
});

test('a wrong code_verifier is refused with invalid_grant', async () => {
  assert.ok(seen.first, 'needs the previous tests');
  const { state, callback } = await authorization();
  const error = await refused(client.authorizationCodeGrant(config, callback,
    { pkceCodeVerifier: client.randomPKCECodeVerifier(), expectedState: state }));
  assert.ok(error instanceof client.ResponseBodyError, `expected a response body error, got ${error}`);
  assert.equal(error.error, 'invalid_grant');
});
