// /admin/checker, second form: the checker over the annual reports published in the signed-in staff
// member's readable scope (src/checker/published.h) — summary table, agencies without a report, and
// a township user who sees only their township.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, sqlite } from './server.mjs';

test('/admin/checker?year=: published reports in scope, with the agencies that have none', async () => {
  const srv = await startServer();
  try {
    const rows = await sqlite(srv.dbPath,
      "SELECT i.id, i.agency_id, COALESCE(c.kind, '') FROM items i LEFT JOIN columns c ON c.id = i.column_id " +
      "WHERE i.title = '云溪县财政局2025年政府信息公开工作年度报告' AND i.state = 'published'");
    assert.equal(rows.length, 1, 'the demo publishes the 财政局 2025 report');
    const [itemId, agencyId, kind] = rows[0];
    assert.equal(kind, 'annual_report', 'the demo files its annual reports in 政府信息公开年报');
    const users = await srv.users();
    const admin = users.find((u) => u.roles.includes('platform_admin')) ?? users[0];
    const s = await login(srv.baseUrl, admin.username);
    const form = await s.get('/admin/checker');
    assert.equal(form.status, 200);
    assert.match(form.text, /检查本辖区已发布的年报/);
    assert.match(form.text, /<select id="pub-year" name="year">/);

    const page = await s.get('/admin/checker?year=2025');
    assert.equal(page.status, 200, page.text.slice(0, 500));
    assert.match(page.text, /<caption>2025年度已发布的政府信息公开工作年度报告检查结果<\/caption>/);
    assert.match(page.text, new RegExp(`<a href="/admin/items/${itemId}">云溪县财政局2025年政府信息公开工作年度报告</a>`));
    assert.match(page.text, /<th scope="row">云溪县财政局<\/th>/);
    // The demo report has no tables: they are reported missing, with the details further down.
    assert.match(page.text, /表二/);
    assert.match(page.text, new RegExp(`id="report-${itemId}"`));
    assert.match(page.text, /尚未发布2025年度报告的机关/);
    const missing = page.text.slice(page.text.indexOf('尚未发布2025年度报告的机关'));
    assert.doesNotMatch(missing.slice(0, missing.indexOf('</ul>')), /<li>云溪县财政局<\/li>/);

    // A township user sees only their own township.
    const town = users.find((u) => /镇|街道/.test(u.agency) && !u.disabled && !u.roles.includes('platform_admin'));
    if (town) {
      const t = await login(srv.baseUrl, town.username);
      const tp = await t.get('/admin/checker?year=2025');
      assert.equal(tp.status, 200);
      assert.doesNotMatch(tp.text, /云溪县财政局2025年/);
      assert.match(tp.text, new RegExp(`<li>${town.agency}</li>`));
      const other = await t.get(`/admin/checker?year=2025&agency=${agencyId}`);
      assert.equal(other.status, 403);
    }
  } finally {
    await srv.stop();
  }
});
