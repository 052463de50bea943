// Test harness shared by the HTTP integration tests (tests/integration) and the browser tests
// (tests/e2e): runs the real `gongkai` binary ($GONGKAI_BIN) on a temporary database, starts a server
// on 127.0.0.1 with an OS-chosen port, and offers small HTTP helpers (cookie jar, back-office login
// with CSRF, form posts, JSON API calls). Only node built-ins are used.
//
//   import { startServer } from '../integration/server.mjs';
//   const srv = await startServer();              // init --demo, serve, wait until it answers
//   const token = await srv.token('someuser');    // `gongkai token create`
//   const res = await apiFetch(srv, 'GET', '/api/v1/items');
//   const staff = await login(srv.baseUrl, 'someuser', DEMO_PASSWORD);
//   await staff.postForm('/admin/logout', {});
//   await srv.stop();
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// Password every demo account gets (GK_DEMO_PASSWORD at `init --demo`); satisfies the password policy.
export const DEMO_PASSWORD = 'Demo-Passw0rd!';

// Path of the gongkai binary under test.
export function gongkaiBin() {
  const bin = process.env.GONGKAI_BIN;
  if (!bin) throw new Error('GONGKAI_BIN is not set (e.g. GONGKAI_BIN=build-dev/gongkai node --test tests/integration/)');
  if (!existsSync(bin)) throw new Error(`GONGKAI_BIN=${bin} does not exist; build it first`);
  return path.resolve(bin);
}

