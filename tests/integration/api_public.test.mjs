// The anonymous JSON API over the demo data: the agency directory, the catalog of published 主动公开
// items with the portal's filters, one item with body and attachments, and strict parameter checks.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { apiFetch, sqlite, startServer } from './server.mjs';
import { CHINESE } from './fixtures.mjs';

let srv;
let agencies;
before(async () => {
  srv = await startServer();
  const r = await apiFetch(srv, 'GET', '/api/v1/agencies');
  assert.equal(r.status, 200, r.text);
  agencies = r.json.agencies;
});
after(async () => {
  if (srv) await srv.stop();
});

const get = (p) => apiFetch(srv, 'GET', p);

// Every item of a filtered list (all pages).
async function all(query) {
  const out = [];
  for (let page = 1; ; page += 1) {
    const r = await get(`/api/v1/items?${query}${query ? '&' : ''}per_page=100&page=${page}`);
    assert.equal(r.status, 200, `${query}: ${r.text}`);
    out.push(...r.json.items);
    if (page >= r.json.pages) return out;
  }
}

describe('GET /api/v1/agencies', () => {
  test('lists the agency tree flat, parents first, with levels and columns', () => {
    assert.ok(agencies.length >= 2, 'the demo has several agencies');
    const seen = new Set();
    for (const a of agencies) {
      assert.equal(typeof a.id, 'number');
      assert.ok(a.name && CHINESE.test(a.name));
      assert.ok(['province', 'city', 'county', 'township', 'department'].includes(a.level), a.level);
      assert.match(a.level_label, CHINESE);
      assert.match(a.credit_code, /^[0-9A-HJ-NPQRTUWXY]{18}$/);
      if (a.parent_id === null) assert.equal(a.depth, 0);
      else assert.ok(seen.has(a.parent_id), `${a.name}: parent ${a.parent_id} is listed before it`);
      assert.ok(Array.isArray(a.columns));
      for (const c of a.columns) assert.equal(c.agency_id, a.id);
      seen.add(a.id);
    }
    assert.ok(agencies.some((a) => a.columns.some((c) => c.kind === 'statutory')), 'standard columns are listed');
    const r = JSON.stringify(agencies);
    assert.ok(!/password|token/i.test(r), 'no account data');
  });

  test('refuses query parameters it does not support', async () => {
    const r = await get('/api/v1/agencies?level=county');
    assert.equal(r.status, 400);
    assert.match(r.json.error.message, CHINESE);
  });
});

