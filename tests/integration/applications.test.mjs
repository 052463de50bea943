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

// A citizen's browser: a cookie jar with the anonymous CSRF token of the form page. `download`
// posts a form and answers with the raw bytes (for files).
async function citizen() {
  const jar = new CookieJar();
  const form = await jarFetch(srv.baseUrl, jar, '/apply');
  assert.equal(form.status, 200);
  const html = await form.text();
  const csrf = html.match(/name="_csrf" value="([0-9a-f]{64})"/)[1];
  return {
    jar,
    csrf,
    post: (p, fields) => postForm(srv.baseUrl, jar, p, { ...fields, _csrf: csrf }),
    async download(p, fields) {
      const res = await jarFetch(srv.baseUrl, jar, p, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...fields, _csrf: csrf }),
      });
      return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
    },
  };
}

// The letters listed on a status page: [{id, name}], from the download forms.
function letters(html) {
  return [...html.matchAll(/name="file_id" value="(\d+)">\s*<button type="submit" class="link-button">([^<]+)<\/button>/g)]
    .map((m) => ({ id: m[1], name: m[2] }));
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
  // The receipt e-mail is queued with the tracking code, never the password.
  const mail = await sqlite(srv.dbPath,
    `SELECT recipient, instr(body, '${code}') > 0, instr(body, '${password}') > 0 FROM outbox WHERE dedupe_key = 'receipt:${id}:email'`);
  assert.equal(mail.length, 1, 'a receipt e-mail is queued');
  assert.deepEqual(mail[0].map(String), ['lisi@example.com', '1', '0'], 'the mail carries the code but not the password');
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
  const notice = letters(status.text);
  assert.equal(notice.length, 1, 'the 补正告知书 is listed for download');
  assert.match(notice[0].name, /^补正告知书-.+依申〔\d{4}〕\d+号\.pdf$/);
  const corrected = await c.post('/apply/status/correct', { code, password, text: '所需文件为2025年度' });
  assert.equal(corrected.status, 200);
  assert.match(corrected.text, /已受理/);
  assert.match(corrected.text, /收到补正/);

  const reviewer = await login(srv.baseUrl, team.reviewer, DEMO_PASSWORD);
  const signer = await login(srv.baseUrl, team.signer, DEMO_PASSWORD);
  const forged = await act(clerk, 'approve');
  assert.equal(forged.status, 400, 'approve is not possible from 已受理');
  assert.equal((await act(clerk, 'draft_reply', { outcome: 'disclosed', reply_text: '现将所申请的信息提供给您。' })).status, 303);
  const drafted = await clerk.get(`/admin/applications/${id}`);
  assert.match(drafted.text, /letter-preview\?kind=reply">预览答复书/, 'the case page links the preview');
  const preview = await clerk.get(`/admin/applications/${id}/letter-preview?kind=reply`);
  assert.equal(preview.status, 200);
  assert.match(preview.text, /政府信息公开申请答复书/);
  assert.match(preview.text, /现将所申请的信息提供给您。/);
  assert.match(preview.text, /（签发时编号）/);
  assert.match(preview.text, /李四：/);
  assert.match(preview.headers.get('content-security-policy'), /style-src 'self' 'sha256-[A-Za-z0-9+/=]+'/,
    'the letter\'s inline style is allowed on this page only');
  assert.equal((await clerk.get('/admin/applications')).headers.get('content-security-policy').includes('sha256-'), false);
  assert.equal((await act(clerk, 'submit_review')).status, 303);
  const notClerk = await act(clerk, 'approve');
  assert.equal(notClerk.status, 403);
  assert.match(notClerk.text, CHINESE);
  assert.equal((await act(reviewer, 'approve')).status, 303);
  assert.equal((await act(signer, 'sign')).status, 303);

  // The signed reply is on the status page; the download re-checks the code and password.
  status = await c.post('/apply/status', { code, password });
  const issued = letters(status.text);
  assert.equal(issued.length, 2);
  const reply = issued.find((l) => l.name.startsWith('答复书-'));
  assert.ok(reply, `the 答复书 is listed: ${JSON.stringify(issued)}`);
  const pdf = await c.download('/apply/status/file', { code, password, file_id: reply.id });
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  assert.match(pdf.headers.get('content-disposition'), /^attachment; filename\*=UTF-8''/);
  assert.equal(pdf.bytes.subarray(0, 4).toString('latin1'), '%PDF');
  const wrongPassword = await c.download('/apply/status/file', { code, password: 'AAAA-AAAA', file_id: reply.id });
  assert.equal(wrongPassword.status, 400);
  assert.notEqual(wrongPassword.bytes.subarray(0, 4).toString('latin1'), '%PDF');
  const notTheirs = await c.download('/apply/status/file', { code, password, file_id: String(Number(reply.id) + 100000) });
  assert.equal(notTheirs.status, 404);
  const staffCopy = await clerk.fetch(`/admin/applications/${id}/files/${reply.id}`);
  assert.equal(staffCopy.status, 200);
  assert.equal(Buffer.from(await staffCopy.arrayBuffer()).subarray(0, 4).toString('latin1'), '%PDF');
  const letterNo = (await sqlite(srv.dbPath,
    `SELECT json_extract(data_json, '$.letter_no') FROM application_events WHERE application_id = ${id} AND kind = 'sign'`))[0][0];
  assert.ok(reply.name.includes(letterNo), `${reply.name} carries the number ${letterNo}`);

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

test('an agency administrator words a letter at /admin/letters: checked, previewed, saved, audited, reset', async () => {
  const admin = (await srv.users()).find((u) => u.agency === team.agency && u.roles.includes('agency_admin'));
  assert.ok(admin, `${team.agency} has an agency administrator`);
  const s = await login(srv.baseUrl, admin.username, DEMO_PASSWORD);
  const list = await s.get('/admin/letters');
  assert.equal(list.status, 200);
  for (const label of ['补正告知书', '延期答复告知书', '征求意见函（第三方）', '收费通知书', '答复书：部分公开', '告知书：不予处理']) {
    assert.ok(list.text.includes(label), label);
  }
  const form = await s.get(`/admin/letters/correction_notice?agency=${agencyId}`);
  assert.equal(form.status, 200);
  assert.match(form.text, /<code>\{补正事项\}<\/code>/, 'the placeholders are listed');
  assert.match(form.text, /class="letter-paragraph">[^<]*请写明所需文件的发文机关和发文年份/, 'previewed from a sample case');

  const url = '/admin/letters/correction_notice';
  const fields = { agency_id: String(agencyId), title: '补正告知书', addressee: '{申请人}：', body: '请补正：{补正事项}。\n\n请缴纳{收费金额}元。' };
  const refused = await s.postForm(url, { ...fields, op: 'save' });
  assert.equal(refused.status, 400);
  assert.match(refused.text, /\{收费金额\}不是补正告知书可用的占位符/);
  const count = async () => Number((await sqlite(srv.dbPath, `SELECT COUNT(*) FROM letter_templates WHERE agency_id = ${agencyId}`))[0][0]);
  assert.equal(await count(), 0);

  fields.body = '请补正：{补正事项}。\n\n期限：{补正期限}。';
  const preview = await s.postForm(url, { ...fields, op: 'preview' });
  assert.equal(preview.status, 200);
  assert.match(preview.text, /class="letter-paragraph">期限：10个工作日。</);
  assert.equal(await count(), 0, 'a preview saves nothing');
  const saved = await s.postForm(url, { ...fields, op: 'save' });
  assert.equal(saved.status, 303);
  assert.equal(await count(), 1);
  const clerk = await login(srv.baseUrl, team.drafter, DEMO_PASSWORD);
  assert.equal((await clerk.get('/admin/letters')).status, 403, 'only administrators word the letters');
  assert.equal((await s.postForm(`${url}/reset`, { agency_id: String(agencyId) })).status, 303);
  assert.equal(await count(), 0);
  const trail = await sqlite(srv.dbPath, "SELECT action FROM audit_events WHERE entity = 'letter_template' ORDER BY id");
  assert.deepEqual(trail.map((x) => x[0]), ['create', 'reset']);
});
