// Web-layer protections a user or an auditor relies on: CSRF on back-office forms, the sign-in
// throttle, Chinese error pages, and security headers.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { apiFetch, attemptLogin, CookieJar, DEMO_PASSWORD, jarFetch, login, postForm, startServer } from './server.mjs';
import { CHINESE } from './fixtures.mjs';

let srv;
let users;
before(async () => {
  srv = await startServer();
  users = (await srv.users()).filter((u) => !u.disabled);
  assert.ok(users.length >= 2, 'the demo has users');
});
after(async () => {
  if (srv) await srv.stop();
});

describe('CSRF', () => {
  test('a back-office form POST without or with a wrong _csrf is refused (403) and changes nothing', async () => {
    const staff = await login(srv.baseUrl, users[0].username, DEMO_PASSWORD);
    assert.ok(staff.csrf, 'the back office pages carry a _csrf field');
    const home = await staff.get('/admin');
    assert.equal(home.status, 200, 'signed in');

    const missing = await staff.postForm('/admin/logout', {}, { csrf: false });
    assert.equal(missing.status, 403);
    assert.match(missing.text, CHINESE);
    const wrong = await staff.postForm('/admin/logout', { _csrf: 'f'.repeat(64) }, { csrf: false });
    assert.equal(wrong.status, 403);
    assert.equal((await staff.get('/admin')).status, 200, 'still signed in: the forged logout did nothing');

    const ok = await staff.postForm('/admin/logout', {});
    assert.equal(ok.status, 303, 'the same form with the right token works');
    const afterLogout = await staff.get('/admin');
    assert.equal(afterLogout.status, 303);
    assert.match(afterLogout.location, /^\/admin\/login/);
  });

  test('the sign-in form itself needs its _csrf; without it no session is opened', async () => {
    const jar = new CookieJar();
    await (await jarFetch(srv.baseUrl, jar, '/admin/login')).text();
    const r = await postForm(srv.baseUrl, jar, '/admin/login', { username: users[1].username, password: DEMO_PASSWORD });
    assert.equal(r.status, 403);
    assert.match(r.text, CHINESE);
    assert.equal(jar.get('gk_session'), undefined);
  });

  test('the JSON API does not use CSRF tokens (bearer tokens cannot be sent by another site)', async () => {
    const r = await apiFetch(srv, 'POST', '/api/v1/drafts', { body: {} });
    assert.equal(r.status, 401, 'no CSRF page, just the missing token');
    assert.ok(r.json.error);
  });
});

describe('sign-in throttle', () => {
  test('after 5 wrong passwords even the right one is refused with 429', async () => {
    const victim = users[users.length - 1].username;
    for (let k = 1; k <= 5; k += 1) {
      const r = await attemptLogin(srv.baseUrl, victim, `wrong-Passw0rd-${k}`);
      assert.equal(r.status, 401, `attempt ${k}`);
      assert.ok(r.text.includes('用户名或密码不正确'), `attempt ${k} says why in Chinese`);
      assert.equal(r.jar.get('gk_session'), undefined);
    }
    const locked = await attemptLogin(srv.baseUrl, victim, DEMO_PASSWORD);
    assert.equal(locked.status, 429);
    assert.ok(locked.text.includes('登录失败次数过多'), 'the page explains the lock');
    assert.equal(locked.jar.get('gk_session'), undefined, 'no session while locked');
    // Other accounts are not locked by it.
    const other = await attemptLogin(srv.baseUrl, users[0].username, DEMO_PASSWORD);
    assert.equal(other.status, 303);
  });
});

describe('error pages and headers', () => {
  test('a page that does not exist is a 404 with a Chinese page', async () => {
    for (const p of ['/no-such-page', '/items/99999999', '/agencies/abc/nothing']) {
      const res = await fetch(srv.url(p));
      assert.equal(res.status, 404, p);
      assert.match(res.headers.get('content-type'), /^text\/html/);
      const html = await res.text();
      assert.ok(html.includes('页面不存在'), `${p}: Chinese heading`);
      assert.ok(/<html[^>]*lang="zh/.test(html), `${p}: the page declares Chinese`);
    }
  });

  test('security headers on pages and API answers; API answers are not cached', async () => {
    for (const p of ['/', '/api/v1/items', '/admin/login']) {
      const res = await fetch(srv.url(p));
      await res.arrayBuffer();
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', p);
      assert.ok(res.headers.get('content-security-policy'), p);
    }
    const api = await fetch(srv.url('/api/v1/items'));
    await api.arrayBuffer();
    assert.equal(api.headers.get('cache-control'), 'no-store');
  });

  // A 401 of a token route goes through the common tail: security
  // headers, Cache-Control and a WWW-Authenticate challenge are added.
  test('a 401 from a token endpoint carries the security headers and a Bearer challenge', async () => {
    const res = await fetch(srv.url('/api/v1/drafts'), { method: 'POST' });
    await res.arrayBuffer();
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
  });
});

describe('page cache', () => {
  // Raw GET with an explicit Host header (fetch does not allow setting Host).
  const getWithHost = (host, target) =>
    new Promise((resolve, reject) => {
      const u = new URL(srv.baseUrl);
      const req = http.request({ hostname: u.hostname, port: u.port, path: target, headers: { Host: host } }, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (d) => (body += d)).on('end', () => resolve({ status: res.statusCode, body }));
      });
      req.on('error', reject);
      req.end();
    });

  test('a forged Host header cannot put its URLs into the cached sitemap others receive', async () => {
    const forged = await getWithHost('evil.example', '/sitemap.xml');
    assert.equal(forged.status, 200);
    const real = await fetch(srv.url('/sitemap.xml'));
    const text = await real.text();
    assert.ok(!text.includes('evil.example'), 'the sitemap served to others names only the real host');
    assert.ok(text.includes(new URL(srv.baseUrl).host), 'absolute URLs use the requested host');
  });
});

describe('large-text switch', () => {
  test('sets the preference and returns only to local pages', async () => {
    const ok = await fetch(srv.url('/text-size?size=large&back=%2Fitems'), { redirect: 'manual' });
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.get('location'), '/items');
    assert.match(ok.headers.get('set-cookie'), /gk_large=1/);
    for (const back of ['//evil.example/', '/\\evil.example/', 'https://evil.example/']) {
      const r = await fetch(srv.url('/text-size?size=large&back=' + encodeURIComponent(back)), { redirect: 'manual' });
      assert.equal(r.headers.get('location'), '/', `no redirect to ${back}`);
    }
    const page = await fetch(srv.url('/items'), { headers: { cookie: 'gk_large=1' } });
    assert.match(await page.text(), /<html lang="zh-CN" class="large-text">/);
  });
});