describe('GET /api/v1/items', () => {
  test('lists only published 主动公开 items, newest first, without bodies', async () => {
    const r = await get('/api/v1/items');
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8');
    const { total, page, per_page, pages, items } = r.json;
    assert.ok(total > 20, `demo data has published items (total ${total})`);
    assert.equal(page, 1);
    assert.equal(per_page, 20);
    assert.equal(pages, Math.ceil(total / 20));
    assert.equal(items.length, 20);
    const everything = await all('');
    assert.equal(everything.length, total);
    assert.equal(new Set(everything.map((i) => i.id)).size, total, 'no item twice across pages');
    for (const it of everything) {
      assert.equal(it.state, 'published', `item ${it.id}`);
      assert.equal(it.disclosure, 'proactive', `item ${it.id}`);
      assert.match(it.index_no, /\S/, `item ${it.id} has an 索引号`);
      assert.equal(it.body_html, undefined, 'list entries carry no body');
      assert.equal(it.url, `/items/${it.id}`);
    }
    for (let k = 1; k < everything.length; k += 1) {
      assert.ok(everything[k - 1].publish_date >= everything[k].publish_date, 'newest first');
    }
  });

  test('pagination: per_page and page', async () => {
    const p1 = await get('/api/v1/items?per_page=5&page=1');
    const p2 = await get('/api/v1/items?per_page=5&page=2');
    assert.equal(p1.json.items.length, 5);
    assert.equal(p2.json.page, 2);
    assert.equal(p1.json.pages, Math.ceil(p1.json.total / 5));
    const ids1 = new Set(p1.json.items.map((i) => i.id));
    assert.ok(p2.json.items.every((i) => !ids1.has(i.id)));
    const beyond = await get(`/api/v1/items?per_page=100&page=${p1.json.total + 1}`);
    assert.equal(beyond.status, 200);
    assert.deepEqual(beyond.json.items, []);
  });

  test('filters: year, validity, genre, subject, agency (with subtree) and column', async () => {
    const sample = (await get('/api/v1/items?per_page=100')).json.items;
    const it = sample[0];

    const year = it.publish_date.slice(0, 4);
    const byYear = await all(`year=${year}`);
    assert.ok(byYear.length > 0 && byYear.every((x) => x.publish_date.startsWith(year)));

    for (const v of ['valid', 'expired', 'repealed']) {
      const list = await all(`validity=${v}`);
      assert.ok(list.every((x) => x.validity === v), v);
    }
    const repealed = await all('validity=repealed');
    assert.ok(repealed.every((x) => x.repeal_date), 'repealed items carry their 废止日期');

    const byGenre = await all(`genre=${it.genre}`);
    assert.ok(byGenre.length > 0 && byGenre.every((x) => x.genre === it.genre));

    const top = it.subject.slice(0, 2);
    const bySubject = await all(`subject=${top}`);
    assert.ok(bySubject.length > 0 && bySubject.every((x) => x.subject.startsWith(top)), 'first-level code includes its sub-classes');
    const bySub = await all(`subject=${it.subject}`);
    assert.ok(bySub.every((x) => x.subject === it.subject));

    // A root agency with subtree=1 covers at least what it publishes itself.
    const root = agencies.find((a) => a.parent_id === null);
    const own = await all(`agency=${root.id}`);
    const tree = await all(`agency=${root.id}&subtree=1`);
    assert.ok(own.every((x) => x.agency_id === root.id));
    assert.ok(tree.length >= own.length);
    const inTree = new Set([root.id]);
    for (const a of agencies) if (a.parent_id !== null && inTree.has(a.parent_id)) inTree.add(a.id);
    assert.ok(tree.every((x) => inTree.has(x.agency_id)));
    if (agencies.filter((a) => a.parent_id === null).length === 1) {
      const total = (await get('/api/v1/items')).json.total;
      assert.equal(tree.length, total, 'the whole tree under the single root is the whole catalog');
    }

    const withColumn = sample.find((x) => x.column_id !== null);
    if (withColumn) {
      const byColumn = await all(`column=${withColumn.column_id}`);
      assert.ok(byColumn.length > 0 && byColumn.every((x) => x.column_id === withColumn.column_id));
    }

    const combined = await all(`year=${year}&genre=${it.genre}&agency=${it.agency_id}`);
    assert.ok(combined.some((x) => x.id === it.id));
  });

  test('invalid filter values are a 400 with a Chinese message naming the parameter', async () => {
    const cases = [
      ['year=abc', 'year'],
      ['year=24', 'year'],
      ['year=1800', 'year'],
      ['validity=unknown', 'validity'],
      ['validity=', 'validity'],
      ['agency=x', 'agency'],
      ['agency=0', 'agency'],
      ['agency=99999999', 'agency'],
      ['subtree=1', 'subtree'],
      ['subtree=yes&agency=1', 'subtree'],
      ['column=-1', 'column'],
      ['column=99999999', 'column'],
      ['subject=99', 'subject'],
      ['genre=poem', 'genre'],
      ['page=0', 'page'],
      ['page=abc', 'page'],
      ['per_page=101', 'per_page'],
      ['per_page=0', 'per_page'],
      ['q=%E9%80%9A%E7%9F%A5', 'q'],
      ['year=2024&year=2025', 'year'],
    ];
    for (const [query, field] of cases) {
      const r = await get(`/api/v1/items?${query}`);
      assert.equal(r.status, 400, `${query}: ${r.status}`);
      assert.ok(r.json.error.fields?.[field], `${query}: fields.${field} in ${r.text}`);
      assert.match(r.json.error.fields[field], CHINESE, query);
      assert.match(r.json.error.message, CHINESE, query);
    }
  });
});

