// Applications for disclosure over HTTP: a citizen applies online and follows the case with the
// tracking code and password; the agency confirms, asks for 补正, the citizen corrects on the status
// page, and the case runs through the table to 办结 with the roles it needs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { CookieJar, DEMO_PASSWORD, jarFetch, login, postForm, sqlite, startServer, workflowTeam } from './server.mjs';
import { CHINESE } from './fixtures.mjs';

let srv;
let team;
let agencyId;
before(async () => {
  srv = await startServer();
  team = workflowTeam(await srv.users());
  assert.ok(team, 'the demo has an agency with a clerk, a reviewer and a signer');
  agencyId = Number((await sqlite(srv.dbPath, `SELECT id FROM agencies WHERE name = '${team.agency}'`))[0][0]);
});
after(async () => {
  if (srv) await srv.stop();
});

// A citizen's browser: a cookie jar with the anonymous CSRF token of the form page.
async function citizen() {
  const jar = new CookieJar();
  const form = await jarFetch(srv.baseUrl, jar, '/apply');
  assert.equal(form.status, 200);
  const html = await form.text();
  const csrf = html.match(/name="_csrf" value="([0-9a-f]{64})"/)[1];
  return { jar, csrf, post: (p, fields) => postForm(srv.baseUrl, jar, p, { ...fields, _csrf: csrf }) };
}

const person = {
  category: 'person', name: '李四', id_type: 'resident_id', id_number: '11010519491231002X',
  phone: '138 1234 1234', email: 'lisi@example.com', address: '云溪县城关镇人民路8号',
  description: '2025年本机关城乡低保资金分配的文件', form: 'electronic', delivery: 'email',
};

test('bad applicant data is refused with Chinese messages beside the fields; nothing is stored', async () => {
  const before = Number((await sqlite(srv.dbPath, 'SELECT COUNT(*) FROM applications'))[0][0]);
  const c = await citizen();
  const r = await c.post('/apply', { ...person, agency_id: String(agencyId), id_number: '110105194912310021', phone: '123', description: '' });
  assert.equal(r.status, 400);
  assert.match(r.text, /id="f-id_number-error"[^>]*>[^<]*校验/);
  assert.match(r.text, /id="f-phone-error"/);
  assert.match(r.text, /请描述所需政府信息/);
  assert.match(r.text, /value="李四"/, 'what was typed is kept');
  assert.equal(Number((await sqlite(srv.dbPath, 'SELECT COUNT(*) FROM applications'))[0][0]), before);
});

test('a citizen applies, corrects on the status page, and the agency handles the case to the end', async () => {
  const c = await citizen();
  const r = await c.post('/apply', { ...person, agency_id: String(agencyId) });
  assert.equal(r.status, 200, r.text.slice(0, 500));
  const code = r.text.match(/<strong class="code">(\d{4}-[A-Z0-9]{4}-[A-Z0-9]{4})<\/strong>/)[1];
  const password = r.text.match(/<dt>查询密码<\/dt><dd><strong class="code">([A-Z0-9]{4}-[A-Z0-9]{4})<\/strong>/)[1];
  assert.match(r.text, /双方确认之日/);
  assert.match(r.text, /答复期限为 <strong>\d{4}-\d{2}-\d{2}<\/strong>/);

  const wrong = await c.post('/apply/status', { code, password: 'AAAA-AAAA' });
  assert.equal(wrong.status, 400);
  assert.match(wrong.text, /查询码或密码不正确/);
  let status = await c.post('/apply/status', { code, password: password.toLowerCase() });
  assert.equal(status.status, 200);
  assert.match(status.text, /待确认/);
  assert.ok(!status.text.includes('11010519491231002X'), 'the ID number is never shown in full on a public page');

  const id = Number((await sqlite(srv.dbPath, `SELECT id FROM applications WHERE code = '${code}'`))[0][0]);
  const clerk = await login(srv.baseUrl, team.drafter, DEMO_PASSWORD);
  const list = await clerk.get('/admin/applications');
  assert.match(list.text, new RegExp(code));
  const act = async (session, action, fields = {}) => {
    const res = await session.postForm(`/admin/applications/${id}/act`, { action, ...fields });
    return res;
  };
  assert.equal((await act(clerk, 'confirm')).status, 303);
  const today = (await sqlite(srv.dbPath, `SELECT received_date FROM applications WHERE id = ${id}`))[0][0];
  assert.match(today, /^\d{4}-\d{2}-\d{2}$/);
  const noItems = await act(clerk, 'request_correction', { workdays: '10', text: '' });
  assert.equal(noItems.status, 400);
  assert.match(noItems.text, /请写明需要补正的事项/);
  assert.equal((await act(clerk, 'request_correction', { workdays: '10', text: '请写明所需文件的发文年份' })).status, 303);

  status = await c.post('/apply/status', { code, password });
  assert.match(status.text, /请写明所需文件的发文年份/);
  const corrected = await c.post('/apply/status/correct', { code, password, text: '所需文件为2025年度' });
  assert.equal(corrected.status, 200);
  assert.match(corrected.text, /已受理/);
  assert.match(corrected.text, /收到补正/);

  const reviewer = await login(srv.baseUrl, team.reviewer, DEMO_PASSWORD);
  const signer = await login(srv.baseUrl, team.signer, DEMO_PASSWORD);
  const forged = await act(clerk, 'approve');
  assert.equal(forged.status, 400, 'approve is not possible from 已受理');
  assert.equal((await act(clerk, 'draft_reply', { outcome: 'disclosed', reply_text: '现将所申请的信息提供给您。' })).status, 303);
  assert.equal((await act(clerk, 'submit_review')).status, 303);
  const notClerk = await act(clerk, 'approve');
  assert.equal(notClerk.status, 403);
  assert.match(notClerk.text, CHINESE);
  assert.equal((await act(reviewer, 'approve')).status, 303);
  assert.equal((await act(signer, 'sign')).status, 303);
  assert.equal((await act(clerk, 'deliver', { delivery: 'email' })).status, 303);

  const page = await clerk.get(`/admin/applications/${id}`);
  assert.match(page.text, /已办结/);
  assert.match(page.text, /在答复期限内/);
  assert.match(page.text, /11010519491231002X/, 'the handling clerk sees the ID number');
  status = await c.post('/apply/status', { code, password });
  assert.match(status.text, /已办结/);
  assert.match(status.text, /予以公开/);
  const trail = await sqlite(srv.dbPath, `SELECT action FROM audit_events WHERE entity = 'application' AND entity_id = ${id} ORDER BY id`);
  assert.deepEqual(trail.map((x) => x[0]),
    ['create', 'confirm', 'request_correction', 'receive_correction', 'draft_reply', 'submit_review', 'approve', 'sign', 'deliver']);
});

test('the status page is throttled after five wrong passwords for a code', async () => {
  const c = await citizen();
  const r = await c.post('/apply', { ...person, agency_id: String(agencyId) });
  const code = r.text.match(/<strong class="code">(\d{4}-[A-Z0-9]{4}-[A-Z0-9]{4})<\/strong>/)[1];
  const password = r.text.match(/<dt>查询密码<\/dt><dd><strong class="code">([A-Z0-9-]{9})<\/strong>/)[1];
  for (let i = 0; i < 5; i++) assert.equal((await c.post('/apply/status', { code, password: 'ZZZZ-ZZZZ' })).status, 400);
  const locked = await c.post('/apply/status', { code, password });
  assert.equal(locked.status, 429);
  assert.match(locked.text, /查询失败次数过多/);
});
