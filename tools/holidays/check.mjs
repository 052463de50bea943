// Verifies data/holidays/*.json:
//   1. the files are 2017.json … 2026.json, well formed, in the canonical format and order, each date in
//      its own calendar year, make-up days on weekends and outside the off blocks;
//   2. they say exactly what the official schedule table of ogi-facts.md §7.2 says: every off block
//      (blocks split at a year end are joined again) and every make-up day, with its holiday name;
//   3. they are what generate.mjs makes from the pinned chinese-days (no hand edits, no stale data);
//   4. the working-day status they give equals chinese-days' own isWorkday() for every date
//      2017-01-01 … 2026-12-31.
// Exits 1 with a readable list of differences otherwise.
//
//   node tools/holidays/check.mjs [path/to/ogi-facts.md]    (default: tools/holidays/schedule-7.2.md,
//                                                            the committed excerpt of §7.2)
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DATA_DIR, FIRST_YEAR, LAST_YEAR, REPO_ROOT, addDays, buildFiles, eachDate, loadChineseDays, serializeYear,
  sourceLine, weekday,
} from './generate.mjs';

const WEEKDAY_ZH = ['日', '一', '二', '三', '四', '五', '六'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const problems = [];
const problem = (section, text) => problems.push(`[${section}] ${text}`);

// ---- §7.2 table ----------------------------------------------------------------------------------

// Returns {blocks: [{name, from, to}], work: [{name, date}]} from the §7.2 markdown table.
export function parseSchedule(markdown) {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => /^###\s+7\.2\b/.test(l));
  if (start < 0) throw new Error('no "### 7.2" heading found');
  const blocks = [];
  const work = [];
  let year = null;
  let inTable = false;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i].trim();
    if (/^#{1,3}\s/.test(line)) break;
    if (!line.startsWith('|')) {
      if (inTable) break;
      continue;
    }
    inTable = true;
    const cells = line.replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
    if (cells[0] === '文件年份' || /^-+$/.test(cells[0].replace(/:/g, ''))) continue;
    if (cells.length < 4) throw new Error(`§7.2 line ${i + 1}: expected at least 4 cells: ${line}`);
    const [yearCell, name, offCell, workCell] = cells;
    if (yearCell) year = Number(yearCell);
    const where = `§7.2 line ${i + 1} (${year} ${name})`;
    if (!name) throw new Error(`${where}: no holiday name`);

    const m = offCell.match(/^(\d{4}-\d{2}-\d{2})(?:\s*[–-]\s*(\d{4}-\d{2}-\d{2}))?\s*（(\d+)天）$/);
    if (!m) throw new Error(`${where}: cannot read the off range ${JSON.stringify(offCell)}`);
    const from = m[1];
    const to = m[2] || m[1];
    let days = 0;
    for (const _ of eachDate(from, to)) days++;
    if (days !== Number(m[3])) throw new Error(`${where}: ${from} – ${to} is ${days} days, the table says ${m[3]}`);
    blocks.push({ name, from, to });

    // Make-up days: "—", or "YYYY-MM-DD(六)、…"; full-width parentheses hold remarks, not make-up days.
    const makeUp = workCell.replace(/（[^）]*）/g, '').trim();
    if (makeUp === '—' || makeUp === '-' || makeUp === '') continue;
    for (const part of makeUp.split('、')) {
      const w = part.trim().match(/^(\d{4}-\d{2}-\d{2})\((.)\)$/);
      if (!w) throw new Error(`${where}: cannot read the make-up day ${JSON.stringify(part)}`);
      if (WEEKDAY_ZH[weekday(w[1])] !== w[2]) {
        throw new Error(`${where}: ${w[1]} is a 星期${WEEKDAY_ZH[weekday(w[1])]}, the table says (${w[2]})`);
      }
      work.push({ name, date: w[1] });
    }
  }
  if (blocks.length === 0) throw new Error('§7.2: no table rows found');
  return { blocks, work };
}

// ---- data/holidays --------------------------------------------------------------------------------

