// A minimal programmatic "browser" for the front channel of an authorization: fetch with redirect: 'manual', a
// cookie jar, and just enough HTML form reading to sign in at node-oidc-provider's development login, confirm its
// consent prompt and answer Registry's consent page. Used by the node --test files in tests/interop.
//
// Cookies are kept per host, not per port, as browsers do (RFC 6265 §8.5): Registry and the upstream both run on
// 127.0.0.1 and see each other's cookies, exactly as in a real browser. Path and Max-Age/Expires are honoured;
// Domain is ignored (every cookie is host-only); Secure cookies are still sent over http to loopback hosts.

const MAX_STEPS = 30;

/** Decodes the HTML character references an encoder may produce (named basics and numeric ones). */
export function decodeHtml(text) {
  const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return String.fromCodePoint(code);
    }
    return named[ref.toLowerCase()] ?? whole;
  });
}

/** The attributes of one start tag's text, names lower-cased, values decoded. */
export function attributes(tag) {
  const result = {};
  const body = tag.replace(/^<[a-z0-9]+/i, '').replace(/\/?>$/, '');
  for (const m of body.matchAll(/([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g)) {
    result[m[1].toLowerCase()] = decodeHtml(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return result;
}

/**
 * The forms of a page: action (absolute, resolved against the page URL), method, the named inputs' values (hidden
 * and others, as the page gives them) and the submit buttons (name/value/id/text).
 */
export function parseForms(html, pageUrl) {
  const forms = [];
  for (const m of html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/gi)) {
    const attrs = attributes(m[0].match(/^<form\b[^>]*>/i)[0]);
    const inputs = {};
    for (const input of m[1].matchAll(/<input\b[^>]*>/gi)) {
      const a = attributes(input[0]);
      if (a.name !== undefined) inputs[a.name] = a.value ?? '';
    }
    const buttons = [];
    for (const button of m[1].matchAll(/<button\b([^>]*)>([\s\S]*?)<\/button>/gi)) {
      const a = attributes(`<button${button[1]}>`);
      buttons.push({ ...a, text: decodeHtml(button[2].replace(/<[^>]*>/g, '')).trim() });
    }
    forms.push({
      action: new URL(attrs.action ?? '', pageUrl).href,
      method: (attrs.method ?? 'get').toLowerCase(),
      inputs,
      buttons,
    });
  }
  return forms;
}

export class CookieJar {
  #cookies = new Map(); // key host|path|name -> { host, path, name, value, expires }

  /** Stores the Set-Cookie headers of a response to a request for `url`. */
  store(url, response) {
    const { hostname, pathname } = new URL(url);
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attrs] = header.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      // RFC 6265 §5.1.4: the default path is the request path up to its last "/".
      let path = pathname.lastIndexOf('/') > 0 ? pathname.slice(0, pathname.lastIndexOf('/')) : '/';
      let expires;
      for (const attr of attrs) {
        const [k, ...v] = attr.split('=');
        const key = k.trim().toLowerCase();
        const val = v.join('=').trim();
        if (key === 'path' && val.startsWith('/')) path = val;
        else if (key === 'max-age' && /^-?\d+$/.test(val)) expires = Date.now() + Number(val) * 1000;
        else if (key === 'expires' && expires === undefined && !Number.isNaN(Date.parse(val))) expires = Date.parse(val);
      }
      const id = `${hostname}|${path}|${name}`;
      if (expires !== undefined && expires <= Date.now()) this.#cookies.delete(id);
      else this.#cookies.set(id, { host: hostname, path, name, value, expires });
    }
  }

  /** The Cookie header for a request to `url`, or undefined when no cookie applies. */
  header(url) {
    const { hostname, pathname } = new URL(url);
    const now = Date.now();
    const matching = [...this.#cookies.values()]
      .filter(c => c.host === hostname && (c.expires === undefined || c.expires > now))
      .filter(c => pathname === c.path || pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .sort((a, b) => b.path.length - a.path.length);
    return matching.length ? matching.map(c => `${c.name}=${c.value}`).join('; ') : undefined;
  }

  /** The names of the cookies held for a host (any path). */
  names(host) {
    return [...this.#cookies.values()].filter(c => c.host === host).map(c => c.name);
  }
}

export class Browser {
  jar = new CookieJar();
  /** Every request made: { method, url, status, location? }. */
  history = [];

  /** One request, no redirect followed; cookies sent and stored. `form`: an object posted urlencoded. */
  async request(url, { method = 'GET', form } = {}) {
    const headers = { accept: 'text/html,application/xhtml+xml' };
    const cookie = this.jar.header(url);
    if (cookie) headers.cookie = cookie;
    let body;
    if (form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(form).toString();
    }
    const response = await fetch(url, { method, headers, body, redirect: 'manual' });
    this.jar.store(url, response);
    const location = response.headers.get('location');
    this.history.push({ method, url: String(url), status: response.status, ...(location ? { location } : {}) });
    return response;
  }

  /** The steps taken so far, one line each, for assertion messages. */
  trace() {
    return this.history.map(h => `${h.method} ${h.url} -> ${h.status}${h.location ? ` ${h.location}` : ''}`).join('\n');
  }
}

/** The kind of page an HTML body is, by its forms: the upstream's login or consent, Registry's consent, or unknown. */
export function pageKind(forms) {
  if (forms.some(f => f.inputs.prompt === 'login' && 'login' in f.inputs)) return 'upstream-login';
  if (forms.some(f => f.inputs.prompt === 'consent')) return 'upstream-consent';
  if (forms.some(f => 'request' in f.inputs && 'csrf' in f.inputs)) return 'registry-consent';
  return 'unknown';
}

/**
 * Follows an authorization through the front channel, as a person in a browser would: from `authorizeUrl` (the
 * client's request to Registry's /authorize) through redirects, the upstream's login (signing in as `login`) and
 * consent, and Registry's consent page (answered with `decision`), until a redirect to `redirectUri` (not
 * fetched). Returns { location: URL, params: URLSearchParams, pages: [kind...], consentHtml, browser }.
 * Throws, with the trace, on anything else (an error page, a loop, an unexpected page).
 */
export async function authorize(authorizeUrl, { redirectUri, login = 'alice', decision = 'approve', browser = new Browser(), onConsentPage } = {}) {
  const target = new URL(redirectUri);
  const isRedirectTarget = url => url.origin === target.origin && url.pathname === target.pathname;
  const pages = [];
  let consentHtml;
  let next = { url: new URL(authorizeUrl), method: 'GET' };

  for (let step = 0; step < MAX_STEPS; step++) {
    if (isRedirectTarget(next.url)) {
      return { location: next.url, params: next.url.searchParams, pages, consentHtml, browser };
    }
    const response = await browser.request(next.url, { method: next.method, form: next.form });
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      const location = response.headers.get('location');
      if (!location) throw new Error(`redirect without Location\n${browser.trace()}`);
      next = { url: new URL(location, next.url), method: 'GET' };
      continue;
    }
    const html = await response.text();
    if (response.status !== 200) {
      throw new Error(`${response.status} from ${next.method} ${next.url}\n${html.slice(0, 2000)}\n--- trace:\n${browser.trace()}`);
    }
    const forms = parseForms(html, next.url);
    const kind = pageKind(forms);
    pages.push(kind);
    if (kind === 'upstream-login') {
      const form = forms.find(f => f.inputs.prompt === 'login');
      next = { url: new URL(form.action), method: 'POST', form: { ...form.inputs, login, password: 'any password' } };
    } else if (kind === 'upstream-consent') {
      const form = forms.find(f => f.inputs.prompt === 'consent');
      next = { url: new URL(form.action), method: 'POST', form: { ...form.inputs } };
    } else if (kind === 'registry-consent') {
      consentHtml = html;
      await onConsentPage?.(html, next.url);
      const form = forms.find(f => 'request' in f.inputs && 'csrf' in f.inputs);
      next = { url: new URL(form.action), method: form.method.toUpperCase(), form: { ...form.inputs, decision } };
    } else {
      throw new Error(`unexpected page at ${next.url}\n${html.slice(0, 2000)}\n--- trace:\n${browser.trace()}`);
    }
  }
  throw new Error(`no redirect to ${redirectUri} after ${MAX_STEPS} steps\n${browser.trace()}`);
}
