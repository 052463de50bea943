// Behind nginx (`serve --behind-proxy`) every request comes from 127.0.0.1: the sign-in throttle
// must count real clients (the last X-Forwarded-For entry), or one attacker would lock out everyone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD, startServer } from './server.mjs';

let srv;
before(async () => {
  srv = await startServer({ args: ['--behind-proxy'] });
});
after(async () => {
  if (srv) await srv.stop();
});

// One sign-in attempt as the client `ip` (as the proxy reports it); returns the HTTP status.
async function loginFrom(ip, username, password) {
  const headers = { 'X-Forwarded-For': `203.0.113.250, ${ip}` };
  const form = await fetch(srv.url('/admin/login'), { headers });
  const cookie = (form.headers.get('set-cookie') || '').split(';')[0];
  const csrf = (await form.text()).match(/name="_csrf" value="([0-9a-f]{64})"/)[1];
  const res = await fetch(srv.url('/admin/login'), {
    method: 'POST',
    redirect: 'manual',
    headers: { ...headers, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password, _csrf: csrf, next: '/admin' }),
  });
  await res.arrayBuffer();
  return res.status;
}

test('the per-IP throttle locks the attacking client only, not everyone behind the proxy', async () => {
  const attacker = '198.51.100.7';
  for (let i = 0; i < 20; i++) {
    assert.equal(await loginFrom(attacker, `nobody${i}`, 'wrong-password'), 401);
  }
  assert.equal(await loginFrom(attacker, 'county.drafter', DEMO_PASSWORD), 429, 'the attacking address is locked');
  assert.equal(await loginFrom('198.51.100.8', 'county.drafter', DEMO_PASSWORD), 303, 'another client signs in');
});
