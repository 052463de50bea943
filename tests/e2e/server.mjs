// Helpers of the browser tests: a gongkai server on a fresh demo database in a temporary directory,
// the demo accounts, and a headless Debian Chromium driven by playwright-core (never downloaded).
//
// The server: `gongkai init --db <tmp>/e2e.db --demo` with GK_DEMO_PASSWORD set (so every demo
// account has a known password), then `gongkai serve --listen 127.0.0.1:0`, whose printed line
// "gongkai serving http://HOST:PORT/" gives the URL. GONGKAI_BIN names the binary.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const DEMO_PASSWORD = 'E2e-Demo-Passw0rd!';
export const AXE_PATH = join(here, 'node_modules', 'axe-core', 'axe.min.js');

export function gongkaiBin() {
  const bin = process.env.GONGKAI_BIN || join(here, '..', '..', 'build-test', 'gongkai');
  if (!existsSync(bin)) throw new Error(`gongkai binary not found at ${bin} (set GONGKAI_BIN)`);
  return bin;
}

function run(bin, args, env = {}) {
  return execFileSync(bin, args, {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 120_000,
  });
}

// Users of `gongkai user list`: {username, displayName, agency, roles: [codes], disabled}.
export function listUsers(bin, db) {
  return run(bin, ['user', 'list', '--db', db])
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const [username, displayName, agency, roles = '', disabled] = l.split('\t');
      return { username, displayName, agency, roles: roles.split(',').filter(Boolean), disabled: disabled === 'disabled' };
    });
}

// The county government of the demo data: the root of `gongkai agency list`.
export function countyGovernment(bin, db) {
  const lines = run(bin, ['agency', 'list', '--db', db]).split('\n').filter((l) => l.trim());
  const names = lines.map((l) => ({ depth: l.search(/\S/), name: l.trim().replace(/\s+\[.*$/, '') }));
  const county = names.find((a) => /县人民政府$/.test(a.name)) ?? names.find((a) => a.depth === 0);
  if (!county) throw new Error('no agency in the demo data');
  return county.name;
}

// Starts a server on a fresh demo database. Returns {baseURL, db, dir, users, county, password,
// user(role), stop()}; stop() ends the process and removes the directory.
export async function startServer({ threads = 2 } = {}) {
  const bin = gongkaiBin();
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-e2e-'));
  const db = join(dir, 'e2e.db');
  const initOut = run(bin, ['init', '--db', db, '--demo'], { GK_DEMO_PASSWORD: DEMO_PASSWORD });
  // Passwords as printed by init ("  username  password  roles @ agency"), in case the binary
  // ignores GK_DEMO_PASSWORD.
  const printed = new Map();
  for (const m of initOut.matchAll(/^\s+(\S+)\s+(\S+)\s+.+ @ .+$/gm)) printed.set(m[1], m[2]);

  const users = listUsers(bin, db);
  const county = countyGovernment(bin, db);
  const child = spawn(bin, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--threads', String(threads)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env },
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
    if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
  });
  const baseURL = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`gongkai did not start within 30 s:\n${stderr}`)), 30_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/gongkai serving (http:\/\/[\d.]+:\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`gongkai exited with ${code} before serving:\n${stderr}`));
    });
  });
  child.stdout.resume();

  const passwordOf = (username) => (printed.has(username) && !initOut.includes(DEMO_PASSWORD) ? printed.get(username) : DEMO_PASSWORD);
  return {
    baseURL,
    db,
    dir,
    users,
    county,
    bin,
    passwordOf,
    stderr: () => stderr,
    // An enabled user of `agency` (default: the county government) holding `role`; users with
    // fewer roles first, so each step is taken by the role it is meant for.
    user(role, agency = county) {
      const u = users
        .filter((x) => !x.disabled && x.roles.includes(role) && x.agency === agency)
        .sort((a, b) => a.roles.length - b.roles.length)[0];
      if (!u) throw new Error(`no ${role} at ${agency} in the demo data: ${JSON.stringify(users)}`);
      return { ...u, password: passwordOf(u.username) };
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(t);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Debian's Chromium, headless, with nothing that reaches the network by itself.
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: 60_000,
  });
}

// Signs in through the login form of `page` and waits for the back office.
export async function login(page, baseURL, user) {
  await page.goto(`${baseURL}/admin/login`);
  await page.getByLabel('用户名').fill(user.username);
  await page.getByLabel('密码').fill(user.password);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: '登录' }).click()]);
  const url = new URL(page.url());
  if (!url.pathname.startsWith('/admin') || url.pathname === '/admin/login') {
    const alert = await page.getByRole('alert').allInnerTexts().catch(() => []);
    throw new Error(`login of ${user.username} failed at ${page.url()}: ${alert.join(' ')}`);
  }
}

export async function logout(page) {
  await Promise.all([page.waitForURL(/\/admin\/login/), page.getByRole('button', { name: '退出' }).click()]);
}
