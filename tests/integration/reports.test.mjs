// The annual report in the back office: the demo county's generated tables, the drill-down from a
// cell to the cases it counts, and the yearly 表二 figures form (validation in Chinese, audit).
// Counts are not fixed here (the demo data grows); the tests check that the pages agree with themselves.
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

test("the demo county's 2025 report shows the three official tables, the checks and the units", async () => {
  const admin = await login(srv.baseUrl, 'county.admin', DEMO_PASSWORD);
  const res = await admin.get(`/admin/reports?agency=${countyId}&year=2025&scope=subtree`);
  assert.equal(res.status, 200, res.text.slice(0, 500));
  for (const caption of ['表二 主动公开政府信息情况', '表三 收到和处理政府信息公开申请情况', '表四 政府信息公开行政复议、行政诉讼情况']) {
    assert.ok(res.text.includes(`<caption>${caption}</caption>`), caption);
  }
  assert.match(res.text, /一、本年新收政府信息公开申请数量/);
  assert.match(res.text, /第二十条第（一）项/);
  assert.match(res.text, /校验结果/);
  assert.match(res.text, /六、其他需要报告的事项/);
  assert.match(res.text, /<h2 id="units-h">各单位数据<\/h2>/);
  assert.match(res.text, /云溪县财政局/);
  assert.match(res.text, /<a href="\/admin\/reports">年度报告<\/a>/, 'the back-office menu links the page');
  // Every number of 表三 links to its drill-down.
  assert.match(res.text, /<a href="\/admin\/reports\/cell\?agency=\d+&amp;year=2025&amp;scope=subtree&amp;ref=table3\.new\.total">\d+<\/a>/);

  const self = await admin.get(`/admin/reports?agency=${countyId}&year=2025&scope=self`);
  assert.equal(self.status, 200);
  assert.doesNotMatch(self.text, /id="units-h"/);
  const old = await admin.get(`/admin/reports?agency=${countyId}&year=2018`);
  assert.equal(old.status, 400);
  assert.match(old.text, /2018年没有适用的年度报告格式/);
});

test('a 表三 cell drills down to the units and to exactly the cases it counts', async () => {
  const admin = await login(srv.baseUrl, 'county.admin', DEMO_PASSWORD);
  for (const ref of ['table3.new.total', 'table3.r7.total', 'table3.carry_forward.person']) {
    const res = await admin.get(`/admin/reports/cell?agency=${countyId}&year=2025&scope=subtree&ref=${ref}`);
    assert.equal(res.status, 200, res.text.slice(0, 500));
    const value = Number(res.text.match(/<strong>(\d+)<\/strong>/)[1]);
    // Templates write "/" in attributes as &#x2F;.
    const links = res.text.match(/href="(?:\/|&#x2F;)admin(?:\/|&#x2F;)applications(?:\/|&#x2F;)\d+"/g) ?? [];
    assert.equal(links.length, value, `${ref}: the cases listed are the ones counted`);
    assert.match(res.text, /各单位数值/);
    assert.match(res.text, /云溪县青石镇人民政府/);
  }
  const bad = await admin.get(`/admin/reports/cell?agency=${countyId}&year=2025&ref=table3.r6.person`);
  assert.equal(bad.status, 404, '（六） has sub-rows in the 2021 format');
  const town = await login(srv.baseUrl, 'qingshi.drafter', DEMO_PASSWORD);
  const denied = await town.get(`/admin/reports?agency=${countyId}&year=2025&scope=subtree`);
  assert.equal(denied.status, 403);
});

test('the figures form refuses bad values in Chinese, stores good ones and the report shows them', async () => {
  const clerk = await login(srv.baseUrl, 'county.drafter', DEMO_PASSWORD);
  const form = await clerk.get(`/admin/reports/figures?agency=${countyId}&year=2025`);
  assert.equal(form.status, 200, form.text.slice(0, 500));
  assert.match(form.text, /第二十条第（五）项/);
  assert.match(form.text, /name="table2\.fees\.fee_amount"/);
  const count = async () =>
    Number((await sqlite(srv.dbPath, `SELECT COUNT(*) FROM report_figure_sets WHERE agency_id = ${countyId} AND year = 2025`))[0][0]);
  const before = await count();
  const bad = await clerk.postForm('/admin/reports/figures', {
    agency: String(countyId), year: '2025',
    'table2.license.decisions': '-3', 'table2.penalty.decisions': '2.5', 'table2.fees.fee_amount': '1.23456',
  });
  assert.equal(bad.status, 400);
  assert.match(bad.text, /不能为负数/);
  assert.match(bad.text, /应为整数/);
  assert.match(bad.text, /金额最多保留四位小数/);
  assert.match(bad.text, /aria-invalid="true"/);
  assert.equal(await count(), before, 'nothing stored');

  const ok = await clerk.postForm('/admin/reports/figures', {
    agency: String(countyId), year: '2025',
    'table2.license.decisions': '57', 'table2.penalty.decisions': '12', 'table2.coercion.decisions': '0',
    'table2.fees.fee_amount': '1.5',
  });
  assert.equal(ok.status, 303, ok.text.slice(0, 300));
  const again = await clerk.get(ok.location);
  assert.match(again.text, /已保存/);
  assert.match(again.text, /value="1\.50"/);
  const audit = await sqlite(srv.dbPath, "SELECT COUNT(*) FROM audit_events WHERE entity = 'report_figures'");
  assert.ok(Number(audit[0][0]) >= 1);

  const report = await clerk.get(`/admin/reports?agency=${countyId}&year=2025&scope=self`);
  assert.equal(report.status, 200);
  assert.match(report.text, /ref=table2\.license\.decisions">57<\/a>/);
  assert.match(report.text, /ref=table2\.fees\.fee_amount">1\.50<\/a>/);

  // The 2019 trial format (report year 2020) asks for its own cells, 政府集中采购 among them.
  const old = await clerk.get(`/admin/reports/figures?agency=${countyId}&year=2020`);
  assert.equal(old.status, 200);
  assert.match(old.text, /政府集中采购：采购总金额/);
  assert.match(old.text, /name="table2\.license\.change"/);
  assert.doesNotMatch(old.text, /本年收费金额/);
  const oldReport = await clerk.get(`/admin/reports?agency=${countyId}&year=2020&scope=self`);
  assert.equal(oldReport.status, 200);
  assert.match(oldReport.text, /本年新制作数量/);

  const town = await login(srv.baseUrl, 'qingshi.drafter', DEMO_PASSWORD);
  const denied = await town.postForm('/admin/reports/figures', { agency: String(countyId), year: '2025', 'table2.license.decisions': '1' });
  assert.equal(denied.status, 403);
});
