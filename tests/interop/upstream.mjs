// The tenant's upstream OpenID Provider for the interop tests: node-oidc-provider (npm, pinned) with its
// development interactions — a login form that accepts any login and password, then its consent prompt — over
// plain http on 127.0.0.1. Registry federates sign-in to it (Registry:Tenants:{t}:Upstream:*).
//
// Usage: node upstream.mjs [PORT]
// Environment:
//   UPSTREAM_PORT            port on 127.0.0.1 when no argument is given
//   UPSTREAM_CLIENT_SECRET   the secret of the static client "registry" (client_secret_basic); default "upstream-secret"
//   UPSTREAM_REDIRECT_URIS   Registry's callback(s), space-separated, e.g. http://127.0.0.1:5000/authorize/callback
// Prints one JSON line {"issuer": ...} when listening; runs until SIGTERM/SIGINT.
//
// Configuration, in brief: one static confidential client (code flow only, PKCE S256 required for every client),
// RS256 ID tokens signed by a key generated at start, the account id is whatever login was typed (sub = login).
// Plain http works as is: oidc-provider marks its cookies Secure only when the request is https (ctx.secure), and
// no `proxy` setting is needed because nothing sits in front of it (the issuer is the address it listens on).
import crypto from 'node:crypto';
import process from 'node:process';

import Provider from 'oidc-provider';

const port = Number(process.argv[2] ?? process.env.UPSTREAM_PORT);
if (!(port >= 1 && port <= 65535)) {
  console.error('usage: node upstream.mjs PORT (or UPSTREAM_PORT)');
  process.exit(2);
}
const clientSecret = process.env.UPSTREAM_CLIENT_SECRET || 'upstream-secret';
const redirectUris = (process.env.UPSTREAM_REDIRECT_URIS ?? '').split(/[\s,]+/).filter(Boolean);
if (redirectUris.length === 0) {
  console.error('UPSTREAM_REDIRECT_URIS is required (Registry\'s {issuer}/authorize/callback)');
  process.exit(2);
}

const issuer = `http://127.0.0.1:${port}`;
const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'upstream-rs256', alg: 'RS256', use: 'sig' };

const provider = new Provider(issuer, {
  clients: [{
    client_id: 'registry',
    client_secret: clientSecret,
    redirect_uris: redirectUris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: 'RS256',
  }],
  jwks: { keys: [signingKey] },
  // Every authorization request must carry an S256 code challenge (oidc-provider 9 knows S256 only).
  pkce: { required: () => true },
  scopes: ['openid', 'profile', 'email', 'offline_access'],
  claims: { openid: ['sub'], profile: ['name'], email: ['email', 'email_verified'] },
  // The development login accepts anything: the account is the login typed, with a made-up name and e-mail.
  findAccount: (_ctx, sub) => ({
    accountId: sub,
    claims: () => ({ sub, name: `User ${sub}`, email: `${sub}@upstream.example`, email_verified: true }),
  }),
  cookies: { keys: [crypto.randomBytes(32).toString('base64url')] },
  features: {
    devInteractions: { enabled: true },
  },
  ttl: {
    AccessToken: 600,
    AuthorizationCode: 60,
    IdToken: 600,
    Interaction: 600,
    Session: 3600,
    Grant: 3600,
  },
});

provider.on('server_error', (ctx, err) => console.error('upstream server_error', ctx.method, ctx.path, err));
// What the upstream refused and why: the first place to look when Registry's sign-in fails.
for (const event of ['authorization.error', 'grant.error', 'introspection.error', 'userinfo.error']) {
  provider.on(event, (ctx, err) => console.error(`upstream ${event}`, ctx.method, ctx.path, err.message, err.error_description ?? ''));
}

const server = provider.listen(port, '127.0.0.1', () => {
  console.log(JSON.stringify({ issuer, pid: process.pid, redirect_uris: redirectUris }));
});

function shutdown() {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
