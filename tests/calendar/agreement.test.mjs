// The working-day calendar against an independent source: `gongkai calendar list` for every date
// 2017-01-01 … 2026-12-31 must give the same working-day status as the npm package chinese-days
// (pinned in tools/holidays), and the reason it shows must be the one data/holidays gives:
// 调休上班（<holiday>） for a make-up day, the holiday's name in an off block, else 周末 or 工作日.
//
//   GONGKAI_BIN=build-dev/gongkai node --test tests/calendar/
//   (needs `npm ci` in tools/holidays; scripts/install-deps does it)
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const FROM = '2017-01-01';
const TO = '2026-12-31';
const WEEKDAY_ZH = ['日', '一', '二', '三', '四', '五', '六'];

// chinese-days 1.5.7 mixes UTC parsing with local-time Date methods, so west of UTC its answers are
// a day off: pin the time zone before it is loaded (it builds its tables at load time).
process.env.TZ = 'UTC';
const chineseDays = createRequire(import.meta.url)('../../tools/holidays/node_modules/chinese-days');

// Date helpers on 'YYYY-MM-DD' strings, in UTC.
const ms = (iso) => Date.parse(`${iso}T00:00:00Z`);
const weekday = (iso) => new Date(ms(iso)).getUTCDay();
const addDays = (iso, n) => new Date(ms(iso) + n * 86400000).toISOString().slice(0, 10);
function allDates(from, to) {
  const out = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}
const DATES = allDates(FROM, TO);

// What data/holidays says for each date: {workday, reason}.
function dataCalendar() {
  const off = new Map();
  const work = new Map();
  for (let y = 2017; y <= 2026; y++) {
    const file = path.join(repo, `data/holidays/${y}.json`);
    const json = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(json.year, y, `${file}: year`);
    for (const b of json.off) for (const d of allDates(b.from, b.to)) off.set(d, b.name);
    for (const w of json.work) work.set(w.date, w.name);
  }
  return (d) => {
    if (work.has(d)) return { workday: true, reason: `调休上班（${work.get(d)}）` };
    if (off.has(d)) return { workday: false, reason: off.get(d) };
    return weekday(d) === 0 || weekday(d) === 6 ? { workday: false, reason: '周末' } : { workday: true, reason: '工作日' };
  };
}
const expected = dataCalendar();

const show = (d) => `${d}(${WEEKDAY_ZH[weekday(d)]})`;
const failList = (what, list) => `${list.length} ${what}:\n  ${list.join('\n  ')}`;

test('data/holidays gives the same working days as chinese-days for 2017–2026', () => {
  const bad = DATES.filter((d) => expected(d).workday !== chineseDays.isWorkday(d)).map(
    (d) => `${show(d)}: data/holidays ${expected(d).workday} (${expected(d).reason}), chinese-days ${chineseDays.isWorkday(d)}`,
  );
  assert.deepEqual(bad, [], failList('disagreements', bad));
});

describe('gongkai calendar list 2017-01-01 2026-12-31 --json', () => {
  let days;
  before(() => {
    const bin = process.env.GONGKAI_BIN;
    if (!bin) throw new Error('GONGKAI_BIN is not set (e.g. GONGKAI_BIN=build-dev/gongkai node --test tests/calendar/)');
    if (!existsSync(bin)) throw new Error(`GONGKAI_BIN=${bin} does not exist; build it first`);
    const out = execFileSync(path.resolve(bin), ['calendar', 'list', FROM, TO, '--json'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 60_000,
    });
    days = JSON.parse(out);
  });

  test('lists every date of the range once, in order', () => {
    assert.ok(Array.isArray(days), 'a JSON array');
    assert.equal(days.length, DATES.length, `${DATES.length} dates`);
    const bad = [];
    days.forEach((x, i) => {
      if (x?.date !== DATES[i]) bad.push(`#${i}: ${JSON.stringify(x?.date)} where ${DATES[i]} was expected`);
      else if (typeof x.workday !== 'boolean' || typeof x.reason !== 'string') bad.push(`${x.date}: ${JSON.stringify(x)}`);
    });
    assert.deepEqual(bad, [], failList('misplaced or malformed entries', bad));
  });

  test('every date has the working-day status chinese-days gives', () => {
    const bad = days
      .filter((x) => x.workday !== chineseDays.isWorkday(x.date))
      .map((x) => `${show(x.date)}: gongkai ${x.workday} (${x.reason}), chinese-days ${chineseDays.isWorkday(x.date)} (${chineseDays.getDayDetail(x.date).name})`);
    assert.deepEqual(bad, [], failList('disagreements with chinese-days', bad));
  });

  test('every reason is the one data/holidays gives (调休上班（节日）, the holiday name, 周末 or 工作日)', () => {
    const bad = days
      .filter((x) => x.reason !== expected(x.date).reason || x.workday !== expected(x.date).workday)
      .map((x) => `${show(x.date)}: gongkai ${x.workday} ${x.reason}, data/holidays ${expected(x.date).workday} ${expected(x.date).reason}`);
    assert.deepEqual(bad, [], failList('wrong reasons', bad));
  });
});
