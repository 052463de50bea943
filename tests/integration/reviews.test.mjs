// The 行政复议 / 行政诉讼 register in the back office: register, refuse bad input, count by 表四 group.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD, login, sqlite, startServer, workflowTeam } from './server.mjs';

let srv;
let team;
before(async () => {
  srv = await startServer();
  team = workflowTeam(await srv.users());
});
after(async () => {
  if (srv) await srv.stop();
});

test('a clerk registers a reconsideration case; bad input is refused in Chinese and stores nothing', async () => {
  const clerk = await login(srv.baseUrl, team.drafter, DEMO_PASSWORD);
  const agencyId = (await sqlite(srv.dbPath, `SELECT id FROM agencies WHERE name = '${team.agency}'`))[0][0];
  const form = await clerk.get('/admin/reviews/new');
  assert.equal(form.status, 200);
  const before = Number((await sqlite(srv.dbPath, 'SELECT COUNT(*) FROM review_cases'))[0][0]);
  const bad = await clerk.postForm('/admin/reviews/new', {
    agency_id: String(agencyId), kind: 'review', body: '', filed_date: '2026-03-02', result: 'upheld', decided_date: '',
  });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /请填写复议机关或受理法院/);
  assert.match(bad.text, /已审结的案件请填写审结日期/);
  assert.equal(Number((await sqlite(srv.dbPath, 'SELECT COUNT(*) FROM review_cases'))[0][0]), before);
  const ok = await clerk.postForm('/admin/reviews/new', {
    agency_id: String(agencyId), kind: 'suit_direct', body: '云溪县人民法院', case_no: '（2026）云0823行初5号',
    filed_date: '2026-04-01', result: 'pending', decided_date: '', summary: '原告诉请公开征收补偿方案',
  });
  assert.equal(ok.status, 303, ok.text.slice(0, 300));
  const list = await clerk.get('/admin/reviews');
  assert.match(list.text, /（2026）云0823行初5号/);
  assert.match(list.text, /行政诉讼（未经复议直接起诉）/);
  const audit = await sqlite(srv.dbPath, "SELECT COUNT(*) FROM audit_events WHERE entity = 'review_case'");
  assert.ok(Number(audit[0][0]) >= 1);
});