// Reads and validates the year files; returns {files: Map name → text, years: Map year → {off, work}}.
function readData(version) {
  const files = new Map();
  const years = new Map();
  const expectedNames = [];
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++) expectedNames.push(`${y}.json`);
  const present = existsSync(DATA_DIR) ? readdirSync(DATA_DIR).filter((f) => f.endsWith('.json')).sort() : [];
  for (const f of present) if (!expectedNames.includes(f)) problem('files', `unexpected file data/holidays/${f}`);
  for (const f of expectedNames) {
    if (!present.includes(f)) {
      problem('files', `missing data/holidays/${f}`);
      continue;
    }
    const text = readFileSync(path.join(DATA_DIR, f), 'utf8');
    files.set(f, text);
    const year = Number(f.slice(0, 4));
    let json;
    try {
      json = JSON.parse(text);
    } catch (e) {
      problem('files', `${f}: not JSON: ${e.message}`);
      continue;
    }
    const where = `data/holidays/${f}`;
    if (json.year !== year) problem('files', `${where}: "year" is ${json.year}`);
    if (json.source !== sourceLine(version)) problem('files', `${where}: "source" is ${JSON.stringify(json.source)}`);
    const off = Array.isArray(json.off) ? json.off : (problem('files', `${where}: no "off" array`), []);
    const work = Array.isArray(json.work) ? json.work : (problem('files', `${where}: no "work" array`), []);
    const inYear = (d) => typeof d === 'string' && DATE.test(d) && d.startsWith(`${year}-`) && addDays(d, 0) === d;
    let prevTo = '';
    for (const b of off) {
      if (typeof b.name !== 'string' || !b.name || !inYear(b.from) || !inYear(b.to) || b.from > b.to) {
        problem('files', `${where}: bad off entry ${JSON.stringify(b)}`);
        continue;
      }
      if (b.from <= prevTo) problem('files', `${where}: off entry ${b.from} is out of order or overlaps the previous one`);
      prevTo = b.to;
    }
    let prevDate = '';
    for (const w of work) {
      if (typeof w.name !== 'string' || !w.name || !inYear(w.date)) {
        problem('files', `${where}: bad work entry ${JSON.stringify(w)}`);
        continue;
      }
      if (w.date <= prevDate) problem('files', `${where}: work entry ${w.date} is out of order or repeated`);
      prevDate = w.date;
      if (weekday(w.date) !== 0 && weekday(w.date) !== 6) problem('files', `${where}: make-up day ${w.date} is not a Saturday or Sunday`);
      if (off.some((b) => b.from <= w.date && w.date <= b.to)) problem('files', `${where}: make-up day ${w.date} lies in an off block`);
    }
    const canonical = serializeYear(year, json.source, { off, work });
    if (text !== canonical) problem('files', `${where}: not in the canonical format (run generate.mjs)`);
    years.set(year, { off, work });
  }
  return { files, years };
}

// Off blocks of all years, joined again where a block was split at a year end.
function joinBlocks(years) {
  const blocks = [];
  for (const y of [...years.keys()].sort()) {
    for (const b of years.get(y).off) {
      const last = blocks[blocks.length - 1];
      if (last && last.name === b.name && addDays(last.to, 1) === b.from) last.to = b.to;
      else blocks.push({ ...b });
    }
  }
  return blocks;
}

// workday(date) from the year files: Map date → {workday, reason}.
export function calendarFromYears(years) {
  const off = new Map();
  const work = new Map();
  for (const { off: o, work: w } of years.values()) {
    for (const b of o) for (const d of eachDate(b.from, b.to)) off.set(d, b.name);
    for (const x of w) work.set(x.date, x.name);
  }
  return (d) => {
    if (work.has(d)) return { workday: true, reason: `调休上班（${work.get(d)}）` };
    if (off.has(d)) return { workday: false, reason: off.get(d) };
    const wd = weekday(d);
    return wd === 0 || wd === 6 ? { workday: false, reason: '周末' } : { workday: true, reason: '工作日' };
  };
}

