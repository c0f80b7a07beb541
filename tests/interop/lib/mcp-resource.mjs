// An MCP server protected by Registry, as a platform would run one: the MCP TypeScript SDK's McpServer over its
// Streamable HTTP transport (stateless) at /mcp, one tool, behind a bearer check that validates Registry's access
// tokens with jose (signature from Registry's jwks_uri, iss, aud = this resource, typ at+jwt). It publishes its
// RFC 9728 protected resource metadata pointing at Registry, at the path-aware URL
// /.well-known/oauth-protected-resource/mcp and at the root form, and answers 401 with
// `WWW-Authenticate: Bearer resource_metadata="..."` (RFC 9728 §5.1) without a valid token.
import http from 'node:http';

import { createRemoteJWKSet, jwtVerify } from 'jose';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';

/**
 * Starts the resource on 127.0.0.1:port. `issuer`: Registry's tenant issuer; `jwksUri`: its JWKS.
 * Returns { resource, metadataUrl, url, requests: [{method, path, authorized}], close() }.
 */
export async function startMcpResource({ port, issuer, jwksUri }) {
  const origin = `http://127.0.0.1:${port}`;
  const resource = `${origin}/mcp`;
  const metadataUrl = `${origin}/.well-known/oauth-protected-resource/mcp`;
  const metadata = {
    resource,
    authorization_servers: [issuer],
    bearer_methods_supported: ['header'],
    resource_name: 'Registry interop MCP server',
  };
  const jwks = createRemoteJWKSet(new URL(jwksUri));
  const requests = [];

  async function verify(req) {
    const match = /^Bearer ([^\s]+)$/i.exec(req.headers.authorization ?? '');
    if (!match) return { error: undefined };
    try {
      const { payload } = await jwtVerify(match[1], jwks, { issuer, audience: resource, typ: 'at+jwt' });
      return { token: match[1], payload };
    } catch (error) {
      return { error: 'invalid_token', description: error.message };
    }
  }

  function challenge(res, error, description) {
    const params = [`resource_metadata="${metadataUrl}"`];
    if (error) params.push(`error="${error}"`, `error_description="${String(description).replace(/["\\]/g, '')}"`);
    res.writeHead(401, { 'www-authenticate': `Bearer ${params.join(', ')}`, 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: error ?? 'unauthorized' }));
  }

  const server = http.createServer(async (req, res) => {
    const path = new URL(req.url, origin).pathname;
    try {
      if (req.method === 'GET' && (path === '/.well-known/oauth-protected-resource/mcp' || path === '/.well-known/oauth-protected-resource')) {
        requests.push({ method: req.method, path });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(metadata));
        return;
      }
      if (path !== '/mcp') {
        requests.push({ method: req.method, path });
        res.writeHead(404).end();
        return;
      }
      const verified = await verify(req);
      requests.push({ method: req.method, path, authorized: Boolean(verified.payload) });
      if (!verified.payload) {
        challenge(res, verified.error, verified.description);
        return;
      }
      if (req.method !== 'POST') {
        // Stateless server: no standalone SSE stream, no session to delete.
        res.writeHead(405, { allow: 'POST' }).end();
        return;
      }
      const { payload, token } = verified;
      req.auth = {
        token,
        clientId: payload.client_id,
        scopes: typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [],
        expiresAt: payload.exp,
        resource: new URL(resource),
        extra: { sub: payload.sub, idp: payload.idp },
      };
      const mcp = new McpServer({ name: 'registry-interop', version: '1.0.0' });
      mcp.registerTool('whoami', { description: 'The user and client the bearer token was issued for' }, async extra => ({
        content: [{
          type: 'text',
          text: JSON.stringify({ sub: extra.authInfo?.extra?.sub, client_id: extra.authInfo?.clientId, scopes: extra.authInfo?.scopes }),
        }],
      }));
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      res.on('close', () => {
        transport.close();
        mcp.close();
      });
      await mcp.connect(transport);
      await transport.handleRequest(req, res);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error?.stack ?? error));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    resource,
    metadataUrl,
    url: new URL(resource),
    requests,
    close: () => new Promise(resolve => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
