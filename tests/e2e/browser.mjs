// Helpers of the browser tests. The server comes from the shared harness of the integration tests
// (../integration/server.mjs: `init --demo` with GK_DEMO_PASSWORD on a temporary database, `serve` on
// 127.0.0.1:0); this module adds the demo team of the county government, a headless Debian
// Chromium driven by playwright-core (never a downloaded browser), and sign-in through the form.
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer as startHarness, DEMO_PASSWORD } from '../integration/server.mjs';

export { DEMO_PASSWORD };

const here = dirname(fileURLToPath(import.meta.url));
export const AXE_PATH = join(here, 'node_modules', 'axe-core', 'axe.min.js');

// The county government of the demo data: the agency named …县人民政府, else the root of
// `gongkai agency list`.
async function countyGovernment(srv) {
  const r = await srv.cli(['agency', 'list', '--db', srv.dbPath]);
  if (r.code !== 0) throw new Error(`agency list failed: ${r.stderr}`);
  const agencies = r.stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => ({ depth: l.search(/\S/), name: l.trim().replace(/\s+\[.*$/, '') }));
  const county = agencies.find((a) => /县人民政府$/.test(a.name)) ?? agencies.find((a) => a.depth === 0);
  if (!county) throw new Error(`no agency in the demo data:\n${r.stdout}`);
  return county.name;
}

// Starts a server on a fresh demo database. Resolves the harness's server plus
// {baseURL, users, county, user(role, agency = county)}: user() gives an enabled user of the agency
// holding `role` (those with the fewest roles first, so each step is taken by the role meant for
// it) as {username, password, roles, ...}.
export async function startServer() {
  const srv = await startHarness();
  try {
    const users = await srv.users();
    const county = await countyGovernment(srv);
    return Object.assign(srv, {
      baseURL: srv.baseUrl,
      userList: users,
      county,
      user(role, agency = county) {
        const u = users
          .filter((x) => !x.disabled && x.roles.includes(role) && x.agency === agency)
          .sort((a, b) => a.roles.length - b.roles.length)[0];
        if (!u) throw new Error(`no enabled ${role} at ${agency} in the demo data: ${JSON.stringify(users)}`);
        return { ...u, password: DEMO_PASSWORD };
      },
    });
  } catch (e) {
    await srv.stop();
    throw e;
  }
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

// Signs in through the login form of `page`; throws with the page's alert when it fails.
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

// Signs out with the back-office header's 退出 button.
export async function logout(page) {
  await Promise.all([page.waitForURL(/\/admin\/login/), page.getByRole('button', { name: '退出' }).click()]);
}
