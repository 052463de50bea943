// Writes data/holidays/YYYY.json (2017–2026), the statutory holidays and 调休 make-up working days
// of the working-day calendar, from the pinned npm package chinese-days, made to match the official
// schedule of shared/domain/ogi-facts.md §7.2 (check.mjs verifies that they do).
//
//   cd tools/holidays && npm ci && node generate.mjs
//
// One file per calendar year of the dates: a block that crosses a year end (the 2019 元旦 block,
// 2018-12-30 – 2019-01-01) is split, its 2018 days going into 2018.json. Format (stable, by date):
//   {"year": 2024, "source": "...",
//    "off":  [{"name": "春节", "from": "2024-02-10", "to": "2024-02-17"}, ...],   statutory off-day blocks
//    "work": [{"name": "春节", "date": "2024-02-04"}, ...]}                       调休上班 (Sat/Sun)
// A date is a working day iff (Mon–Fri and in no off block) or it is a make-up day.
//
// Where chinese-days and the official notices differ in representation, the notices win:
// - chinese-days lists, in 2019, the ordinary weekend next to three single-day holidays (清明 4/5,
//   端午 6/7, 中秋 9/13: "放假，与周末连休") as holiday days. They are plain weekends, so they are left
//   out (NOT_OFFICIAL_OFF); the working-day status is the same either way, the reason shown is 周末.
// - combined 中秋/国庆 blocks carry the notice's wording (COMBINED_NAMES); chinese-days names each day
//   separately (2017, 2023, 2025) or all of it 国庆节 (2020).
// - names as the notices write them: 清明 → 清明节, 端午 → 端午节, 中秋 → 中秋节.
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

export const FIRST_YEAR = 2017;
export const LAST_YEAR = 2026;
export const REPO_ROOT = path.resolve(here, '../..');
export const DATA_DIR = path.join(REPO_ROOT, 'data/holidays');

// chinese-days' Chinese name (2nd field of "English,中文,n") → the notices' name.
const NAMES = {
  元旦: '元旦',
  春节: '春节',
  清明: '清明节',
  劳动节: '劳动节',
  端午: '端午节',
  中秋: '中秋节',
  国庆节: '国庆节',
};

// Weekend days chinese-days lists as holidays that are not part of any official block (§7.1).
const NOT_OFFICIAL_OFF = ['2019-04-06', '2019-04-07', '2019-06-08', '2019-06-09', '2019-09-14', '2019-09-15'];

// Blocks made of two holidays, by first day, named as the State Council notice names them (§7.2).
const COMBINED_NAMES = {
  '2017-10-01': '中秋节、国庆节',
  '2020-10-01': '国庆节、中秋节',
  '2023-09-29': '中秋节、国庆节',
  '2025-10-01': '国庆节、中秋节',
};

// chinese-days 1.5.7 builds its lookup tables and reads dates with local-time Date methods while
// parsing 'YYYY-MM-DD' as UTC: west of UTC every answer of its API is a day off. Its API is therefore
// only used with the process's time zone pinned to UTC, set before the package is first loaded.
export function loadChineseDays() {
  process.env.TZ = 'UTC';
  const pkg = require('chinese-days/package.json');
  const data = require('chinese-days/dist/chinese-days.json');
  return { version: pkg.version, data, api: require('chinese-days') };
}

export const sourceLine = (version) =>
  `npm chinese-days ${version}, cross-checked with shared/domain/ogi-facts.md §7`;

// Date helpers on 'YYYY-MM-DD' strings, in UTC so that the host's time zone never matters.
const ms = (iso) => Date.parse(`${iso}T00:00:00Z`);
export const weekday = (iso) => new Date(ms(iso)).getUTCDay(); // 0 = Sunday
export const addDays = (iso, n) => new Date(ms(iso) + n * 86400000).toISOString().slice(0, 10);
export const daysBetween = (a, b) => Math.round((ms(b) - ms(a)) / 86400000);
export function* eachDate(from, to) {
  for (let d = from; d <= to; d = addDays(d, 1)) yield d;
}

function cdName(value, date) {
  const zh = String(value).split(',')[1];
  const name = NAMES[zh];
  if (!name) throw new Error(`chinese-days: unknown holiday name ${JSON.stringify(value)} on ${date}`);
  return name;
}