describe('GET /api/v1/items/{id}', () => {
  test('one public item with body, attachments (download URL), interpretations and interprets', async () => {
    const list = await all('');
    const it = list[0];
    const r = await get(`/api/v1/items/${it.id}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.id, it.id);
    assert.equal(typeof r.json.body_html, 'string');
    assert.ok(Array.isArray(r.json.attachments));
    assert.ok(Array.isArray(r.json.interpretations));
    assert.ok('interprets' in r.json);

    // An item with attachments (the demo has some): the URL downloads exactly the file.
    let withAttachment = null;
    for (const candidate of [...list].reverse()) {
      const d = (await get(`/api/v1/items/${candidate.id}`)).json;
      if (d.attachments.length > 0) {
        withAttachment = d;
        break;
      }
    }
    assert.ok(withAttachment, 'the demo data has a public item with an attachment');
    for (const a of withAttachment.attachments) {
      assert.ok(a.url.startsWith(`/files/${a.sha256}/`), a.url);
      assert.ok(a.filename && a.mime && a.size > 0);
      const file = await fetch(srv.url(a.url));
      assert.equal(file.status, 200, a.url);
      const bytes = Buffer.from(await file.arrayBuffer());
      assert.equal(bytes.length, a.size);
      assert.equal(createHash('sha256').update(bytes).digest('hex'), a.sha256);
    }

    // An interpretation (the demo has some): linked both ways.
    const interp = list.find((x) => x.interprets_id !== null);
    assert.ok(interp, 'the demo data has a published 政策解读');
    const d = (await get(`/api/v1/items/${interp.id}`)).json;
    assert.equal(d.interprets.id, interp.interprets_id);
    assert.equal(d.interprets_title, d.interprets.title);
    const policy = (await get(`/api/v1/items/${interp.interprets_id}`)).json;
    assert.ok(policy.interpretations.some((x) => x.id === interp.id));
  });

  test('unknown, malformed and non-public ids are a JSON 404', async () => {
    for (const p of ['/api/v1/items/99999999', '/api/v1/items/abc', '/api/v1/items/0', '/api/v1/items/-3']) {
      const r = await get(p);
      assert.equal(r.status, 404, p);
      assert.equal(r.json.error.code, 'not_found');
      assert.match(r.json.error.message, CHINESE);
    }
    // One item of every non-public kind in the demo data: drafts, items under review, withdrawn,
    // archived, 依申请公开 and 不予公开 ones.
    const hidden = await sqlite(
      srv.dbPath,
      "SELECT MIN(id), state, disclosure FROM items WHERE state <> 'published' OR disclosure <> 'proactive' GROUP BY state, disclosure",
    );
    assert.ok(hidden.length >= 3, 'the demo data has non-public items');
    for (const [id, state, disclosure] of hidden) {
      const r = await get(`/api/v1/items/${id}`);
      assert.equal(r.status, 404, `${state}/${disclosure} item ${id}`);
      assert.deepEqual(Object.keys(r.json), ['error'], 'nothing but the error');
      const page = await fetch(srv.url(`/items/${id}`));
      assert.equal(page.status, 404, `portal page of ${state}/${disclosure} item ${id}`);
      await page.arrayBuffer();
    }
    const ids = new Set((await all('')).map((x) => x.id));
    for (const [id] of hidden) assert.ok(!ids.has(Number(id)), `item ${id} is not listed`);
  });

  test('unknown API paths and methods answer JSON errors', async () => {
    const missing = await get('/api/v1/nothing-here');
    assert.equal(missing.status, 404);
    assert.match(missing.json.error.message, CHINESE);
    const method = await apiFetch(srv, 'DELETE', '/api/v1/items/1');
    assert.equal(method.status, 405);
    assert.ok(method.json.error);
  });
});
