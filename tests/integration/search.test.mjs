// The search pages and API over the demo data (docs/search.md § Pages): what the public may find
// (never a draft, an item under review, a withdrawn or archived item, nor one not 主动公开), facet
// links that narrow the results with the counts they show, paging, the 文号 jump, the JSON shape,
// bad input that never causes a 5xx nor shows FTS5's own messages and is echoed escaped, and the
// back-office search in the scope of the signed-in user's agencies.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiFetch, login, sqlite, startServer } from './server.mjs';

let srv;
// A word in many demo titles: more than one page of results, several agencies.
const BROAD = '工作';

before(async () => {
  srv = await startServer();
});
after(async () => {
  if (srv) await srv.stop();
});

async function page(p) {
  const res = await fetch(srv.baseUrl + p, { redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), text: await res.text() };
}
const api = (p) => apiFetch(srv, 'GET', p);
const q = (s) => encodeURIComponent(s);

// Decodes the HTML entities the templates write in attribute values.
const unescape = (s) =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
// The value of the search box (id s-q), decoded.
function boxValue(html) {
  const m = html.match(/<input type="search" id="s-q" name="q" value="([^"]*)"/);
  return m ? unescape(m[1]) : null;
}

// The hrefs of the result titles of a search page.
function resultLinks(html) {
  return [...html.matchAll(/<h3 class="hit-title"><a href="([^"]+)"/g)].map((m) => unescape(m[1]));
}
// Each result of a search page: {href, html}.
function hits(html) {
  return html
    .split('<li class="search-hit">')
    .slice(1)
    .map((h) => h.slice(0, h.indexOf('</li>')))
    .map((h) => ({ href: unescape(h.match(/<a href="([^"]+)"/)[1]), html: h }));
}
// True when any link of the page (decoded) points at `target`.
function linksTo(html, target) {
  return [...html.matchAll(/href="([^"]+)"/g)].some((m) => unescape(m[1]) === target);
}
// The count the page states ("共 N 条" / "约 N 条" / "至少 N 条").
function statedCount(html) {
  const m = html.match(/相关的信息(共|约|至少) (\d+) 条/);
  assert.ok(m, 'the page states the number of results');
  return { kind: m[1], n: Number(m[2]) };
}
// Facet links of a search page: [{group, label, count, href}].
function facetLinks(html) {
  const out = [];
  const section = html.slice(html.indexOf('id="facets-h"'));
  for (const g of section.matchAll(/<h3 class="facet-title" id="facet-(\w+)">[^<]*<\/h3>\s*<ul[^>]*>([\s\S]*?)<\/ul>/g)) {
    for (const li of g[2].matchAll(/<li><a href="([^"]+)">([^<]*)<\/a> <span class="facet-count">(\d+)<\/span><\/li>/g)) {
      out.push({ group: g[1], href: unescape(li[1]), label: li[2], count: Number(li[3]) });
    }
  }
  return out;
}

// No server error and none of SQLite's or FTS5's own words reach the user.
function assertNoEngineError(r, what) {
  assert.ok(r.status < 500, `${what}: HTTP ${r.status}`);
  assert.doesNotMatch(r.text, /fts5|syntax error|SQLITE|unterminated|no such column|malformed MATCH/i, `${what}: engine text shown`);
}

describe('public scope', () => {
  test('no draft, item under review, withdrawn, archived or non-主动公开 item is ever found, on the page or the API', async () => {
    const hidden = await sqlite(
      srv.dbPath,
      "SELECT id, title, doc_no, state FROM items WHERE NOT (state = 'published' AND disclosure = 'proactive')",
    );
    assert.ok(hidden.some((r) => r[3] === 'withdrawn'), 'the demo has withdrawn items');
    assert.ok(hidden.some((r) => r[3] === 'draft'), 'the demo has drafts');
    for (const [id, title, docNo] of hidden) {
      for (const text of [title, docNo].filter(Boolean)) {
        const json = await api(`/api/v1/search?q=${q(text)}&per_page=100`);
        assert.equal(json.status, 200, json.text);
        assert.ok(!json.json.results.some((h) => String(h.id) === id), `item ${id} (${text}) found by the API`);
        assert.notEqual(json.json.jump_to, Number(id), `the API jumps to item ${id}`);
        const html = await page(`/search?q=${q(text)}`);
        assert.ok(html.status === 200 || (html.status === 302 && html.location !== `/items/${id}`), `${text}: HTTP ${html.status} → ${html.location}`);
        assert.ok(!linksTo(html.text, `/items/${id}`), `item ${id} (${text}) linked from /search`);
      }
    }
  });

  test('a published item is found by its title, highlighted, with its 文号, agency, date and validity', async () => {
    const it = (await api('/api/v1/items?per_page=100')).json.items.find((x) => x.doc_no && x.title.length >= 8);
    const r = await page(`/search?q=${q(it.title)}`);
    assert.equal(r.status, 200);
    assert.ok(resultLinks(r.text).includes(`/items/${it.id}`), 'the item is among the results');
    const entry = hits(r.text).find((h) => h.href === `/items/${it.id}`).html;
    assert.match(entry, /<mark>/, 'the matching words are highlighted');
    assert.ok(entry.includes(`文号：${it.doc_no}`), entry);
    assert.ok(entry.includes(`发布机构：${it.agency_name}`), entry);
    assert.ok(entry.includes(`datetime="${it.publish_date}"`), entry);
    assert.match(entry, /有效性：(有效|失效|废止)/);
  });
});

describe('facets, sorting and paging', () => {
  test('each facet link narrows the results to exactly the count it shows', async () => {
    const r = await page(`/search?q=${q(BROAD)}`);
    assert.equal(r.status, 200);
    const total = statedCount(r.text);
    assert.equal(total.kind, '共', 'the demo data is counted exactly');
    assert.ok(total.n > 20, `"${BROAD}" finds more than one page (${total.n})`);
    const links = facetLinks(r.text);
    for (const group of ['agency', 'subject', 'genre', 'year', 'validity']) {
      const ofGroup = links.filter((l) => l.group === group);
      assert.ok(ofGroup.length > 0, `facet ${group} is shown`);
      if (group === 'agency' || group === 'year') {
        assert.equal(ofGroup.reduce((s, l) => s + l.count, 0), total.n, `the ${group} counts add up to the total`);
      }
    }
    for (const l of links) {
      assert.ok(l.href.startsWith('/search?'), l.href);
      const narrowed = await page(l.href);
      assert.equal(narrowed.status, 200, l.href);
      assert.equal(statedCount(narrowed.text).n, l.count, `${l.group} ${l.label}: ${l.href}`);
      assert.ok(l.count <= total.n);
      // The filter is shown as active with a link removing it, which gives the full results back.
      const remove = narrowed.text.match(/<div class="active-filters">[\s\S]*?<a href="([^"]+)"[^>]*>取消<\/a>/);
      assert.ok(remove, `${l.href} shows the active filter`);
      assert.equal(statedCount((await page(unescape(remove[1]))).text).n, total.n, 'removing the filter restores the results');
    }
  });

  test('the API facet counts equal the totals of the filtered searches', async () => {
    const all = (await api(`/api/v1/search?q=${q(BROAD)}`)).json;
    for (const [param, list] of [['agency', all.facets.agency], ['genre', all.facets.genre], ['validity', all.facets.validity], ['subject', all.facets.subject]]) {
      for (const f of list) {
        const r = await api(`/api/v1/search?q=${q(BROAD)}&${param}=${q(f.value)}`);
        assert.equal(r.status, 200, r.text);
        assert.equal(r.json.total, f.count, `${param}=${f.value} (${f.label})`);
      }
    }
    for (const f of all.facets.year) {
      const r = await api(`/api/v1/search?q=${q(BROAD)}&year_from=${f.value}&year_to=${f.value}`);
      assert.equal(r.json.total, f.count, `year ${f.value}`);
      assert.ok(r.json.results.every((h) => h.publish_date.startsWith(f.value)));
    }
  });

  test('paging walks every result once; page links mark the current page; past the end says so', async () => {
    const first = await page(`/search?q=${q(BROAD)}`);
    const total = statedCount(first.text).n;
    const pages = Math.ceil(total / 20);
    assert.match(first.text, /<span aria-current="page" class="current">1<\/span>/);
    const seen = new Set();
    let html = first.text;
    for (let n = 1; n <= pages; n += 1) {
      const links = resultLinks(html);
      assert.equal(links.length, n < pages ? 20 : total - 20 * (pages - 1), `page ${n}`);
      for (const l of links) {
        assert.ok(!seen.has(l), `${l} on two pages`);
        seen.add(l);
      }
      const next = html.match(/<a href="([^"]+)" rel="next">/);
      if (n < pages) {
        assert.ok(next, `page ${n} links to the next`);
        const r = await page(unescape(next[1]));
        html = r.text;
        assert.match(html, new RegExp(`<span aria-current="page" class="current">${n + 1}</span>`));
        assert.match(html, /rel="prev"/);
      } else {
        assert.equal(next, null, 'the last page has no next link');
      }
    }
    assert.equal(seen.size, total);
    const beyond = await page(`/search?q=${q(BROAD)}&page=${pages + 5}`);
    assert.equal(beyond.status, 200);
    assert.match(beyond.text, /所请求的页不存在/);
    assert.equal(resultLinks(beyond.text).length, 0);
  });

  test('sort by date orders results newest first and keeps the query', async () => {
    const r = await api(`/api/v1/search?q=${q(BROAD)}&sort=date&per_page=100`);
    const dates = r.json.results.map((h) => h.publish_date);
    assert.deepEqual(dates, [...dates].sort().reverse());
    const html = await page(`/search?q=${q(BROAD)}`);
    const link = html.text.match(/<a href="([^"]*sort=date[^"]*)">按发布日期<\/a>/);
    assert.ok(link, 'a link switches to date order');
    const byDate = await page(unescape(link[1]));
    assert.match(byDate.text, /<span aria-current="true" class="current">按发布日期<\/span>/);
    assert.equal(statedCount(byDate.text).n, statedCount(html.text).n);
  });

  test('zero results with a filter suggest dropping it, as a link that finds results', async () => {
    const r = await page(`/search?q=${q(BROAD)}&year_from=1990&year_to=1990`);
    assert.equal(r.status, 200);
    assert.match(r.text, /没有找到符合条件的信息/);
    const s = r.text.match(/<ul class="suggestions"><li><a href="([^"]+)">去掉“发布年份：1990年”<\/a>（(\d+) 条）/);
    assert.ok(s, 'the year filter is suggested for removal');
    const without = await page(unescape(s[1]));
    assert.equal(statedCount(without.text).n, Number(s[2]));
    const json = await api(`/api/v1/search?q=${q(BROAD)}&year_from=1990&year_to=1990`);
    assert.equal(json.json.total, 0);
    assert.deepEqual(json.json.suggestions.map((x) => x.filter), ['year']);
  });

  test('an agency channel searches its own subtree', async () => {
    const agencies = (await api('/api/v1/agencies')).json.agencies;
    const root = agencies.find((a) => a.parent_id === null);
    const channel = await page(`/agencies/${root.id}`);
    assert.match(channel.text, /<form method="get" action="\/search"[^>]*role="search"/);
    assert.match(channel.text, new RegExp(`name="agency" value="${root.id}"`));
    const child = agencies.find((a) => a.parent_id === root.id);
    const own = await api(`/api/v1/search?q=${q(BROAD)}&agency=${child.id}&subtree=1&per_page=100`);
    assert.ok(own.json.total > 0);
    assert.ok(own.json.results.every((h) => h.agency_id === child.id), 'only the channel agency (it has no sub-agencies)');
    const r = await page(`/search?q=${q(BROAD)}&agency=${child.id}&subtree=1`);
    assert.equal(statedCount(r.text).n, own.json.total);
    assert.ok(r.text.includes(`发布机关：${child.name}（含下级机关）`));
  });
});

