// Applications in the JSON API: public submission and status by code and password; staff list,
// detail and steps with a bearer token, refused where the table or the role does not allow them.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiFetch, sqlite, startServer, workflowTeam } from './server.mjs';
import { CHINESE } from './fixtures.mjs';

let srv;
let team;
let agencyId;
before(async () => {
  srv = await startServer();
  team = workflowTeam(await srv.users());
  agencyId = Number((await sqlite(srv.dbPath, `SELECT id FROM agencies WHERE name = '${team.agency}'`))[0][0]);
});
after(async () => {
  if (srv) await srv.stop();
});

const company = () => ({
  agency_id: agencyId, category: 'commercial', name: '云溪县青禾农业科技有限公司', credit_code: '91110000MA01234568',
  legal_rep: '王五', contact_person: '赵六', phone: '0571-87654321', email: 'office@qinghe.example.cn',
  description: '本县2025年农业产业化项目扶持资金的公示名单', form: 'paper', delivery: 'post', address: '云溪县工业园区3号',
});

test('the public API takes an application and answers its status by code and password', async () => {
  // A valid credit code: compute the GB 32100 check character for the fixture.
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const base = '91110000MA0123456';
  let sum = 0; let w = 1;
  for (const ch of base) { sum += alphabet.indexOf(ch) * w; w = (w * 3) % 31; }
  const body = { ...company(), credit_code: base + alphabet[(31 - (sum % 31)) % 31] };
  const created = await apiFetch(srv, 'POST', '/api/v1/applications', { body });
  assert.equal(created.status, 201, created.text);
  assert.match(created.json.code, /^\d{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  const { code, password } = created.json;

  const status = await apiFetch(srv, 'GET', `/api/v1/applications/${code}?password=${password}`);
  assert.equal(status.status, 200);
  assert.equal(status.json.stage, 'submitted');
  assert.equal(status.json.applicant.category_label, '商业企业');
  assert.equal(status.json.applicant.contact_person, '赵*', 'personal data is masked on the public status');
  assert.equal(status.json.id, undefined);
  const wrong = await apiFetch(srv, 'GET', `/api/v1/applications/${code}?password=AAAA-AAAA`);
  assert.equal(wrong.status, 400);
  assert.equal(wrong.json.error.message, '查询码或密码不正确');

  // Staff with a token: list, detail with the allowed actions, a step, a refused step.
  const clerkToken = await srv.token(team.drafter);
  const list = await apiFetch(srv, 'GET', '/api/v1/staff/applications?stage=submitted', { token: clerkToken });
  assert.equal(list.status, 200);
  const mine = list.json.applications.find((a) => a.code === code);
  assert.ok(mine, 'the new application is listed for the agency clerk');
  assert.equal(mine.applicant.contact_person, '赵六', 'the handling clerk sees the personal data');
  const detail = await apiFetch(srv, 'GET', `/api/v1/staff/applications/${mine.id}`, { token: clerkToken });
  assert.deepEqual(detail.json.actions.map((a) => a.action), ['confirm', 'withdraw']);
  const confirmed = await apiFetch(srv, 'POST', `/api/v1/staff/applications/${mine.id}/actions`, { token: clerkToken, body: { action: 'confirm' } });
  assert.equal(confirmed.status, 200, confirmed.text);
  assert.equal(confirmed.json.stage, 'registered');
  assert.equal(confirmed.json.clock.phase, 'running');
  assert.match(confirmed.json.clock.due, /^\d{4}-\d{2}-\d{2}$/);
  const forged = await apiFetch(srv, 'POST', `/api/v1/staff/applications/${mine.id}/actions`, { token: clerkToken, body: { action: 'sign' } });
  assert.equal(forged.status, 400);
  assert.equal(forged.json.error.code, 'not_allowed');
  const reviewerToken = await srv.token(team.reviewer);
  const accept = await apiFetch(srv, 'POST', `/api/v1/staff/applications/${mine.id}/actions`, { token: reviewerToken, body: { action: 'accept' } });
  assert.equal(accept.status, 403);
  assert.match(accept.json.error.message, CHINESE);
});

test('malformed API submissions are refused and store nothing', async () => {
  const before = Number((await sqlite(srv.dbPath, 'SELECT COUNT(*) FROM applications'))[0][0]);
  const bad = await apiFetch(srv, 'POST', '/api/v1/applications', { body: { ...company(), agency_id: 'x', surprise: 1 } });
  assert.equal(bad.status, 400);
  assert.ok(bad.json.error.fields.agency_id && bad.json.error.fields.surprise);
  const invalid = await apiFetch(srv, 'POST', '/api/v1/applications', { body: { ...company(), credit_code: '123' } });
  assert.equal(invalid.status, 400);
  assert.ok(invalid.json.error.fields.credit_code);
  const text = await apiFetch(srv, 'POST', '/api/v1/applications', { rawBody: 'name=x', headers: { 'content-type': 'text/plain' } });
  assert.equal(text.status, 415);
  assert.equal(Number((await sqlite(srv.dbPath, 'SELECT COUNT(*) FROM applications'))[0][0]), before);
});
