// The 信息处理费 calculator of the 收费通知 step (国办函〔2020〕109号) over HTTP: the case page counts the
// applicant's applications of the month across every agency of the platform, "计算" re-renders the
// form with the server's quote (nothing written), the notice never exceeds the quote, a reduced
// amount is recorded as such, and a case that used one method refuses the other.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiFetch, DEMO_PASSWORD, login, sqlite, startServer, workflowTeam } from './server.mjs';

let srv;
let team;
let agencyId;
let otherAgencyId;
before(async () => {
  srv = await startServer();
  team = workflowTeam(await srv.users());
  assert.ok(team, 'the demo has an agency with a clerk, a reviewer and a signer');
  agencyId = Number((await sqlite(srv.dbPath, `SELECT id FROM agencies WHERE name = '${team.agency}'`))[0][0]);
  otherAgencyId = Number((await sqlite(srv.dbPath, `SELECT id FROM agencies WHERE id != ${agencyId} ORDER BY id LIMIT 1`))[0][0]);
});
after(async () => {
  if (srv) await srv.stop();
});

// A valid 18-digit resident ID (GB 11643 check digit) unique to this run.
function residentId() {
  const body = `110105198${process.pid % 10}0101${String(100 + (process.pid % 800)).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, ch, i) => s + Number(ch) * weights[i], 0);
  return body + '10X98765432'[sum % 11];
}

const text = (html) => html.replace(/<[^>]+>/g, ' ').replace(/&#x2F;/g, '/').replace(/\s+/g, ' ');

test('the fee step quotes from the month across agencies, caps the amount and keeps one method', async () => {
  const idNumber = residentId();
  const applicant = {
    category: 'person', name: '孙七', id_type: 'resident_id', id_number: idNumber, phone: '13912345678',
    email: 'sunqi@example.com', address: '云溪县城关镇文化路2号', form: 'paper', delivery: 'pickup',
  };
  // Ten earlier applications this month: six to the team's agency, four to another agency.
  for (let i = 0; i < 10; i += 1) {
    const body = { ...applicant, agency_id: i < 6 ? agencyId : otherAgencyId, description: `第${i + 1}份申请：本机关2025年度第${i + 1}批项目的审批文件` };
    const r = await apiFetch(srv, 'POST', '/api/v1/applications', { body });
    assert.equal(r.status, 201, r.text);
  }
  const eleventh = await apiFetch(srv, 'POST', '/api/v1/applications', {
    body: { ...applicant, agency_id: agencyId, description: '本机关2025年度全部项目审批文件的汇编' },
  });
  assert.equal(eleventh.status, 201, eleventh.text);
  const id = Number((await sqlite(srv.dbPath, `SELECT id FROM applications WHERE code = '${eleventh.json.code}'`))[0][0]);

  const clerk = await login(srv.baseUrl, team.drafter, DEMO_PASSWORD);
  const act = (fields) => clerk.postForm(`/admin/applications/${id}/act`, fields);
  assert.equal((await act({ action: 'confirm' })).status, 303);
  assert.equal((await act({ action: 'accept' })).status, 303);

  // The page offers the 按件 quote of a one-piece application: the 11th of the month, 100元.
  const page = await clerk.get(`/admin/applications/${id}`);
  assert.equal(page.status, 200);
  assert.match(text(page.text), /本自然月内此前已在本平台申请 10 件/);
  assert.match(page.text, /name="amount" value="100"/, 'the amount is prefilled with the quote');
  assert.match(text(page.text), /第11件 100元\/件 1件 100元/);

  // "计算" with 按量 150 pages: 70 × 10 + 50 × 20 = 1700元, shown with the bands, nothing written.
  const events = async () => Number((await sqlite(srv.dbPath, `SELECT COUNT(*) FROM application_events WHERE application_id = ${id}`))[0][0]);
  const before = await events();
  const calc = await act({ action: 'fee_notice', calc: '1', fee_method: 'by_page', pieces: '1', pages: '150', amount: '' });
  assert.equal(calc.status, 200);
  assert.match(text(calc.text), /按量计收 ：合计 1700 元/);
  assert.match(text(calc.text), /第31至100页 10元\/页 70页 700元/);
  assert.match(text(calc.text), /第101至150页 20元\/页 50页 1000元/);
  assert.match(calc.text, /name="amount" value="1700"/);
  assert.match(calc.text, /value="by_page" checked/, 'the chosen method stays selected');
  assert.equal(await events(), before, 'calculating writes nothing');

  // More than the quote is refused; a lower amount is a 减收.
  const over = await act({ action: 'fee_notice', fee_method: 'by_piece', pieces: '1', amount: '150' });
  assert.equal(over.status, 400);
  assert.match(over.text, /收费金额不能超过按件计收的计算金额100元/);
  assert.equal(await events(), before);
  assert.equal((await act({ action: 'fee_notice', fee_method: 'by_piece', pieces: '1', amount: '80' })).status, 303);
  const [stage] = (await sqlite(srv.dbPath, `SELECT stage FROM applications WHERE id = ${id}`))[0];
  assert.equal(stage, 'awaiting_fee');
  const data = JSON.parse((await sqlite(srv.dbPath,
    `SELECT data_json FROM application_events WHERE application_id = ${id} AND kind = 'fee_notice'`))[0][0]);
  assert.equal(data.method, 'by_piece');
  assert.equal(data.earlier_this_month, 10);
  assert.equal(data.quote, 100);
  assert.equal(data.amount, 80);
  assert.equal(data.reduced, true);
  assert.match(data.breakdown, /第11件，每件100元/);
  assert.ok(data.letter_no, 'the 收费通知书 is issued with a number');
  const letters = Number((await sqlite(srv.dbPath,
    `SELECT COUNT(*) FROM application_files WHERE application_id = ${id} AND kind = 'letter' AND name LIKE '收费通知书%'`))[0][0]);
  assert.equal(letters, 1, 'the 收费通知书 is stored with the case');
  const after = await clerk.get(`/admin/applications/${id}`);
  assert.match(text(after.text), /80元（按件计收，计算金额100元，减收）/);

  // Paid; a second notice on the same case may not switch to 按量 (第三条).
  const reviewer = await login(srv.baseUrl, team.reviewer, DEMO_PASSWORD);
  assert.equal((await reviewer.postForm(`/admin/applications/${id}/act`, { action: 'fee_waived', comment: '经济困难，免收' })).status, 303);
  const offered = await clerk.get(`/admin/applications/${id}`);
  assert.match(offered.text, /本申请的收费通知已采用按件计收/);
  assert.doesNotMatch(offered.text, /value="by_page"/, 'the other method is no longer offered');
  const mixed = await act({ action: 'fee_notice', fee_method: 'by_page', pages: '150' });
  assert.equal(mixed.status, 400);
  assert.match(mixed.text, /同一申请只能选择一种计收方式/);

  // The API takes the same inputs and the same refusals.
  const token = await srv.token(team.drafter);
  const api = await apiFetch(srv, 'POST', `/api/v1/staff/applications/${id}/actions`, {
    token, body: { action: 'fee_notice', fee_method: 'by_page', pages: '150' },
  });
  assert.equal(api.status, 400);
  assert.ok(api.json.error.fields.fee_method);
});