// The whole schedule from chinese-days: {blocks: [{name, from, to}], work: [{name, date}]}, sorted,
// blocks not yet split at year ends.
export function buildSchedule(data) {
  const excluded = new Set(NOT_OFFICIAL_OFF);
  for (const d of excluded) {
    if (!data.holidays[d]) throw new Error(`NOT_OFFICIAL_OFF ${d} is no longer a chinese-days holiday: review the list`);
    if (weekday(d) !== 0 && weekday(d) !== 6) throw new Error(`NOT_OFFICIAL_OFF ${d} is not a weekend day`);
  }
  // Only the years around FIRST_YEAR..LAST_YEAR (enough for blocks that cross a year end).
  const near = (d) => Number(d.slice(0, 4)) >= FIRST_YEAR - 1 && Number(d.slice(0, 4)) <= LAST_YEAR + 1;
  const offDates = Object.keys(data.holidays).filter((d) => near(d) && !excluded.has(d)).sort();

  // Consecutive off days form one block.
  const blocks = [];
  for (const d of offDates) {
    const last = blocks[blocks.length - 1];
    const name = cdName(data.holidays[d], d);
    if (last && addDays(last.to, 1) === d) {
      last.to = d;
      last.names.add(name);
    } else {
      blocks.push({ from: d, to: d, names: new Set([name]) });
    }
  }
  const used = new Set();
  for (const b of blocks) {
    const combined = COMBINED_NAMES[b.from];
    if (combined) {
      used.add(b.from);
      b.name = combined;
    } else if (b.names.size === 1) {
      b.name = [...b.names][0];
    } else {
      throw new Error(`block ${b.from} – ${b.to} mixes ${[...b.names].join(', ')}: add it to COMBINED_NAMES`);
    }
    delete b.names;
  }
  for (const d of Object.keys(COMBINED_NAMES)) {
    if (!used.has(d)) throw new Error(`COMBINED_NAMES ${d} starts no block: review the list`);
  }

  // A make-up day belongs to the nearest block of its holiday (a combined block includes it).
  const work = Object.keys(data.workdays).filter(near).sort().map((date) => {
    const name = cdName(data.workdays[date], date);
    let best = null;
    for (const b of blocks) {
      if (!b.name.split('、').includes(name)) continue;
      const dist = Math.min(Math.abs(daysBetween(date, b.from)), Math.abs(daysBetween(date, b.to)));
      if (!best || dist < best.dist) best = { dist, block: b };
    }
    if (!best || best.dist > 45) throw new Error(`make-up day ${date} (${name}) has no ${name} block near it`);
    if (weekday(date) !== 0 && weekday(date) !== 6) throw new Error(`make-up day ${date} is not a weekend day`);
    return { name: best.block.name, date };
  });
  return { blocks, work };
}

// Splits the schedule into calendar years FIRST_YEAR..LAST_YEAR: Map year → {off, work}.
export function splitByYear({ blocks, work }) {
  const years = new Map();
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) years.set(y, { off: [], work: [] });
  for (const b of blocks) {
    for (let y = Number(b.from.slice(0, 4)); y <= Number(b.to.slice(0, 4)); y++) {
      if (!years.has(y)) continue;
      const from = b.from > `${y}-01-01` ? b.from : `${y}-01-01`;
      const to = b.to < `${y}-12-31` ? b.to : `${y}-12-31`;
      years.get(y).off.push({ name: b.name, from, to });
    }
  }
  for (const w of work) {
    const y = Number(w.date.slice(0, 4));
    if (years.has(y)) years.get(y).work.push(w);
  }
  return years;
}

// The canonical text of one year file.
export function serializeYear(year, source, { off, work }) {
  const q = JSON.stringify;
  const list = (items) =>
    items.length === 0 ? '[]' : `[\n${items.map((s) => `    ${s}`).join(',\n')}\n  ]`;
  return (
    `{\n` +
    `  "year": ${year},\n` +
    `  "source": ${q(source)},\n` +
    `  "off": ${list(off.map((b) => `{"name": ${q(b.name)}, "from": ${q(b.from)}, "to": ${q(b.to)}}`))},\n` +
    `  "work": ${list(work.map((w) => `{"name": ${q(w.name)}, "date": ${q(w.date)}}`))}\n` +
    `}\n`
  );
}

// Map 'YYYY.json' → file text, as generate writes it.
export function buildFiles() {
  const { version, data } = loadChineseDays();
  const years = splitByYear(buildSchedule(data));
  const files = new Map();
  for (const [year, content] of years) files.set(`${year}.json`, serializeYear(year, sourceLine(version), content));
  return files;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const files = buildFiles();
  mkdirSync(DATA_DIR, { recursive: true });
  for (const f of readdirSync(DATA_DIR)) {
    if (/^\d{4}\.json$/.test(f) && !files.has(f)) rmSync(path.join(DATA_DIR, f));
  }
  for (const [name, text] of files) writeFileSync(path.join(DATA_DIR, name), text);
  console.log(`wrote ${files.size} files to ${path.relative(process.cwd(), DATA_DIR) || '.'}`);
}