describe('文号 jump', () => {
  test('a 文号 or 索引号 typed exactly opens the item (302); the API gives jump_to', async () => {
    const it = (await api('/api/v1/items?per_page=100')).json.items.find((x) => x.doc_no);
    for (const text of [it.doc_no, it.index_no, `  ${it.doc_no} `]) {
      const r = await page(`/search?q=${q(text)}`);
      assert.equal(r.status, 302, `${text}`);
      assert.equal(r.location, `/items/${it.id}`);
      const json = await api(`/api/v1/search?q=${q(text.trim())}`);
      assert.equal(json.json.jump_to, it.id);
    }
    // The same number with the brackets typed as [] still finds it (normalized as the editor does).
    const typed = it.doc_no.replace('〔', '[').replace('〕', ']');
    const r = await page(`/search?q=${q(typed)}`);
    assert.equal(r.status, 302, typed);
    assert.equal(r.location, `/items/${it.id}`);
  });
});

describe('GET /api/v1/search', () => {
  test('answers the documented shape', async () => {
    const r = await api(`/api/v1/search?q=${q(BROAD)}&per_page=5&page=2`);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/json; charset=utf-8');
    const j = r.json;
    for (const k of ['query', 'total', 'total_exact', 'total_lower_bound', 'broad', 'page', 'per_page', 'pages', 'jump_to', 'facets', 'suggestions', 'results']) {
      assert.ok(k in j, `field ${k}`);
    }
    assert.equal(j.query, BROAD);
    assert.equal(j.page, 2);
    assert.equal(j.per_page, 5);
    assert.equal(j.pages, Math.ceil(j.total / 5));
    assert.equal(j.total_exact, true);
    assert.equal(j.jump_to, null);
    assert.equal(j.results.length, 5);
    for (const name of ['agency', 'subject', 'genre', 'year', 'validity']) {
      assert.ok(Array.isArray(j.facets[name]) && j.facets[name].length > 0, name);
      for (const f of j.facets[name]) assert.deepEqual(Object.keys(f).sort(), ['count', 'label', 'value']);
    }
    for (const h of j.results) {
      assert.deepEqual(Object.keys(h).sort(), ['agency_id', 'agency_name', 'doc_no', 'genre', 'id', 'index_no', 'publish_date', 'snippet_html', 'subject', 'title', 'title_html', 'url', 'validity'].sort());
      assert.equal(h.url, `/items/${h.id}`);
      assert.match(h.title_html, /<mark>/);
      assert.equal(h.title_html.replace(/<\/?mark>/g, ''), h.title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'));
    }
    const p1 = await api(`/api/v1/search?q=${q(BROAD)}&per_page=5`);
    const ids = new Set(p1.json.results.map((h) => h.id));
    assert.ok(j.results.every((h) => !ids.has(h.id)), 'page 2 differs from page 1');
  });

  test('bad parameters are a 400 with a Chinese message naming the parameter', async () => {
    const cases = [
      ['', 'q'],
      ['q=', 'q'],
      [`q=${q(BROAD)}&page=0`, 'page'],
      [`q=${q(BROAD)}&page=-1`, 'page'],
      [`q=${q(BROAD)}&page=abc`, 'page'],
      [`q=${q(BROAD)}&page=100001`, 'page'],
      [`q=${q(BROAD)}&page=99999999999999999999999`, 'page'],
      [`q=${q(BROAD)}&per_page=101`, 'per_page'],
      [`q=${q(BROAD)}&per_page=0`, 'per_page'],
      [`q=${q(BROAD)}&agency=abc`, 'agency'],
      [`q=${q(BROAD)}&agency=999999`, 'agency'],
      [`q=${q(BROAD)}&agency=-2`, 'agency'],
      [`q=${q(BROAD)}&column=9999999`, 'column'],
      [`q=${q(BROAD)}&subject=zz`, 'subject'],
      [`q=${q(BROAD)}&genre=nope`, 'genre'],
      [`q=${q(BROAD)}&year_from=20x4`, 'year_from'],
      [`q=${q(BROAD)}&year_to=99999`, 'year_to'],
      [`q=${q(BROAD)}&year_from=2024&year_to=2020`, 'year_to'],
      [`q=${q(BROAD)}&validity=maybe`, 'validity'],
      [`q=${q(BROAD)}&sort=random`, 'sort'],
      [`q=${q(BROAD)}&state=withdrawn`, 'state'],
      [`q=${q(BROAD)}&subtree=1`, 'subtree'],
      [`q=${q(BROAD)}&q=x`, 'q'],
      [`q=${q(BROAD)}&foo=1`, 'foo'],
    ];
    for (const [qs, field] of cases) {
      const r = await api(`/api/v1/search?${qs}`);
      assert.equal(r.status, 400, `${qs}: ${r.text}`);
      assert.ok(r.json?.error, `${qs}: JSON error`);
      assert.match(r.json.error.message, /[\u4e00-\u9fff]/, `${qs}: Chinese message`);
      if (field !== 'q' || qs.includes('&q=')) assert.ok(r.json.error.fields?.[field], `${qs}: names ${field} (${r.text})`);
      else assert.equal(r.json.error.code, 'empty_query', qs);
    }
  });
});

describe('bad input', () => {
  const texts = [
    '',
    '   ',
    '公开'.repeat(600),
    'a'.repeat(5000),
    'ab 12 '.repeat(834),
    '\t公开\t',
    'NEAR(公开 工作',
    'NEAR(',
    '*',
    '公开*',
    '"',
    '"公开',
    'AND',
    '公开 AND OR NOT 工作',
    'OR',
    '^公开',
    ':',
    'title:',
    '标题:',
    '{title}:公开',
    '公开 -',
    '-公开',
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    '&lt;b&gt;',
    '\u0000',
    '\u0001公开',
    '\u007f',
  ];
  test('odd queries never cause a 5xx or show an engine error, and are echoed escaped', async () => {
    for (const t of texts) {
      const r = await page(`/search?q=${q(t)}`);
      assertNoEngineError(r, JSON.stringify(t.slice(0, 40)));
      assert.ok([200, 400].includes(r.status), `${JSON.stringify(t.slice(0, 40))}: HTTP ${r.status}`);
      assert.doesNotMatch(r.text, /<script>alert|<img src=x/, 'no markup from the query');
      if (r.status === 200) {
        assert.equal(boxValue(r.text), t.trim(), `${JSON.stringify(t.slice(0, 40))} echoed in the box`);
      }
      const j = await api(`/api/v1/search?q=${q(t)}`);
      assertNoEngineError(j, `API ${JSON.stringify(t.slice(0, 40))}`);
      assert.ok([200, 400].includes(j.status), `API ${JSON.stringify(t.slice(0, 40))}: HTTP ${j.status}`);
      assert.ok(j.json, 'a JSON answer');
    }
  });

  test('5,000 Chinese characters (45 KB of URL) reach the page and are cut with a notice', async () => {
    const r = await page(`/search?q=${q('公开'.repeat(2500))}`);
    assert.equal(r.status, 200);
    assert.match(r.text, /检索词太长，只使用了前面的部分/);
  });

  test('an address beyond the server\'s 64 KB head limit gets 431 saying the address is too long', async () => {
    const r = await page(`/search?q=${q('公'.repeat(8000))}`);
    assert.equal(r.status, 431);
    assert.match(r.text, /网址或请求头过长/);
  });

  test('the HTML query is escaped in the heading and the count; a long query is cut with a notice', async () => {
    const r = await page(`/search?q=${q('<script>alert(1)</script> 公开')}`);
    assert.equal(r.status, 200);
    const h1 = r.text.match(/<h1>(.*)<\/h1>/)[1];
    assert.doesNotMatch(h1, /</, 'no tag in the heading');
    assert.equal(unescape(h1), '检索：<script>alert(1)</script> 公开');
    assert.ok(r.text.includes('“<strong>&lt;script&gt;'));
    const long = await page(`/search?q=${q('ab '.repeat(1700))}`);
    assert.equal(long.status, 200);
    assert.match(long.text, /检索词太长，只使用了前面的部分/);
    const j = await api(`/api/v1/search?q=${q('ab '.repeat(1700))}`);
    assert.equal(j.json.query_truncated, true);
  });

  test('an empty query or one of only symbols shows the form with a hint (200)', async () => {
    for (const t of ['', '   ', '*', '"', '——', ':']) {
      const r = await page(`/search?q=${q(t)}`);
      assert.equal(r.status, 200, JSON.stringify(t));
      assert.match(r.text, /<input type="search" id="s-q" name="q"/);
      assert.match(r.text, /class="alert alert-warn search-hint"/, JSON.stringify(t));
    }
    const bare = await page('/search');
    assert.equal(bare.status, 200);
    assert.match(bare.text, /请输入要查找的文字/);
  });

  test('invalid UTF-8 and control characters are refused with 400, never a 5xx', async () => {
    for (const raw of ['%FF%FE', '%C3%28', '%E5%85', '%01', '%00abc', '%ED%A0%80']) {
      const r = await page(`/search?q=${raw}`);
      assert.equal(r.status, 400, raw);
      assertNoEngineError(r, raw);
      const j = await api(`/api/v1/search?q=${raw}`);
      assert.equal(j.status, 400, raw);
      assert.equal(j.json.error.code, 'invalid_text');
    }
  });

  test('bad page and filter values on the page: 200 or 400, a notice, never a 5xx', async () => {
    const params = [
      'page=abc', 'page=-1', 'page=0', 'page=99999999999999999999999', 'page=1e3', 'agency=abc', 'agency=-5',
      'agency=99999999999999999999', 'agency=999999', 'column=x', 'subject=<b>', 'genre=%22', 'year_from=abcd',
      'year_to=-2000', 'year_from=2024&year_to=2000', 'validity=x', 'sort=x', 'subtree=2', 'state=draft',
      'agency=1&agency=2', 'page=1&page=2',
    ];
    for (const p of params) {
      const r = await page(`/search?q=${q(BROAD)}&${p}`);
      assertNoEngineError(r, p);
      assert.ok([200, 400].includes(r.status), `${p}: HTTP ${r.status}`);
      assert.doesNotMatch(r.text, /<b>/, `${p}: no markup echoed`);
      if (r.status === 400) assert.match(r.text, /已忽略该条件/, `${p}: the notice names the ignored condition`);
      assert.ok(resultLinks(r.text).length > 0, `${p}: the results are still shown`);
    }
  });
});

describe('back office', () => {
  test('anonymous /admin/search redirects to the login', async () => {
    const r = await page(`/admin/search?q=${q(BROAD)}`);
    assert.equal(r.status, 303);
    assert.match(r.location, /^\/admin\/login\?next=%2Fadmin%2Fsearch/);
  });

  test('staff find their agency\'s withdrawn items; a user of an unrelated agency does not', async () => {
    const [[id, title, agencyId]] = await sqlite(srv.dbPath, "SELECT id, title, agency_id FROM items WHERE state = 'withdrawn' ORDER BY id LIMIT 1");
    const users = (await srv.users()).filter((u) => !u.disabled);
    const [[agencyName]] = await sqlite(srv.dbPath, `SELECT name FROM agencies WHERE id = ${Number(agencyId)}`);
    const [[otherName]] = await sqlite(
      srv.dbPath,
      `SELECT name FROM agencies WHERE id != ${Number(agencyId)} AND parent_id IS NOT NULL ORDER BY id LIMIT 1`,
    );
    const plain = (u) => u.roles.every((r) => ['drafter', 'secrecy', 'reviewer', 'signer'].includes(r));
    const mine = users.find((u) => u.agency === agencyName && plain(u)) ?? users.find((u) => u.agency === agencyName);
    const other = users.find((u) => u.agency === otherName && plain(u)) ?? users.find((u) => u.agency === otherName);
    assert.ok(mine && other, `users of ${agencyName} and ${otherName}`);

    const staff = await login(srv.baseUrl, mine.username);
    const r = await staff.get(`/admin/search?q=${q(title)}`);
    assert.equal(r.status, 200);
    assert.ok(resultLinks(r.text).includes(`/admin/items/${id}`), `${mine.username} finds withdrawn item ${id}`);
    assert.match(r.text, /已撤回/);
    const onlyWithdrawn = await staff.get(`/admin/search?q=${q(title)}&state=withdrawn`);
    assert.ok(resultLinks(onlyWithdrawn.text).includes(`/admin/items/${id}`));
    const onlyPublished = await staff.get(`/admin/search?q=${q(title)}&state=published`);
    assert.ok(!linksTo(onlyPublished.text, `/admin/items/${id}`), 'the state filter applies');
    const broad = await staff.get(`/admin/search?q=${q(BROAD)}`);
    assert.ok(resultLinks(broad.text).every((l) => l.startsWith('/admin/items/')), 'results link to the back office');

    const stranger = await login(srv.baseUrl, other.username);
    const s = await stranger.get(`/admin/search?q=${q(title)}`);
    assert.equal(s.status, 200);
    assert.ok(!linksTo(s.text, `/admin/items/${id}`), `${other.username} (${otherName}) must not find item ${id}`);
    const forced = await stranger.get(`/admin/search?q=${q(title)}&agency=${agencyId}`);
    assert.equal(forced.status, 400, 'an agency the user may not read is refused');
    assert.ok(!linksTo(forced.text, `/admin/items/${id}`));
    // The public does not find it either.
    assert.ok(!linksTo((await page(`/search?q=${q(title)}`)).text, `/items/${id}`));
  });

  test('the back-office page survives the same bad input', async () => {
    const staff = await login(srv.baseUrl, (await srv.users()).find((u) => u.roles.includes('platform_admin')).username);
    for (const t of ['', 'NEAR(', '<script>alert(1)</script>', '"', '公开'.repeat(600)]) {
      const r = await staff.get(`/admin/search?q=${q(t)}&page=-3&agency=x`);
      assertNoEngineError(r, t.slice(0, 20));
      assert.ok([200, 400].includes(r.status));
      assert.doesNotMatch(r.text, /<script>alert/);
    }
  });
});

