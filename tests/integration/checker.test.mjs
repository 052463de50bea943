// The report checker from the outside: `gongkai check` (exit codes, JSON lines, the summary) and the
// back-office upload page /admin/checker.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli, startServer, login } from './server.mjs';

const corpus = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'checker', 'corpus');

test('gongkai check --json: one line per report, then the summary', async () => {
  const files = ['2021-missing-table4.html', '2021-zero-applications.html', 'zhenlong-town-2018.txt'].map((f) => path.join(corpus, f));
  const r = await runCli(['check', '--json', ...files]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 4);
  assert.equal(lines[0].agency, '龙湾区司法局');
  assert.deepEqual(lines[0].tables_missing, ['table4']);
  assert.ok(lines[0].findings.some((f) => f.code === 'table_missing'));
  assert.equal(lines[2].era, 'pre2019');
  assert.deepEqual(lines[2].sections_missing, ['other']);
  const s = lines[3].summary;
  assert.equal(s.checked, 3);
  assert.ok(s.zero_applications.some((a) => a.startsWith('泰顺县档案馆')), JSON.stringify(s));
  assert.ok(s.zero_applications.some((a) => a.startsWith('惠州市惠阳区镇隆镇人民政府')), JSON.stringify(s));
  assert.deepEqual(s.missing_tables, ['龙湾区司法局 2022']);
});

test('gongkai check: readable output, --previous, and the exit codes', async () => {
  const one = await runCli(['check', path.join(corpus, 'changxing-county-2019.txt')]);
  assert.equal(one.code, 0, one.stderr);
  assert.match(one.stdout, /长兴县人民政府/);
  assert.match(one.stdout, /table_missing/);
  const missing = await runCli(['check', path.join(corpus, 'no-such-report.html')]);
  assert.equal(missing.code, 2);
  const dir = mkdtempSync(path.join(tmpdir(), 'gk-check-'));
  try {
    writeFileSync(path.join(dir, 'empty.txt'), '');
    const empty = await runCli(['check', '--json', dir]);
    assert.equal(empty.code, 1);
    assert.equal(JSON.parse(empty.stdout.trim()).error, 'empty_input');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // Last year's report (2022) against this year's (2023): another agency's figures, so 上年结转 differs.
  const prev = await runCli(['check', '--json', '--previous', path.join(corpus, '2021-county-gov-html.html'),
    path.join(corpus, '2021-dept-pipe.txt')]);
  assert.equal(prev.code, 0, prev.stderr);
  const j = JSON.parse(prev.stdout.trim());
  assert.ok(j.findings.some((f) => f.code === 'carry_over_mismatch' && f.message_zh.includes('上年结转')), prev.stdout);
  // A "previous" report of 2021 for a 2023 report: no cross-year check, and it says so.
  const wrong = await runCli(['check', '--json', '--previous', path.join(corpus, '2021-dept-html-late.html'),
    path.join(corpus, '2021-dept-pipe.txt')]);
  const w = JSON.parse(wrong.stdout.trim());
  assert.ok(w.findings.some((f) => f.code === 'previous_year_mismatch'), wrong.stdout);
  assert.ok(!w.findings.some((f) => f.code === 'carry_over_mismatch'), wrong.stdout);
});

test('/admin/checker: upload several reports and see the findings', async () => {
  const srv = await startServer();
  try {
    const users = await srv.users();
    const s = await login(srv.baseUrl, users[0].username);
    const page = await s.get('/admin/checker');
    assert.equal(page.status, 200);
    assert.match(page.text, /enctype="multipart\/form-data"/);
    await s.refreshCsrf('/admin/checker');
    const form = new FormData();
    form.append('_csrf', s.csrf);
    for (const f of ['2021-identity-violation.html', 'changxing-county-2019.txt']) {
      form.append('files', new Blob([readFileSync(path.join(corpus, f))]), f);
    }
    const res = await s.fetch('/admin/checker', { method: 'POST', body: form });
    const html = await res.text();
    assert.equal(res.status, 200, html.slice(0, 500));
    assert.match(html, /瓯海区人力资源和社会保障局/);
    assert.match(html, /长兴县人民政府/);
    assert.match(html, /未找到表三/);
    assert.match(html, /不等于/);
    // Without the CSRF token the upload is refused.
    const bad = new FormData();
    bad.append('files', new Blob(['x']), 'x.txt');
    const refused = await s.fetch('/admin/checker', { method: 'POST', body: bad });
    assert.equal(refused.status, 403);
  } finally {
    await srv.stop();
  }
});