// chinese-days' isWorkday for 'YYYY-MM-DD' (loadChineseDays has pinned TZ=UTC, see there).
export function chineseDaysIsWorkday(api, iso) {
  if (new Date(0).getTimezoneOffset() !== 0) throw new Error('chinese-days needs TZ=UTC');
  return api.isWorkday(iso);
}

function diffLists(section, label, expected, actual, key, show) {
  const exp = new Map(expected.map((x) => [key(x), x]));
  const act = new Map(actual.map((x) => [key(x), x]));
  for (const [k, x] of exp) if (!act.has(k)) problem(section, `${label} in §7.2 but not in data/holidays: ${show(x)}`);
  for (const [k, x] of act) if (!exp.has(k)) problem(section, `${label} in data/holidays but not in §7.2: ${show(x)}`);
}

function main() {
  const factsPath = path.resolve(process.argv[2] || path.join(REPO_ROOT, 'tools/holidays/schedule-7.2.md'));
  if (!existsSync(factsPath)) {
    console.error(`check: ${factsPath} not found (pass the path of ogi-facts.md as the argument)`);
    process.exit(2);
  }
  const { version, api } = loadChineseDays();
  const { files, years } = readData(version);

  // 2. against §7.2
  let official;
  try {
    official = parseSchedule(readFileSync(factsPath, 'utf8'));
  } catch (e) {
    console.error(`check: cannot read the schedule of ${factsPath}: ${e.message}`);
    process.exit(2);
  }
  const blocks = joinBlocks(years);
  const work = [...years.values()].flatMap((y) => y.work);
  const showBlock = (b) => `${b.name} ${b.from} – ${b.to}`;
  diffLists('§7.2', 'off block', official.blocks, blocks, showBlock, showBlock);
  diffLists('§7.2', 'make-up day', official.work, work, (w) => `${w.name} ${w.date}`, (w) => `${w.name} ${w.date}`);

  // 3. against the generator
  for (const [name, text] of buildFiles()) {
    if (files.has(name) && files.get(name) !== text) problem('generate', `data/holidays/${name} differs from what generate.mjs makes`);
  }

  // 4. against chinese-days' isWorkday
  const cal = calendarFromYears(years);
  let dates = 0;
  const disagree = [];
  for (const d of eachDate(`${FIRST_YEAR}-01-01`, `${LAST_YEAR}-12-31`)) {
    dates++;
    const ours = cal(d);
    const theirs = chineseDaysIsWorkday(api, d);
    if (ours.workday !== theirs) disagree.push(`${d} (${WEEKDAY_ZH[weekday(d)]}): data/holidays ${ours.workday ? 'working day' : 'day off'} (${ours.reason}), chinese-days ${theirs ? 'working day' : 'day off'}`);
  }
  for (const x of disagree) problem('chinese-days', x);

  // Summary
  console.log(`check: ${factsPath}`);
  console.log('year  off-days  make-up  working-days');
  for (const [y, { off, work: w }] of [...years].sort((a, b) => a[0] - b[0])) {
    let offDays = 0;
    for (const b of off) for (const _ of eachDate(b.from, b.to)) offDays++;
    let working = 0;
    for (const d of eachDate(`${y}-01-01`, `${y}-12-31`)) if (cal(d).workday) working++;
    console.log(`${y}  ${String(offDays).padStart(8)}  ${String(w.length).padStart(7)}  ${String(working).padStart(12)}`);
  }
  console.log(`§7.2: ${official.blocks.length} off blocks, ${official.work.length} make-up days; ` +
    `data/holidays: ${blocks.length} off blocks (joined across year ends), ${work.length} make-up days; ` +
    `${dates} dates compared with chinese-days ${version} isWorkday, ${disagree.length} disagree`);
  if (problems.length) {
    console.error(`\ncheck FAILED, ${problems.length} difference(s):`);
    for (const p of problems) console.error(`  ${p}`);
    process.exit(1);
  }
  console.log('check OK');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
