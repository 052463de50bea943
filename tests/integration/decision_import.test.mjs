// Import of decision records into the annual report's 表二 (issue 6 §2) on /admin/reports/figures:
// upload a CSV, see the preview (counts for the year, rows read, rows of other years ignored), confirm,
// and find the counts in the figures form and in the generated report. A bad file is refused with the
// row number and nothing is stored; a clerk of another agency is refused.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_PASSWORD, login, sqlite, startServer } from './server.mjs';

let srv;
let countyId;
before(async () => {
  srv = await startServer();
  countyId = (await sqlite(srv.dbPath, "SELECT id FROM agencies WHERE name = '云溪县人民政府'"))[0][0];
});
after(async () => {
  if (srv) await srv.stop();
});

const CSV = [
  '决定文号,决定类别,决定日期,金额（元）',
  '云许〔2024〕1号,行政许可,2024-01-05,',
  '云许〔2024〕2号,行政许可,2024/3/9,',
  '云许〔2024〕3号,行政许可,2024年11月30日,',
  '云罚〔2024〕1号,行政处罚,2024-06-01,',
  '云收〔2024〕1号,行政事业性收费,2024-02-01,15000',
  '云收〔2024〕2号,行政事业性收费,2024-02-02,300.00',
  '云许〔2023〕8号,行政许可,2023-12-31,',
].join('\r\n');

async function upload(s, content, name = 'decisions.csv') {
  await s.refreshCsrf(`/admin/reports/figures?agency=${countyId}&year=2024`);
  const form = new FormData();
  form.append('_csrf', s.csrf);
  form.append('agency', String(countyId));
  form.append('year', '2024');
  form.append('file', new Blob([content]), name);
  const res = await s.fetch('/admin/reports/figures/import', { method: 'POST', body: form });
  return { status: res.status, text: await res.text() };
}

test('decision records are previewed, confirmed and counted into 表二; bad files and other agencies are refused', async () => {
  const clerk = await login(srv.baseUrl, 'county.drafter', DEMO_PASSWORD);
  const page = await clerk.get(`/admin/reports/figures?agency=${countyId}&year=2024`);
  assert.equal(page.status, 200, page.text.slice(0, 500));
  assert.match(page.text, /导入决定记录/);
  assert.match(page.text, /enctype="multipart\/form-data"/);

  const sets = async () =>
    (await sqlite(srv.dbPath, `SELECT COUNT(*) FROM audit_events WHERE entity = 'report_figures'`))[0][0];
  const auditBefore = await sets();

  // A bad row: the whole file is refused, with its row number, and nothing is stored.
  const bad = await upload(clerk, CSV + '\r\n云罚〔2024〕2号,行政处理,2024-07-01,');
  assert.equal(bad.status, 400, bad.text.slice(0, 500));
  assert.match(bad.text, /第9行/);
  assert.match(bad.text, /行政处理/);
  assert.match(bad.text, /未导入任何数据/);
  assert.doesNotMatch(bad.text, /确认导入/);

  // The preview: counts for 2024, rows read and rows of other years; nothing stored yet.
  const preview = await upload(clerk, CSV);
  assert.equal(preview.status, 200, preview.text.slice(0, 500));
  assert.match(preview.text, /读取数据7行/);
  assert.match(preview.text, /不在2024年的1行不计入/);
  assert.match(preview.text, /行政许可：本年处理决定数量<\/td><td>3</);
  assert.match(preview.text, /行政处罚：本年处理决定数量<\/td><td>1</);
  assert.match(preview.text, /行政强制：本年处理决定数量<\/td><td>0</);
  assert.match(preview.text, /行政事业性收费：本年收费金额（单位：万元）<\/td><td>1\.53</);
  assert.equal(await sets(), auditBefore, 'the preview writes nothing');

  // Confirm with the preview's own hidden fields.
  const hidden = Object.fromEntries(
    [...preview.text.matchAll(/<input type="hidden" name="(table2\.[a-z_.]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]));
  assert.deepEqual(Object.keys(hidden).sort(),
    ['table2.coercion.decisions', 'table2.fees.fee_amount', 'table2.license.decisions', 'table2.penalty.decisions']);

  // A clerk of another agency may neither preview nor confirm for the county.
  const town = await login(srv.baseUrl, 'qingshi.drafter', DEMO_PASSWORD);
  assert.equal((await upload(town, CSV)).status, 403);
  const townConfirm = await town.postForm('/admin/reports/figures/import/confirm', { agency: String(countyId), year: '2024', ...hidden });
  assert.equal(townConfirm.status, 403);
  assert.equal(await sets(), auditBefore);

  const ok = await clerk.postForm('/admin/reports/figures/import/confirm', { agency: String(countyId), year: '2024', ...hidden });
  assert.equal(ok.status, 303, ok.text.slice(0, 300));
  assert.ok(Number(await sets()) > Number(auditBefore), 'the save is audited');
  const form = await clerk.get(ok.location);
  assert.match(form.text, /已保存/);
  assert.match(form.text, /name="table2\.license\.decisions"[^>]*value="3"|value="3"[^>]*name="table2\.license\.decisions"/);
  assert.match(form.text, /value="1\.53"/);

  const report = await clerk.get(`/admin/reports?agency=${countyId}&year=2024&scope=self`);
  assert.equal(report.status, 200);
  assert.match(report.text, /ref=table2\.license\.decisions">3<\/a>/);
  assert.match(report.text, /ref=table2\.penalty\.decisions">1<\/a>/);
  assert.match(report.text, /ref=table2\.fees\.fee_amount">1\.53<\/a>/);
});