// Runs `gongkai ...args` to completion. Resolves {code, signal, stdout, stderr}; never rejects on a
// non-zero exit (tests assert on it).
export function runCli(args, { env = {}, input, timeoutMs = 120_000, password = DEMO_PASSWORD } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(gongkaiBin(), args, {
      env: { ...process.env, GK_DEMO_PASSWORD: password, ...env },
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    if (input !== undefined) {
      child.stdin.on('error', () => {}); // the command may exit before reading it
      child.stdin.end(input);
    }
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

// Parses `gongkai user list` output: username \t display name \t agency \t role codes [\t disabled].
export function parseUserList(text) {
  return text
    .split('\n')
    .filter((l) => l.includes('\t'))
    .map((l) => {
      const [username, displayName, agency, roles = '', flag = ''] = l.split('\t');
      return { username, displayName, agency, roles: roles ? roles.split(',') : [], disabled: flag === 'disabled' };
    });
}

// Picks, within one agency, one user for each role of the publishing chain (preferring users who
// hold only that chain role, so that "wrong role" tests are meaningful). Returns
// {agency, drafter, secrecy, reviewer, signer} (usernames), or null when no agency has all four.
export function workflowTeam(users, { excludeAgencies = [] } = {}) {
  const chain = ['drafter', 'secrecy', 'reviewer', 'signer'];
  const byAgency = new Map();
  for (const u of users.filter((x) => !x.disabled)) {
    if (!byAgency.has(u.agency)) byAgency.set(u.agency, []);
    byAgency.get(u.agency).push(u);
  }
  const teams = [];
  for (const [agency, list] of byAgency) {
    if (excludeAgencies.includes(agency)) continue;
    const team = { agency };
    let score = 0;
    for (const role of chain) {
      const holders = list.filter((u) => u.roles.includes(role));
      if (holders.length === 0) break;
      // Fewest chain roles first: a pure drafter is the best "wrong role" for a secrecy review.
      holders.sort((a, b) => a.roles.filter((r) => chain.includes(r)).length - b.roles.filter((r) => chain.includes(r)).length);
      team[role] = holders[0].username;
      score += holders[0].roles.filter((r) => chain.includes(r)).length;
    }
    if (chain.every((r) => team[r])) teams.push({ team, score });
  }
  teams.sort((a, b) => a.score - b.score);
  return teams.length ? teams[0].team : null;
}

// Starts a server. Options:
//   demo (true): `init --demo`; init (true): run init at all (false to serve an existing dbPath);
//   dbPath: database file (default <tmpdir>/t.db); password (DEMO_PASSWORD): GK_DEMO_PASSWORD, the
//   password of every demo account; threads: `serve --threads`; env: extra environment.
// Resolves a Server: {baseUrl, port, dbPath, dir, password, initOutput, log(), url(p), cli(args),
// token(user), users(), stop()}.
export async function startServer({
  demo = true,
  init = true,
  dbPath,
  password = DEMO_PASSWORD,
  threads,
  env = {},
  args = [],
  startTimeoutMs = 90_000,
} = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongkai-test-'));
  dbPath ??= path.join(dir, 't.db');
  let initOutput = '';
  if (init) {
    const r = await runCli(['init', '--db', dbPath, ...(demo ? ['--demo'] : [])], { timeoutMs: 300_000, password, env });
    if (r.code !== 0) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`gongkai init failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
    }
    initOutput = r.stdout;
  }

  const serveArgs = ['serve', '--db', dbPath, '--listen', '127.0.0.1:0', ...(threads ? ['--threads', String(threads)] : []), ...args];
  const child = spawn(gongkaiBin(), serveArgs, {
    env: { ...process.env, GK_DEMO_PASSWORD: password, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let output = '';
  const keep = (d) => {
    output += d;
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stderr.setEncoding('utf8').on('data', keep);
  // 'error' (the binary could not be started) settles like an exit, so start-up fails at once.
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (err) => {
      output += `\nspawn failed: ${err.message}`;
      resolve({ code: null, signal: null });
    });
  });

  const baseUrl = await new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`server did not start within ${startTimeoutMs} ms:\n${output}`)), startTimeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d) => {
      keep(d);
      stdout += d;
      const m = stdout.match(/gongkai serving (http:\/\/[^\s/]+)\//);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited (code ${code}, signal ${signal}) before serving:\n${output}`));
    });
  }).catch((e) => {
    child.kill('SIGKILL');
    process.removeListener('exit', killOnExit);
    rmSync(dir, { recursive: true, force: true });
    throw e;
  });

  // Wait until it answers HTTP.
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    try {
      const r = await fetch(baseUrl + '/robots.txt');
      await r.arrayBuffer();
      break;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`server at ${baseUrl} does not answer: ${e.message}`);
      await new Promise((res) => setTimeout(res, 100));
    }
  }

  let stopped = false;
  const server = {
    baseUrl,
    port: Number(new URL(baseUrl).port),
    dbPath,
    dir,
    password,
    initOutput,
    process: child,
    // Server output so far (stdout and stderr), for failure messages.
    log: () => output,
    url: (p) => baseUrl + p,
    // Runs a gongkai command (e.g. ['user', 'list', '--db', srv.dbPath]).
    cli: (args, opts) => runCli(args, { password, ...opts }),
    // Creates an API token for a user with `gongkai token create` and returns it.
    async token(username) {
      const r = await runCli(['token', 'create', '--db', dbPath, '--user', username, '--label', 'test']);
      const tok = r.stdout.trim().split('\n').pop();
      if (r.code !== 0 || !tok) throw new Error(`token create for ${username} failed (exit ${r.code}): ${r.stderr}`);
      return tok;
    },
    // The users of the database (`gongkai user list`).
    async users() {
      const r = await runCli(['user', 'list', '--db', dbPath]);
      if (r.code !== 0) throw new Error(`user list failed: ${r.stderr}`);
      return parseUserList(r.stdout);
    },
    // Sends SIGTERM, waits for the exit (SIGKILL after 15 s), removes the temporary directory
    // (kept when GK_KEEP_TEST_DB is set). Resolves {code, signal}.
    async stop() {
      if (stopped) return exited;
      stopped = true;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const result = await exited;
      clearTimeout(timer);
      process.removeListener('exit', killOnExit);
      if (!process.env.GK_KEEP_TEST_DB) rmSync(dir, { recursive: true, force: true });
      return result;
    },
  };
  return server;
}

// ---- HTTP helpers -------------------------------------------------------------------------------

