// Registry as a new user meets it through oauth4webapi (panva): discovery, a register-scoped token for the
// bootstrap admin client, dynamic registration, the new client's token, and how failures surface. The
// library reads a 401's WWW-Authenticate challenge before the body, so the challenge must carry the error.
// REGISTRY_URL: the issuer of the default tenant; REGISTRY_ADMIN_SECRET: its bootstrap admin secret.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as oauth from 'oauth4webapi';

const issuer = new URL(process.env.REGISTRY_URL);
const adminSecret = process.env.REGISTRY_ADMIN_SECRET ?? 'password';
const insecure = { [oauth.allowInsecureRequests]: true };

async function discover() {
  return oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { ...insecure, algorithm: 'oauth2' }));
}

async function adminToken(as) {
  const admin = { client_id: 'registerClient' };
  const response = await oauth.clientCredentialsGrantRequest(as, admin, oauth.ClientSecretPost(adminSecret), new URLSearchParams({ scope: 'register' }), insecure);
  return (await oauth.processClientCredentialsResponse(as, admin, response)).access_token;
}

async function register(as, initialAccessToken) {
  const response = await oauth.dynamicClientRegistrationRequest(
    as, { grant_types: ['client_credentials'], scope: 'openid profile', client_name: 'interop' }, { ...insecure, initialAccessToken });
  return oauth.processDynamicClientRegistrationResponse(response);
}

test('discovery, registration and a token for the new client, as the library expects them', async () => {
  const as = await discover();
  assert.equal(new URL(as.issuer).href, issuer.href);

  const client = await register(as, await adminToken(as));
  assert.match(client.client_id, /^[A-Za-z0-9_-]{32}$/);
  assert.equal(typeof client.client_secret, 'string');
  assert.equal(client.client_secret_expires_at, 0);

  const response = await oauth.clientCredentialsGrantRequest(as, client, oauth.ClientSecretBasic(client.client_secret), new URLSearchParams(), insecure);
  const token = await oauth.processClientCredentialsResponse(as, client, response);
  assert.equal(token.token_type, 'bearer');
  assert.equal(token.scope, 'openid profile');
  assert.equal(token.access_token.split('.').length, 3);
});

test('a wrong client secret surfaces as invalid_client, read from the Basic challenge', async () => {
  const as = await discover();
  const client = await register(as, await adminToken(as));

  const response = await oauth.clientCredentialsGrantRequest(as, client, oauth.ClientSecretBasic('not-the-secret'), new URLSearchParams(), insecure);
  const error = await oauth.processClientCredentialsResponse(as, client, response).then(() => null, e => e);

  assert.ok(error instanceof oauth.WWWAuthenticateChallengeError, `expected a challenge error, got ${error}`);
  const [challenge] = error.cause;
  assert.equal(challenge.scheme, 'basic');
  assert.equal(challenge.parameters.error, 'invalid_client');
  assert.ok(challenge.parameters.error_description.length > 0);
});

test('a registration token that is not valid surfaces as invalid_token, read from the Bearer challenge', async () => {
  const as = await discover();

  const error = await register(as, 'not-a-token').then(() => null, e => e);

  assert.ok(error instanceof oauth.WWWAuthenticateChallengeError, `expected a challenge error, got ${error}`);
  const [challenge] = error.cause;
  assert.equal(challenge.scheme, 'bearer');
  assert.equal(challenge.parameters.error, 'invalid_token');
});

test('a registration without any token gets the bare Bearer challenge of RFC 6750 section 3.1', async () => {
  const as = await discover();

  const error = await register(as, undefined).then(() => null, e => e);

  assert.ok(error instanceof oauth.WWWAuthenticateChallengeError, `expected a challenge error, got ${error}`);
  const [challenge] = error.cause;
  assert.equal(challenge.scheme, 'bearer');
  assert.equal(challenge.parameters.error, undefined);
  assert.equal(challenge.parameters.realm, 'registry');
});

test('an invalid registration surfaces as the OAuth error the server sent', async () => {
  const as = await discover();
  const response = await oauth.dynamicClientRegistrationRequest(
    as, { grant_types: ['client_credentials'], redirect_uris: ['http://evil.example/cb'] }, { ...insecure, initialAccessToken: await adminToken(as) });

  const error = await oauth.processDynamicClientRegistrationResponse(response).then(() => null, e => e);

  assert.ok(error instanceof oauth.ResponseBodyError, `expected a response body error, got ${error}`);
  assert.equal(error.error, 'invalid_redirect_uri');
  assert.equal(error.status, 400);
});
