// The calendar over HTTP: the API answers and the public 答复期限计算器 a citizen uses.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './server.mjs';

let srv;
before(async () => {
  srv = await startServer({ demo: false });
});
after(async () => {
  if (srv) await srv.stop();
});

async function json(p) {
  const r = await fetch(srv.url(p));
  return { status: r.status, body: await r.json() };
}

test('the calendar API says whether a day is worked and why', async () => {
  assert.deepEqual((await json('/api/v1/calendar/day?date=2024-02-04')).body,
    { date: '2024-02-04', workday: true, reason: '调休上班（春节）' });
  assert.deepEqual((await json('/api/v1/calendar/day?date=2024-10-03')).body,
    { date: '2024-10-03', workday: false, reason: '国庆节' });
  assert.deepEqual((await json('/api/v1/calendar/add?from=2020-01-23&workdays=1')).body,
    { from: '2020-01-23', workdays: 1, date: '2020-02-03' });
});

test('bad dates, counts and unloaded years are clear 400 errors', async () => {
  for (const p of ['/api/v1/calendar/day?date=2024-2-4', '/api/v1/calendar/day', '/api/v1/calendar/add?from=2024-01-02&workdays=-1',
    '/api/v1/calendar/add?from=2024-01-02&workdays=99999', '/api/v1/calendar/day?date=2031-01-02']) {
    const r = await json(p);
    assert.equal(r.status, 400, p);
    assert.match(r.body.error.message, /[\u4e00-\u9fff]/, p);
  }
  assert.equal((await json('/api/v1/calendar/day?date=2031-01-02')).body.error.code, 'calendar_year_missing');
});

test('the deadline calculator gives the reply date and the days not counted', async () => {
  const r = await fetch(srv.url('/deadline?received=2024-09-26'));
  assert.equal(r.status, 200);
  const html = await r.text();
  assert.match(html, /<strong>2024-10-29<\/strong>/);
  assert.match(html, /2024-10-01 星期二（国庆节）/);
  assert.ok(!html.includes('2024-09-29 '), 'the make-up Sunday 09-29 is a working day, not listed as excluded');
  const bad = await fetch(srv.url('/deadline?received=2024-13-40'));
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /收到申请的日期应为有效日期/);
});

test('a year added on the command line is used by the running server within seconds', async () => {
  const { writeFileSync } = await import('node:fs');
  const path = await import('node:path');
  assert.equal((await json('/api/v1/calendar/day?date=2027-02-14')).status, 400, '2027 is not shipped');
  const file = path.join(srv.dir, '2027.json');
  writeFileSync(file, JSON.stringify({
    year: 2027, source: 'test',
    off: [{ name: '春节', from: '2027-02-06', to: '2027-02-13' }],
    work: [{ name: '春节', date: '2027-02-14' }],
  }));
  const bad = await srv.cli(['calendar', 'add-year', '--db', srv.dbPath, '--file', file.replace('2027', 'none')]);
  assert.notEqual(bad.code, 0);
  const r = await srv.cli(['calendar', 'add-year', '--db', srv.dbPath, '--file', file]);
  assert.equal(r.code, 0, r.stderr);
  const again = await srv.cli(['calendar', 'add-year', '--db', srv.dbPath, '--file', file]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /已经存在/);
  let day;
  for (let i = 0; i < 50; i++) {
    day = await json('/api/v1/calendar/day?date=2027-02-14');
    if (day.status === 200) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  assert.deepEqual(day.body, { date: '2027-02-14', workday: true, reason: '调休上班（春节）' });
});