// A minimal cookie jar for one site.
export class CookieJar {
  constructor() {
    this.cookies = new Map();
  }
  // Stores the Set-Cookie headers of a response (Max-Age=0 or an empty value deletes).
  update(res) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age\s*=\s*0\s*$/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  get(name) {
    return this.cookies.get(name);
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

// The value of the first hidden `_csrf` input of an HTML page, or null.
export function extractCsrf(html) {
  const m = html.match(/<input[^>]*name="_csrf"[^>]*value="([^"]*)"/) ?? html.match(/<input[^>]*value="([^"]*)"[^>]*name="_csrf"/);
  return m ? m[1] : null;
}

// fetch with the jar's cookies; does not follow redirects (tests look at them). Updates the jar.
export async function jarFetch(baseUrl, jar, p, init = {}) {
  const headers = new Headers(init.headers ?? {});
  const cookie = jar.header();
  if (cookie) headers.set('cookie', cookie);
  const res = await fetch(baseUrl + p, { redirect: 'manual', ...init, headers });
  jar.update(res);
  return res;
}

// Posts an application/x-www-form-urlencoded form. `fields` is an object or an array of pairs (for
// repeated fields). Resolves {status, headers, text, location}.
export async function postForm(baseUrl, jar, p, fields) {
  const body = new URLSearchParams(Array.isArray(fields) ? fields : Object.entries(fields));
  const res = await jarFetch(baseUrl, jar, p, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  return { status: res.status, headers: res.headers, text: await res.text(), location: res.headers.get('location') };
}

// One sign-in attempt at /admin/login (GET the form for the gk_csrf cookie and the hidden _csrf, then
// POST username, password and _csrf). Resolves {status, text, location, jar}; status 303 on success
// (the jar then holds gk_session).
export async function attemptLogin(baseUrl, username, password, { jar = new CookieJar(), next = '/admin' } = {}) {
  const form = await jarFetch(baseUrl, jar, '/admin/login');
  const html = await form.text();
  const csrf = extractCsrf(html);
  if (!csrf) throw new Error(`no _csrf field on /admin/login (status ${form.status})`);
  const res = await postForm(baseUrl, jar, '/admin/login', { username, password, _csrf: csrf, next });
  return { ...res, jar };
}

// Signs in and returns a Session: {jar, csrf, username, fetch(p, init), get(p), postForm(p, fields, {csrf})}.
// `csrf` is the session's token, read from the back-office home page's forms. postForm adds `_csrf`
// unless {csrf: false} is passed (to test the CSRF check).
export async function login(baseUrl, username, password = DEMO_PASSWORD) {
  const r = await attemptLogin(baseUrl, username, password);
  if (r.status !== 303 || !r.jar.get('gk_session')) {
    throw new Error(`login as ${username} failed: HTTP ${r.status}\n${r.text.slice(0, 500)}`);
  }
  const jar = r.jar;
  const session = {
    jar,
    username,
    csrf: null,
    fetch: (p, init) => jarFetch(baseUrl, jar, p, init),
    async get(p) {
      const res = await jarFetch(baseUrl, jar, p);
      return { status: res.status, headers: res.headers, text: await res.text(), location: res.headers.get('location') };
    },
    async refreshCsrf(p = '/admin') {
      const page = await session.get(p);
      session.csrf = extractCsrf(page.text) ?? session.csrf;
      return session.csrf;
    },
    async postForm(p, fields, { csrf = true } = {}) {
      let pairs = Array.isArray(fields) ? [...fields] : Object.entries(fields);
      if (csrf) {
        if (!session.csrf) await session.refreshCsrf();
        if (!session.csrf) throw new Error('no _csrf found on /admin; call refreshCsrf(page) with a page that has a form');
        pairs = [...pairs.filter(([k]) => k !== '_csrf'), ['_csrf', session.csrf]];
      }
      return postForm(baseUrl, jar, p, pairs);
    },
  };
  await session.refreshCsrf(r.location && r.location.startsWith('/') ? r.location : '/admin');
  return session;
}

// Calls the JSON API. `body` (an object) is sent as JSON; `rawBody` as is. Resolves
// {status, headers, json (null when the answer is not JSON), text}.
export async function apiFetch(server, method, p, { token, body, rawBody, headers = {} } = {}) {
  const h = new Headers(headers);
  if (token) h.set('authorization', `Bearer ${token}`);
  let payload;
  if (body !== undefined) {
    payload = JSON.stringify(body);
    if (!h.has('content-type')) h.set('content-type', 'application/json');
  } else if (rawBody !== undefined) {
    payload = rawBody;
  }
  const res = await fetch(server.baseUrl + p, { method, headers: h, body: payload, redirect: 'manual' });
  const text = await res.text();
  let json = null;
  if ((res.headers.get('content-type') ?? '').includes('application/json')) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  return { status: res.status, headers: res.headers, json, text };
}

// Runs an SQL query read-only with the sqlite3 command-line tool (for assertions such as "no audit
// event was written"); returns the rows as arrays of strings.
export async function sqlite(dbPath, sql) {
  return new Promise((resolve, reject) => {
    const child = spawn('sqlite3', ['-readonly', '-separator', '\t', dbPath, sql], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`sqlite3 failed (${code}): ${err}`));
      resolve(out.split('\n').filter((l) => l !== '').map((l) => l.split('\t')));
    });
  });
}
