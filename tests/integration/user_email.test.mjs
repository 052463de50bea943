// The optional 电子邮箱 of a back-office user on the user form (/admin/users): validated with the
// applicants' e-mail rule, stored in users.email, audited, shown in the users list; a reminder of an
// overdue application then reaches the clerk whose address was set there.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { login, sqlite, startServer, workflowTeam } from './server.mjs';

let srv;
let users;
before(async () => {
  srv = await startServer();
  users = await srv.users();
});
after(async () => {
  if (srv) await srv.stop();
});

function chinaDate(daysAgo) {
  return new Date(Date.now() + 8 * 3600_000 - daysAgo * 86400_000).toISOString().slice(0, 10);
}

test('an administrator sets a clerk\'s e-mail on the user form and the reminders reach it', async () => {
  const team = workflowTeam(users);
  const admin = users.find((u) => u.roles.includes('platform_admin') && !u.disabled);
  assert.ok(admin, 'the demo has a platform administrator');
  const session = await login(srv.baseUrl, admin.username);
  const [[clerkId, agencyId]] = await sqlite(srv.dbPath,
    `SELECT u.id, u.agency_id FROM users u WHERE u.username = '${team.drafter}'`);
  const roles = (await sqlite(srv.dbPath, `SELECT role FROM user_roles WHERE user_id = ${clerkId}`)).map((r) => r[0]);
  const form = await session.get(`/admin/users/${clerkId}/edit`);
  assert.equal(form.status, 200);
  assert.match(form.text, /<label[^>]*for="f-email"[^>]*>电子邮箱/);
  await session.refreshCsrf(`/admin/users/${clerkId}/edit`);
  const base = [['display_name', users.find((u) => u.username === team.drafter).displayName],
    ['agency_id', String(agencyId)], ...roles.map((r) => ['roles', r])];

  // A malformed address is refused beside the field, nothing stored.
  const bad = await session.postForm(`/admin/users/${clerkId}`, [...base, ['email', 'clerk@@example']]);
  assert.equal(bad.status, 400);
  assert.match(bad.text, /id="f-email-error"/);
  assert.equal((await sqlite(srv.dbPath, `SELECT COALESCE(NULLIF(email, ''), '-') FROM users WHERE id = ${clerkId}`))[0][0], '-');

  const address = `Clerk-${process.pid}@Example.GOV.cn`;
  const saved = await session.postForm(`/admin/users/${clerkId}`, [...base, ['email', ` ${address} `]]);
  assert.equal(saved.status, 303, saved.text.slice(0, 300));
  const stored = (await sqlite(srv.dbPath, `SELECT email FROM users WHERE id = ${clerkId}`))[0][0];
  assert.equal(stored.toLowerCase(), address.toLowerCase(), 'stored (normalized) in users.email');
  const audit = await sqlite(srv.dbPath,
    `SELECT COUNT(*) FROM audit_events WHERE entity = 'user' AND entity_id = ${clerkId} AND instr(after_json, '${stored}') > 0`);
  assert.equal(Number(audit[0][0]) >= 1, true, 'the change is audited');
  const list = await session.get('/admin/users');
  assert.ok(list.text.includes(stored), 'the users list shows the address');

  // An overdue application of the clerk's agency: the reminder goes to the address.
  const clerk = await login(srv.baseUrl, team.drafter);
  await clerk.refreshCsrf('/admin/applications/new');
  const reg = await clerk.postForm('/admin/applications/new', {
    category: 'person', name: '吴九', id_type: 'resident_id', id_number: '11010519491231002X', phone: '13812341235',
    email: '', address: '云溪县城关镇人民路9号', agency_id: String(agencyId),
    description: `邮箱提醒测试${process.pid}：本县2025年农村公路养护资金分配文件`, form: 'paper', delivery: 'pickup',
    channel: 'post_signed', received_date: chinaDate(60),
  });
  assert.equal(reg.status, 200);
  const code = reg.text.match(/\d{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/)[0];
  const [[caseId]] = await sqlite(srv.dbPath, `SELECT id FROM applications WHERE code = '${code}'`);
  const run = await srv.cli(['notify', 'reminders', '--db', srv.dbPath]);
  assert.equal(run.code, 0, run.stderr);
  const queued = await sqlite(srv.dbPath,
    `SELECT COUNT(*) FROM outbox WHERE recipient = '${stored}' AND dedupe_key LIKE 'reminder:${caseId}:overdue:%'`);
  assert.equal(Number(queued[0][0]), 1, 'one 超期 reminder to the address set on the user form');

  // Cleared on the form: no address any more.
  assert.equal((await session.postForm(`/admin/users/${clerkId}`, [...base, ['email', '']])).status, 303);
  assert.equal((await sqlite(srv.dbPath, `SELECT COALESCE(NULLIF(email, ''), '-') FROM users WHERE id = ${clerkId}`))[0][0], '-');
});
