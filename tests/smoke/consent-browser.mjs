// Registry's consent page as a person meets it, in headless Chromium driven by playwright-core; run by
// consent-browser.sh. JavaScript is off in the browser context for the whole flow: the upstream's development login,
// its consent prompt and Registry's consent page must all work as plain HTML forms.
// Usage: node consent-browser.mjs REGISTRY_URL UPSTREAM_ISSUER RESOURCE PLAYWRIGHT_CORE_DIR CHROMIUM_PATH SCREENSHOT_DIR
// Prints one "ok   name" or "FAIL name" line per check (details indented below a failure); exits 1 on a failure.
import crypto from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';

const [base, upstreamIssuer, resource, playwrightDir, executablePath, screenshotDir] = process.argv.slice(2);
const { chromium } = createRequire(import.meta.url)(playwrightDir);
const registryOrigin = new URL(base).origin;
const upstreamOrigin = new URL(upstreamIssuer).origin;
const user = `browser-user-${crypto.randomBytes(3).toString('hex')}`;

let failures = 0;
function check(name, ok, details = []) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
  if (!ok) {
    failures++;
    for (const line of details.slice(0, 20)) console.log(`       ${line}`);
  }
  return ok;
}
function info(text) {
  console.log(`info ${text}`);
}

// The clients' redirect URI: a loopback listener of this script that answers with a small page (Playwright does not
// route the target of a redirect, so a made-up host could not be answered by page.route). The logos' host is made up:
// the browser's requests there are refused by the test, never sent over the network.
const clientServer = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html lang="en"><title>client</title><p>client callback</p></html>');
});
await new Promise(resolve => clientServer.listen(0, '127.0.0.1', resolve));
const clientHost = `127.0.0.1:${clientServer.address().port}`;
const redirectUri = `http://${clientHost}/callback`;

async function register(metadata) {
  const response = await fetch(`${base}/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(metadata),
  });
  const body = await response.json().catch(() => ({}));
  return { status: response.status, body };
}

function authorizeUrl(clientId, state) {
  const verifier = crypto.randomBytes(32).toString('base64url');
  const url = new URL(`${base}/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: 'profile email',
    state,
    code_challenge: crypto.createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    resource,
  }).toString();
  return url.href;
}

const as = await (await fetch(`${base}/.well-known/oauth-authorization-server`)).json();

const withLogo = await register({
  client_name: 'Acme Notes & Co',
  redirect_uris: [redirectUri],
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'none',
  scope: 'profile email',
  logo_uri: 'https://logo.example/acme.png',
});
check('a public client with an https logo registers in open mode (201)', withLogo.status === 201, [JSON.stringify(withLogo.body)]);
const httpLogo = await register({
  client_name: 'Plain Logo App',
  redirect_uris: [redirectUri],
  grant_types: ['authorization_code'],
  response_types: ['code'],
  token_endpoint_auth_method: 'none',
  scope: 'profile email',
  logo_uri: 'http://logo.example/plain.png',
});
check('a second client with an http logo registers (201; Development allows http URLs)', httpLogo.status === 201, [JSON.stringify(httpLogo.body)]);
if (withLogo.status !== 201 || httpLogo.status !== 201) process.exit(1);

