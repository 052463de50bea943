// The annual report as files (issue 6 §7, §10, §11): `gongkai report --format json|xlsx|pdf|html`,
// GET /api/v1/reports/{agency_id}/{year} with its access rules, the download links of /admin/reports,
// and the XLSX converted to CSV by LibreOffice headless compared with the JSON, figure by figure.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD, login, runCli, sqlite, startServer } from './server.mjs';

const TITLE = '云溪县人民政府2025年政府信息公开工作年度报告';
let srv;
let dir;
let countyId;
let financeId;
let adminToken;
let townToken;

before(async () => {
  srv = await startServer();
  dir = mkdtempSync(path.join(tmpdir(), 'gk-report-exports-'));
  countyId = (await sqlite(srv.dbPath, "SELECT id FROM agencies WHERE name = '云溪县人民政府'"))[0][0];
  financeId = (await sqlite(srv.dbPath, "SELECT id FROM agencies WHERE name = '云溪县财政局'"))[0][0];
  adminToken = await srv.token('county.admin');
  townToken = await srv.token('qingshi.drafter');
});
after(async () => {
  if (srv) await srv.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function cliReport(format, { scope = 'subtree', agency = countyId, year = '2025' } = {}) {
  const out = path.join(dir, `report-${agency}-${year}-${scope}.${format}`);
  const r = await runCli(['report', '--db', srv.dbPath, '--agency', String(agency), '--year', year, '--scope', scope,
    '--format', format, '--out', out]);
  return { ...r, out };
}

async function apiGet(p, token) {
  const headers = token ? { authorization: `Bearer ${token}` } : {};
  const res = await fetch(srv.baseUrl + p, { headers, redirect: 'manual' });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

// The figures of the JSON as {label → [values]} for one table ("二" flattens its parts).
function jsonRows(json, table) {
  const t = json.tables[table];
  const rows = t.parts ? t.parts.flatMap((p) => p.rows) : t.rows;
  return rows;
}

function withoutTimestamps(j) {
  const copy = structuredClone(j);
  delete copy.generated_at;
  return copy;
}

test('gongkai report writes the JSON, XLSX, PDF and HTML of the demo county', async () => {
  const json = await cliReport('json');
  assert.equal(json.code, 0, json.stderr);
  const j = JSON.parse(readFileSync(json.out, 'utf8'));
  assert.equal(j.schema, 'gongkai.annual-report/1');
  assert.equal(j.format, '2021');
  assert.equal(j.year, 2025);
  assert.equal(j.scope, 'subtree');
  assert.equal(j.agency.name, '云溪县人民政府');
  assert.deepEqual(j.sections.map((s) => s.title), ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况',
    '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']);
  const t3 = j.tables['三'];
  assert.deepEqual(t3.columns, ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
  const row = (label) => t3.rows.find((r) => r.label === label);
  const fresh = row('一、本年新收政府信息公开申请数量').values;
  assert.ok(fresh['总计'] > 0, 'the demo county received applications in 2025');
  // The law's identity: 一 + 二 = （七）总计 + 四, for every column.
  for (const col of t3.columns) {
    assert.equal(fresh[col] + row('二、上年结转政府信息公开申请数量').values[col],
      row('（七）总计').values[col] + row('四、结转下年度继续办理').values[col], col);
  }
  assert.ok(row('（三）不予公开 1.属于国家秘密'), 'sub-rows carry their group');
  assert.ok(j.units.length > 5, 'the county and its units');
  assert.equal(j.units[0].agency.name, '云溪县人民政府');

  const xlsx = await cliReport('xlsx');
  assert.equal(xlsx.code, 0, xlsx.stderr);
  assert.equal(readFileSync(xlsx.out).subarray(0, 2).toString(), 'PK');

  const pdf = await cliReport('pdf');
  assert.equal(pdf.code, 0, pdf.stderr);
  assert.equal(readFileSync(pdf.out).subarray(0, 5).toString(), '%PDF-');
  const text = spawnSync('pdftotext', ['-raw', pdf.out, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
  for (const label of [TITLE, '一、本年新收政府信息公开申请数量', '1.属于国家秘密', '（七）总计', '未经复议直接起诉', '第二十条第（一）项',
    '五、存在的主要问题及改进情况']) {
    assert.ok(text.includes(label.replace(/\s+/g, '')), label);
  }

  const html = await cliReport('html');
  assert.equal(html.code, 0, html.stderr);
  const page = readFileSync(html.out, 'utf8');
  assert.match(page, /^<!DOCTYPE html>/);
  assert.ok(page.includes(`<title>${TITLE}</title>`));
  assert.match(page, /<caption>表三 收到和处理政府信息公开申请情况<\/caption>/);
  assert.match(page, /rowspan="\d+"/);
  assert.doesNotMatch(page, /<script/);

  const self = await cliReport('json', { scope: 'self' });
  assert.equal(self.code, 0, self.stderr);
  assert.equal(JSON.parse(readFileSync(self.out, 'utf8')).scope, 'self');
});

test('gongkai report fails in English with a non-zero exit code', async () => {
  const unknown = await cliReport('json', { agency: 999999 });
  assert.notEqual(unknown.code, 0);
  assert.match(unknown.stderr, /no agency with id 999999/);
  const old = await cliReport('json', { year: '2018' });
  assert.notEqual(old.code, 0);
  assert.match(old.stderr, /no annual report format for 2018/);
  const badFormat = await runCli(['report', '--db', srv.dbPath, '--agency', String(countyId), '--year', '2025',
    '--format', 'docx', '--out', path.join(dir, 'x.docx')]);
  assert.notEqual(badFormat.code, 0);
  assert.match(badFormat.stderr, /format/);
  const noDb = await runCli(['report', '--db', path.join(dir, 'missing.db'), '--agency', '1', '--year', '2025',
    '--format', 'json', '--out', path.join(dir, 'x.json')]);
  assert.notEqual(noDb.code, 0);
  assert.match(noDb.stderr, /does not exist/);
});

test('GET /api/v1/reports/{agency}/{year} serves each format to staff who may read the agency', async () => {
  const base = `/api/v1/reports/${countyId}/2025?scope=subtree`;
  const json = await apiGet(`${base}&format=json`, adminToken);
  assert.equal(json.status, 200, json.bytes.toString().slice(0, 300));
  assert.equal(json.headers.get('content-type'), 'application/json; charset=utf-8');
  const disposition = json.headers.get('content-disposition');
  assert.ok(disposition.startsWith('attachment; filename="annual-report-'), disposition);
  assert.ok(disposition.includes(`filename*=UTF-8''${encodeURIComponent(`${TITLE}（汇总）.json`)}`), disposition);
  const cli = await cliReport('json');
  assert.deepEqual(withoutTimestamps(JSON.parse(json.bytes.toString('utf8'))),
    withoutTimestamps(JSON.parse(readFileSync(cli.out, 'utf8'))), 'the API and the CLI give the same report');
  // JSON is the default format; self is the default scope.
  const dflt = await apiGet(`/api/v1/reports/${countyId}/2025`, adminToken);
  assert.equal(dflt.status, 200);
  assert.equal(JSON.parse(dflt.bytes.toString('utf8')).scope, 'self');

  const xlsx = await apiGet(`${base}&format=xlsx`, adminToken);
  assert.equal(xlsx.status, 200);
  assert.equal(xlsx.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(xlsx.bytes.subarray(0, 2).toString(), 'PK');
  assert.match(xlsx.headers.get('content-disposition'), /filename="annual-report-\d+-2025-subtree\.xlsx"/);
  const pdf = await apiGet(`${base}&format=pdf`, adminToken);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  assert.equal(pdf.bytes.subarray(0, 5).toString(), '%PDF-');
  const html = await apiGet(`${base}&format=html`, adminToken);
  assert.equal(html.status, 200);
  assert.equal(html.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.match(html.bytes.toString('utf8'), /<caption>表四 政府信息公开行政复议、行政诉讼情况<\/caption>/);

  // A town's clerk may read the town's own report, not the county's nor another department's.
  const townId = (await sqlite(srv.dbPath, "SELECT id FROM agencies WHERE name = '云溪县青石镇人民政府'"))[0][0];
  assert.equal((await apiGet(`/api/v1/reports/${townId}/2025?format=json`, townToken)).status, 200);
  const denied = await apiGet(`${base}&format=json`, townToken);
  assert.equal(denied.status, 403);
  assert.equal(JSON.parse(denied.bytes.toString('utf8')).error.code, 'forbidden');
  assert.equal((await apiGet(`/api/v1/reports/${financeId}/2025?format=pdf`, townToken)).status, 403);
  const anonymous = await apiGet(`${base}&format=json`);
  assert.equal(anonymous.status, 401);
  assert.equal(anonymous.headers.get('www-authenticate'), 'Bearer');

  const badFormat = await apiGet(`${base}&format=docx`, adminToken);
  assert.equal(badFormat.status, 400);
  assert.equal(JSON.parse(badFormat.bytes.toString('utf8')).error.fields.format !== undefined, true);
  assert.equal((await apiGet(`/api/v1/reports/${countyId}/2025?scope=all`, adminToken)).status, 400);
  assert.equal((await apiGet(`/api/v1/reports/999999/2025`, adminToken)).status, 404);
  assert.equal((await apiGet(`/api/v1/reports/${countyId}/2018`, adminToken)).status, 400);
});

test('/admin/reports links the downloads, which serve the signed-in staff', async () => {
  const admin = await login(srv.baseUrl, 'county.admin', DEMO_PASSWORD);
  const page = await admin.get(`/admin/reports?agency=${countyId}&year=2025&scope=subtree`);
  assert.equal(page.status, 200);
  for (const format of ['xlsx', 'pdf', 'json']) {
    const m = page.text.match(new RegExp(`href="([^"]*format=${format})"`));
    assert.ok(m, `a ${format} link`);
    const href = m[1].replaceAll('&amp;', '&').replaceAll('&#x2F;', '/');
    assert.ok(href.includes(`agency=${countyId}`) && href.includes('scope=subtree'), href);
    const res = await admin.fetch(href);
    assert.equal(res.status, 200, href);
    assert.match(res.headers.get('content-disposition'), /^attachment; /);
    await res.arrayBuffer();
  }
  const town = await login(srv.baseUrl, 'qingshi.drafter', DEMO_PASSWORD);
  const denied = await town.get(`/admin/reports/export?agency=${countyId}&year=2025&scope=subtree&format=xlsx`);
  assert.equal(denied.status, 403);
});

// LibreOffice (Debian libreoffice-calc-nogui) reads the workbook as a spreadsheet program would and
// writes every sheet as CSV; its numbers must be the JSON's, row by row.
const soffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim();
test('the XLSX read by LibreOffice holds the figures of the JSON', { skip: soffice ? false : 'soffice is not installed (apt-get install libreoffice-calc-nogui)', timeout: 180_000 }, async () => {
  const json = await cliReport('json');
  const xlsx = await cliReport('xlsx');
  assert.equal(xlsx.code, 0, xlsx.stderr);
  const j = JSON.parse(readFileSync(json.out, 'utf8'));
  const outDir = path.join(dir, 'csv');
  const profile = path.join(dir, 'lo-profile');
  const r = spawnSync(soffice, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to',
    // UTF-8, comma, quote; raw cell values (not as shown); every sheet.
    'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', outDir, xlsx.out],
  { encoding: 'utf8', timeout: 170_000 });
  assert.equal(r.status, 0, r.stderr);
  const files = readdirSync(outDir);
  const sheet = (name) => {
    const f = files.find((x) => x.endsWith(`-${name}.csv`));
    assert.ok(f, `sheet ${name} in ${files}`);
    return readFileSync(path.join(outDir, f), 'utf8').split('\n').filter((l) => l !== '').map(parseCsvLine);
  };
  const isNumber = (s) => s !== '' && !Number.isNaN(Number(s));

  // 表二 and 表三: a data row is its label (the last text cell of the line) followed by its numbers.
  for (const name of ['二', '三']) {
    const lines = sheet(`表${name}`);
    const byLabel = new Map();
    for (const cells of lines) {
      const texts = cells.filter((c) => c !== '' && !isNumber(c));
      if (texts.length === 0) continue;
      byLabel.set(texts.at(-1), cells.filter(isNumber).map(Number));
    }
    let compared = 0;
    for (const row of jsonRows(j, name)) {
      const plain = row.label.split(' ').at(-1); // "（三）不予公开 1.属于国家秘密" → its printed cell
      const expected = Object.values(row.values).filter((v) => v !== null);
      assert.deepEqual(byLabel.get(plain) ?? [], expected, `表${name} ${row.label}`);
      compared += expected.length;
    }
    assert.ok(compared > 0, `表${name} has figures`);
  }
  // 表四: the value row holds 行政复议, 未经复议直接起诉 and 复议后起诉, five figures each.
  const t4 = sheet('表四').filter((cells) => cells.filter(isNumber).length === 15);
  assert.equal(t4.length, 1);
  const expected4 = jsonRows(j, '四').flatMap((row) => Object.values(row.values));
  assert.deepEqual(t4[0].filter(isNumber).map(Number), expected4);
});

function parseCsvLine(line) {
  const out = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cur += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else {
      cur += ch;
    }
  }
  out.push(cur);
  return out;
}