const browser = await chromium.launch({ executablePath, headless: true });
try {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-US' });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.setDefaultNavigationTimeout(60_000);
  const logoRequests = [];
  const foreign = [];
  const upstreamForeign = new Set();
  let documentHeaders = {};
  page.on('response', response => {
    if (response.request().isNavigationRequest() && new URL(response.url()).origin === registryOrigin) documentHeaders = response.headers();
  });
  const clientOrigin = new URL(redirectUri).origin;
  await context.route(url => ![registryOrigin, upstreamOrigin, clientOrigin].includes(url.origin), route => {
    const url = new URL(route.request().url());
    let from = '';
    try { from = new URL(route.request().frame().url()).origin; } catch { /* no frame (e.g. a service worker) */ }
    if (url.host === 'logo.example') logoRequests.push(url.href);
    else if (from === upstreamOrigin) upstreamForeign.add(url.origin); // the upstream's dev pages load web fonts
    else foreign.push(`${url.href} (from ${from || 'unknown'})`);
    return route.abort('internetdisconnected');
  });

  // Does what `action` starts, waits until the page shows the client's redirect URI; returns that URL, or null.
  async function landAtClient(action) {
    try {
      await Promise.all([page.waitForURL(url => url.href.startsWith(redirectUri), { timeout: 30_000 }), action()]);
      return new URL(page.url());
    } catch (error) {
      console.log(`       (${error.message.split('\n')[0]}; the page is at ${page.url()})`);
      return null;
    }
  }

  // 1. The client sends the person to /authorize; not signed in, Registry sends them to the upstream's login.
  const stateA = crypto.randomBytes(12).toString('base64url');
  await page.goto(authorizeUrl(withLogo.body.client_id, stateA));
  const atLogin = new URL(page.url()).origin === upstreamOrigin && await page.locator('input[name="login"]').count() === 1;
  check('/authorize sends a person who is not signed in to the upstream\'s login page', atLogin, [page.url()]);
  if (!atLogin) throw new Error('stopped: no upstream login page');

  await page.locator('input[name="login"]').fill(user);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.waitForLoadState('load');
  // The upstream's own consent prompt (first sign-in of this user to Registry at the upstream).
  if (new URL(page.url()).origin === upstreamOrigin && await page.getByRole('button', { name: 'Continue' }).count() === 1) {
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForLoadState('load');
  }

  // 2. Back at Registry: its consent page.
  const consentUrl = new URL(page.url());
  const onConsent = consentUrl.origin === registryOrigin && await page.locator('form input[name="csrf"]').count() === 1;
  check('after signing in at the upstream, the person lands on Registry\'s consent page', onConsent,
    [page.url(), (await page.content()).slice(0, 1500)]);
  if (!onConsent) throw new Error('stopped: no consent page');
  await page.screenshot({ path: `${screenshotDir}/consent.png`, fullPage: true });

  const lang = await page.locator('html').getAttribute('lang');
  check(`the page declares its language (<html lang="${lang}">)`, Boolean(lang && lang.trim()));
  const title = await page.title();
  check(`the page has a title (${JSON.stringify(title)})`, title.trim().length > 0);
  check('the page has one <main> landmark', await page.getByRole('main').count() === 1);
  const h1 = await page.locator('h1').allInnerTexts();
  check('the page heading (<h1>) names the client', h1.length === 1 && h1[0].includes('Acme Notes & Co'), [`h1: ${JSON.stringify(h1)}`]);
  const clientName = page.locator('#client-name');
  check('the client name is shown as text (#client-name, HTML-escaped "&" reads as "&")',
    await clientName.isVisible() && (await clientName.innerText()).trim() === 'Acme Notes & Co', [`#client-name: ${await clientName.innerText().catch(e => e.message)}`]);
  const redirectHost = page.locator('#redirect-host');
  check(`the redirect host is shown (#redirect-host = ${clientHost}, with or without the port)`,
    await redirectHost.isVisible() && [clientHost, new URL(redirectUri).hostname].includes((await redirectHost.innerText()).trim()), [`#redirect-host: ${await redirectHost.innerText().catch(e => e.message)}`]);
  const scopes = (await page.locator('#scopes li').allInnerTexts()).map(s => s.trim());
  check('each requested scope is listed (#scopes: profile, email)',
    await page.locator('#scopes').isVisible() && ['profile', 'email'].every(s => scopes.some(t => t.includes(s))), [`#scopes li: ${JSON.stringify(scopes)}`]);
  const resources = (await page.locator('#resources li').allInnerTexts()).map(s => s.trim());
  check(`the resource is listed (#resources: ${resource})`,
    await page.locator('#resources').isVisible() && resources.some(t => t.includes(resource)), [`#resources li: ${JSON.stringify(resources)}`]);
  const logo = page.locator('img#client-logo');
  const logoSrc = await logo.count() === 1 ? await logo.getAttribute('src') : null;
  const logoAlt = await logo.count() === 1 ? await logo.getAttribute('alt') : null;
  check('the https logo is shown as <img id="client-logo"> with its URL and a text alternative',
    logoSrc === 'https://logo.example/acme.png' && Boolean(logoAlt && logoAlt.trim()), [`src=${logoSrc} alt=${logoAlt}`]);
  const allow = page.getByRole('button', { name: 'Allow', exact: true });
  const deny = page.getByRole('button', { name: 'Deny', exact: true });
  check('Allow and Deny are buttons with accessible names', await allow.count() === 1 && await deny.count() === 1,
    [`buttons: ${JSON.stringify(await page.getByRole('button').allInnerTexts())}`]);
  const form = page.locator('form:has(#approve)');
  check(`the decision is a POST form to ${as.issuer}/authorize/consent with hidden request and csrf inputs`,
    (await form.getAttribute('method'))?.toLowerCase() === 'post'
      && new URL(await form.getAttribute('action'), page.url()).href === new URL(`${as.issuer.replace(/\/$/, '')}/authorize/consent`).href
      && await form.locator('input[type="hidden"][name="request"]').count() === 1
      && await form.locator('input[type="hidden"][name="csrf"]').count() === 1,
    [`action=${await form.getAttribute('action')} method=${await form.getAttribute('method')}`]);
  info(`consent page: ${await page.locator('script').count()} <script> elements; x-frame-options: ` +
    `${documentHeaders['x-frame-options'] ?? '(none)'}; content-security-policy: ${documentHeaders['content-security-policy'] ?? '(none)'}`);

  // 3. Keyboard only: Tab until Allow has the focus, then Enter.
  let tabs = 0;
  let focused = false;
  for (; tabs < 25 && !focused; tabs++) {
    await page.keyboard.press('Tab');
    focused = await page.locator('#approve').evaluate(el => el === document.activeElement).catch(() => false);
  }
  check(`the Allow button is reachable with the keyboard (${tabs} Tab presses)`, focused);
  const back = await landAtClient(() => focused ? page.keyboard.press('Enter') : allow.click());
  check('Allow sends the browser to the client\'s redirect URI with a code, the state and iss',
    Boolean(back && back.searchParams.get('code') && back.searchParams.get('state') === stateA && back.searchParams.get('iss') === as.issuer),
    [`landed at: ${back?.href ?? page.url()}`]);

  // 4. The second client, whose logo is http: no image; Deny gives access_denied. Signed in already: no login.
  const stateB = crypto.randomBytes(12).toString('base64url');
  await page.goto(authorizeUrl(httpLogo.body.client_id, stateB));
  const secondConsent = new URL(page.url()).origin === registryOrigin && await page.locator('form input[name="csrf"]').count() === 1;
  check('a second client: the signed-in person goes straight to the consent page (no second login)', secondConsent, [page.url()]);
  if (secondConsent) {
    await page.screenshot({ path: `${screenshotDir}/consent-http-logo.png`, fullPage: true });
    check('a client whose logo is http shows no image', await page.locator('img').count() === 0,
      [`img: ${JSON.stringify(await page.locator('img').evaluateAll(imgs => imgs.map(i => i.outerHTML)))}`]);
    check('the heading names the second client', (await page.locator('h1').innerText()).includes('Plain Logo App'));
    const answer = await landAtClient(() => deny.click());
    check('Deny sends the browser back with error=access_denied, the state and iss, and no code',
      Boolean(answer && answer.searchParams.get('error') === 'access_denied' && answer.searchParams.get('state') === stateB
        && answer.searchParams.get('iss') === as.issuer && !answer.searchParams.has('code')),
      [`landed at: ${answer?.href ?? page.url()}`]);
  }

  // 5. The first client again: a public client at a loopback redirect is never approved silently (RFC 8252 section 8.6,
  //    another app could claim its id), so the person sees the page again (no second login) and approves again.
  const stateC = crypto.randomBytes(12).toString('base64url');
  await page.goto(authorizeUrl(withLogo.body.client_id, stateC));
  const askedAgain = new URL(page.url()).origin === registryOrigin && await page.locator('form input[name="csrf"]').count() === 1;
  check('the approved public client asking again is shown the consent page again (no silent approval, no second login)', askedAgain, [page.url()]);
  if (askedAgain) {
    const againUrl = await landAtClient(() => allow.click());
    check('approving again sends the browser back with a code and the state',
      Boolean(againUrl?.searchParams.get('code') && againUrl.searchParams.get('state') === stateC), [`landed at: ${againUrl?.href ?? page.url()}`]);
  }

  check(`Registry's pages made no request to another host (${foreign.length} attempts)`, foreign.length === 0, foreign);
  if (upstreamForeign.size) info(`the upstream's development pages asked for (refused): ${[...upstreamForeign].join(', ')}`);
  info(`logo requests refused by the test (never fetched): ${logoRequests.length}`);
} catch (error) {
  check('the browser flow ran to its end', false, [String(error?.stack ?? error)]);
} finally {
  await browser.close();
  clientServer.close();
}

process.exit(failures === 0 ? 0 : 1);
