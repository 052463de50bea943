// The publishing workflow over the JSON API with the API tokens of the demo agency's staff: what the
// public sees at each stage, role and agency checks, required comments, input validation, and the
// 索引号 assigned at publication (also under concurrent publications).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiFetch, sqlite } from './server.mjs';
import { act, CHINESE, createDraft, demoWithTeam, draftInput, htmlText, publicIds, publishNew, toSignoff } from './fixtures.mjs';

let ctx;
before(async () => {
  ctx = await demoWithTeam();
});
after(async () => {
  if (ctx) await ctx.srv.stop();
});

const auditActions = async (id) =>
  (await sqlite(ctx.srv.dbPath, `SELECT action FROM audit_events WHERE entity = 'item' AND entity_id = ${Number(id)} ORDER BY id`)).map((r) => r[0]);
const count = async (sql) => Number((await sqlite(ctx.srv.dbPath, sql))[0][0]);
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Asserts that an item is invisible to the public: API list, API detail and portal page.
async function assertNotPublic(id, stage) {
  assert.ok(!(await publicIds(ctx.srv)).has(id), `${stage}: item ${id} is listed by /api/v1/items`);
  const api = await apiFetch(ctx.srv, 'GET', `/api/v1/items/${id}`);
  assert.equal(api.status, 404, `${stage}: /api/v1/items/${id} answered ${api.status}`);
  assert.match(api.json.error.message, CHINESE);
  const page = await fetch(ctx.srv.url(`/items/${id}`));
  assert.equal(page.status, 404, `${stage}: portal /items/${id} answered ${page.status}`);
  await page.arrayBuffer();
}

describe('authentication', () => {
  test('token endpoints without a valid bearer token answer 401 and write nothing', async () => {
    const before = await count('SELECT COUNT(*) FROM items');
    const input = draftInput(ctx.agency.id);
    const cases = [
      ['POST', '/api/v1/drafts', {}],
      ['POST', '/api/v1/drafts', { authorization: 'Bearer gk_not-a-real-token' }],
      ['POST', '/api/v1/drafts', { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }],
      ['GET', '/api/v1/drafts/1', {}],
      ['PUT', '/api/v1/drafts/1', {}],
      ['GET', '/api/v1/items/1/transitions', {}],
      ['POST', '/api/v1/items/1/transitions', {}],
    ];
    for (const [method, path, headers] of cases) {
      const body = method === 'GET' ? undefined : method === 'POST' && path.endsWith('transitions') ? { action: 'submit' } : input;
      const r = await apiFetch(ctx.srv, method, path, { headers, body });
      assert.equal(r.status, 401, `${method} ${path} ${JSON.stringify(headers)}: ${r.status} ${r.text}`);
      assert.equal(r.json.error.code, 'unauthenticated');
      assert.match(r.json.error.message, CHINESE);
    }
    assert.equal(await count('SELECT COUNT(*) FROM items'), before);
  });
});

describe('publishing chain', () => {
  test('a draft is not public until signed; then it is listed and shown with the agency 索引号', async () => {
    const input = draftInput(String(ctx.agency.id), { doc_no: '测试发[2024]88号' }); // id as a string, loose brackets
    const created = await apiFetch(ctx.srv, 'POST', '/api/v1/drafts', { token: ctx.tokens.drafter, body: input });
    assert.equal(created.status, 201, created.text);
    const d = created.json;
    assert.equal(created.headers.get('location'), `/api/v1/drafts/${d.id}`);
    assert.equal(d.state, 'draft');
    assert.equal(d.index_no, '');
    assert.equal(d.agency_id, ctx.agency.id);
    assert.equal(d.doc_no, '测试发〔2024〕88号', '文号 is normalised to 〔〕');
    assert.equal(d.publisher, ctx.agency.name, '发布机构 defaults to the agency');

    const staff = await apiFetch(ctx.srv, 'GET', `/api/v1/drafts/${d.id}`, { token: ctx.tokens.drafter });
    assert.equal(staff.status, 200, staff.text);
    assert.equal(staff.json.title, input.title);
    assert.deepEqual(staff.json.actions.map((a) => a.action), ['submit']);
    await assertNotPublic(d.id, 'draft');

    await act(ctx.srv, ctx.tokens.drafter, d.id, 'submit');
    const drafterNow = await apiFetch(ctx.srv, 'GET', `/api/v1/items/${d.id}/transitions`, { token: ctx.tokens.drafter });
    assert.equal(drafterNow.status, 200);
    assert.equal(drafterNow.json.state, 'secrecy_review');
    assert.deepEqual(drafterNow.json.actions, [], 'the drafter can do nothing while it awaits 保密审查');
    const secrecyNow = await apiFetch(ctx.srv, 'GET', `/api/v1/items/${d.id}/transitions`, { token: ctx.tokens.secrecy });
    assert.deepEqual(secrecyNow.json.actions.map((a) => a.action).sort(), ['secrecy_pass', 'secrecy_reject']);
    assert.equal(secrecyNow.json.actions.find((a) => a.action === 'secrecy_reject').needs_comment, true);
    await assertNotPublic(d.id, 'secrecy_review');

    await act(ctx.srv, ctx.tokens.secrecy, d.id, 'secrecy_pass');
    await assertNotPublic(d.id, 'review');
    const signoff = await act(ctx.srv, ctx.tokens.reviewer, d.id, 'review_pass');
    assert.equal(signoff.state, 'signoff');
    assert.equal(signoff.index_no, '', 'no 索引号 before publication');
    await assertNotPublic(d.id, 'signoff');

    const published = await act(ctx.srv, ctx.tokens.signer, d.id, 'sign_publish');
    assert.equal(published.state, 'published');
    assert.match(published.publish_date, /^\d{4}-\d{2}-\d{2}$/);
    const year = published.publish_date.slice(0, 4);
    assert.match(published.index_no, new RegExp(`^${escapeRe(ctx.agency.credit_code)}/${year}-\\d{5}$`));

    assert.ok((await publicIds(ctx.srv)).has(d.id), 'published item is listed');
    assert.ok((await publicIds(ctx.srv, `agency=${ctx.agency.id}`)).has(d.id), 'listed under its agency');
    const detail = await apiFetch(ctx.srv, 'GET', `/api/v1/items/${d.id}`);
    assert.equal(detail.status, 200, detail.text);
    assert.equal(detail.json.index_no, published.index_no);
    assert.equal(detail.json.body_html, staff.json.body_html);
    assert.deepEqual(detail.json.interpretations, []);
    assert.equal(detail.json.interprets, null);
    const page = await fetch(ctx.srv.url(`/items/${d.id}`));
    assert.equal(page.status, 200);
    const html = htmlText(await page.text());
    assert.ok(html.includes(input.title), 'portal page shows the title');
    assert.ok(html.includes(published.index_no), 'portal page shows the 索引号');

    assert.deepEqual(await auditActions(d.id), ['create', 'submit', 'secrecy_pass', 'review_pass', 'sign_publish']);
  });

  test('依申请公开 and 不予公开 items are never public, even when published', async () => {
    for (const extra of [{ disclosure: 'on_request' }, { disclosure: 'withheld', withheld_reason: '涉及国家秘密（条例第十四条）' }]) {
      const item = await publishNew(ctx, extra);
      assert.equal(item.state, 'published');
      await assertNotPublic(item.id, `published ${extra.disclosure}`);
    }
  });

  test('the staff view and transitions of a published item: no more edits', async () => {
    const item = await publishNew(ctx);
    const put = await apiFetch(ctx.srv, 'PUT', `/api/v1/drafts/${item.id}`, { token: ctx.tokens.drafter, body: { title: '改个标题' } });
    assert.equal(put.status, 409, put.text);
    assert.equal(put.json.error.code, 'not_draft');
    const detail = await apiFetch(ctx.srv, 'GET', `/api/v1/items/${item.id}`);
    assert.equal(detail.json.title, item.title);
    const signerActions = await apiFetch(ctx.srv, 'GET', `/api/v1/items/${item.id}/transitions`, { token: ctx.tokens.signer });
    assert.deepEqual(signerActions.json.actions.map((a) => a.action).sort(), ['archive', 'withdraw']);
  });
});

describe('role and agency checks', () => {
  test('a wrong role gets 403; state, audit trail and 索引号 serials are unchanged', async () => {
    const d = await createDraft(ctx.srv, ctx.tokens.drafter, draftInput(ctx.agency.id));
    await act(ctx.srv, ctx.tokens.drafter, d.id, 'submit');
    const auditBefore = await auditActions(d.id);
    const rowBefore = await sqlite(ctx.srv.dbPath, `SELECT state, updated_at FROM items WHERE id = ${d.id}`);
    for (const who of ['drafter', 'reviewer', 'signer']) {
      const r = await apiFetch(ctx.srv, 'POST', `/api/v1/items/${d.id}/transitions`, {
        token: ctx.tokens[who],
        body: { action: 'secrecy_pass' },
      });
      assert.equal(r.status, 403, `${who} secrecy_pass: ${r.status} ${r.text}`);
      assert.equal(r.json.error.code, 'forbidden');
      assert.match(r.json.error.message, CHINESE);
    }
    assert.deepEqual(await sqlite(ctx.srv.dbPath, `SELECT state, updated_at FROM items WHERE id = ${d.id}`), rowBefore);
    assert.deepEqual(await auditActions(d.id), auditBefore);

    await act(ctx.srv, ctx.tokens.secrecy, d.id, 'secrecy_pass');
    await act(ctx.srv, ctx.tokens.reviewer, d.id, 'review_pass');
    const serial = `SELECT COALESCE(MAX(last_serial), 0) FROM index_serials WHERE agency_id = ${ctx.agency.id}`;
    const serialBefore = await count(serial);
    const auditAtSignoff = await auditActions(d.id);
    for (const who of ['drafter', 'secrecy', 'reviewer']) {
      const r = await apiFetch(ctx.srv, 'POST', `/api/v1/items/${d.id}/transitions`, {
        token: ctx.tokens[who],
        body: { action: 'sign_publish' },
      });
      assert.equal(r.status, 403, `${who} sign_publish: ${r.status} ${r.text}`);
    }
    assert.equal(await count(serial), serialBefore, 'a refused publication consumes no 索引号 serial');
    assert.deepEqual(await auditActions(d.id), auditAtSignoff);
    assert.equal((await apiFetch(ctx.srv, 'GET', `/api/v1/drafts/${d.id}`, { token: ctx.tokens.drafter })).json.state, 'signoff');
    await assertNotPublic(d.id, 'after refused publication');
  });

  test('an action that does not apply to the current state is a 409 and changes nothing', async () => {
    const d = await createDraft(ctx.srv, ctx.tokens.drafter, draftInput(ctx.agency.id));
    const r = await apiFetch(ctx.srv, 'POST', `/api/v1/items/${d.id}/transitions`, { token: ctx.tokens.signer, body: { action: 'sign_publish' } });
    assert.equal(r.status, 409, r.text);
    assert.equal(r.json.error.code, 'invalid_transition');
    const unknown = await apiFetch(ctx.srv, 'POST', `/api/v1/items/${d.id}/transitions`, { token: ctx.tokens.drafter, body: { action: 'publish_now' } });
    assert.equal(unknown.status, 400, unknown.text);
    assert.ok(unknown.json.error.fields.action);
    assert.deepEqual(await auditActions(d.id), ['create']);
  });

  test("another agency's staff can neither read nor act on a draft (and learn nothing of it)", async (t) => {
    if (!ctx.other) return t.skip('the demo data has no drafter in a second agency');
    const d = await createDraft(ctx.srv, ctx.tokens.drafter, draftInput(ctx.agency.id, { title: '机密测试标题不应泄露' }));
    for (const [method, path, body] of [
      ['GET', `/api/v1/drafts/${d.id}`],
      ['GET', `/api/v1/items/${d.id}/transitions`],
      ['PUT', `/api/v1/drafts/${d.id}`, { title: '篡改' }],
      ['POST', `/api/v1/items/${d.id}/transitions`, { action: 'submit' }],
    ]) {
      const r = await apiFetch(ctx.srv, method, path, { token: ctx.other.token, body });
      assert.equal(r.status, 403, `${method} ${path}: ${r.status} ${r.text}`);
      assert.ok(!r.text.includes('机密测试标题'), `${method} ${path} leaks the title`);
    }
    const create = await apiFetch(ctx.srv, 'POST', '/api/v1/drafts', { token: ctx.other.token, body: draftInput(ctx.agency.id) });
    assert.equal(create.status, 403, 'may not draft for another agency');
    assert.deepEqual(await auditActions(d.id), ['create']);
  });
});

describe('comments and validation', () => {
  test('a rejection needs a comment (400); with one the item returns to draft and the comment is kept', async () => {
    const d = await createDraft(ctx.srv, ctx.tokens.drafter, draftInput(ctx.agency.id));
    await act(ctx.srv, ctx.tokens.drafter, d.id, 'submit');
    for (const body of [{ action: 'secrecy_reject' }, { action: 'secrecy_reject', comment: '   ' }]) {
      const r = await apiFetch(ctx.srv, 'POST', `/api/v1/items/${d.id}/transitions`, { token: ctx.tokens.secrecy, body });
      assert.equal(r.status, 400, r.text);
      assert.ok(r.json.error.fields.comment, 'the error names the comment field');
      assert.match(r.json.error.fields.comment, CHINESE);
    }
    assert.deepEqual(await auditActions(d.id), ['create', 'submit']);
    const back = await act(ctx.srv, ctx.tokens.secrecy, d.id, 'secrecy_reject', '请补充发文依据');
    assert.equal(back.state, 'draft');
    const rows = await sqlite(ctx.srv.dbPath, `SELECT action, comment FROM audit_events WHERE entity = 'item' AND entity_id = ${d.id} ORDER BY id`);
    assert.deepEqual(rows.at(-1), ['secrecy_reject', '请补充发文依据']);
    // The drafter can edit and resubmit.
    const put = await apiFetch(ctx.srv, 'PUT', `/api/v1/drafts/${d.id}`, { token: ctx.tokens.drafter, body: { summary: '已补充发文依据。' } });
    assert.equal(put.status, 200, put.text);
    assert.equal(put.json.summary, '已补充发文依据。');
    assert.equal(put.json.title, d.title, 'fields not sent keep their value');
    await act(ctx.srv, ctx.tokens.drafter, d.id, 'submit');
  });

  test('invalid 文号, date, subject or genre → 400 with a fields entry, and nothing is written', async () => {
    const items = 'SELECT COUNT(*) FROM items';
    const events = 'SELECT COUNT(*) FROM audit_events';
    const itemsBefore = await count(items);
    const eventsBefore = await count(events);
    const cases = [
      [{ doc_no: '测试发2024第3号' }, 'doc_no'],
      [{ doc_no: '〔2024〕3号' }, 'doc_no'],
      [{ written_date: '2024-02-30' }, 'written_date'],
      [{ written_date: '15/03/2024' }, 'written_date'],
      [{ written_date: '2999-01-01' }, 'written_date'],
      [{ subject: '9999' }, 'subject'],
      [{ genre: 'no-such-genre' }, 'genre'],
      [{ title: '' }, 'title'],
      [{ validity: 'repealed' }, 'repeal_date'],
      [{ column_id: 99999999 }, 'column_id'],
      [{ agency_id: 'abc' }, 'agency_id'],
      [{ title: 42.5 }, 'title'],
      [{ colour: 'red' }, 'colour'],
    ];
    for (const [overrides, field] of cases) {
      const r = await apiFetch(ctx.srv, 'POST', '/api/v1/drafts', { token: ctx.tokens.drafter, body: draftInput(ctx.agency.id, overrides) });
      assert.equal(r.status, 400, `${JSON.stringify(overrides)}: ${r.status} ${r.text}`);
      assert.ok(r.json.error.fields?.[field], `${JSON.stringify(overrides)}: no fields.${field} in ${r.text}`);
      assert.match(r.json.error.fields[field], CHINESE);
      assert.match(r.json.error.message, CHINESE);
    }
    assert.equal(await count(items), itemsBefore, 'no item written');
    assert.equal(await count(events), eventsBefore, 'no audit event written');

    const d = await createDraft(ctx.srv, ctx.tokens.drafter, draftInput(ctx.agency.id));
    const bad = await apiFetch(ctx.srv, 'PUT', `/api/v1/drafts/${d.id}`, { token: ctx.tokens.drafter, body: { doc_no: '没有年份3号', title: '新标题' } });
    assert.equal(bad.status, 400, bad.text);
    assert.ok(bad.json.error.fields.doc_no);
    const still = await apiFetch(ctx.srv, 'GET', `/api/v1/drafts/${d.id}`, { token: ctx.tokens.drafter });
    assert.equal(still.json.title, d.title, 'a refused edit changes nothing');
    assert.equal(still.json.doc_no, d.doc_no);
    assert.deepEqual(await auditActions(d.id), ['create']);
  });

  test('request bodies: JSON object only, Content-Type application/json, at most 4 MB', async () => {
    const token = ctx.tokens.drafter;
    const itemsBefore = await count('SELECT COUNT(*) FROM items');
    const notJson = await apiFetch(ctx.srv, 'POST', '/api/v1/drafts', { token, rawBody: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(notJson.status, 415, notJson.text);
    assert.match(notJson.json.error.message, CHINESE);
    const broken = await apiFetch(ctx.srv, 'POST', '/api/v1/drafts', { token, rawBody: '{"title": ', headers: { 'content-type': 'application/json' } });
    assert.equal(broken.status, 400);
    assert.equal(broken.json.error.code, 'invalid_json');
    const array = await apiFetch(ctx.srv, 'POST', '/api/v1/drafts', { token, body: [draftInput(ctx.agency.id)] });
    assert.equal(array.status, 400);
    assert.match(array.json.error.message, CHINESE);
    const huge = draftInput(ctx.agency.id, { body_html: `<p>${'政'.repeat(1_800_000)}</p>` }); // ~5.4 MB of UTF-8
    const big = await apiFetch(ctx.srv, 'POST', '/api/v1/drafts', { token, body: huge });
    assert.equal(big.status, 413, big.text.slice(0, 300));
    assert.equal(big.json.error.code, 'too_large');
    assert.match(big.json.error.message, CHINESE);
    assert.equal(await count('SELECT COUNT(*) FROM items'), itemsBefore);
  });
});

describe('interpretations', () => {
  test('a 政策解读 is linked both ways, and a withdrawn policy is no longer named', async () => {
    const policy = await publishNew(ctx, { genre: 'guifanxing', title: `关于集成测试管理办法的规范性文件${process.pid}` });
    const interp = await publishNew(ctx, { genre: 'qita', title: '《集成测试管理办法》政策解读', interprets_id: String(policy.id) });
    const p = await apiFetch(ctx.srv, 'GET', `/api/v1/items/${policy.id}`);
    assert.deepEqual(p.json.interpretations.map((x) => x.id), [interp.id]);
    const i = await apiFetch(ctx.srv, 'GET', `/api/v1/items/${interp.id}`);
    assert.equal(i.json.interprets.id, policy.id);
    assert.equal(i.json.interprets_title, policy.title);

    // The portal pages are cached; a withdrawal must still take them down at once.
    const before = await fetch(ctx.srv.url(`/items/${policy.id}`));
    assert.equal(before.status, 200);
    assert.ok(htmlText(await before.text()).includes(policy.title));
    const interpPage = await fetch(ctx.srv.url(`/items/${interp.id}`));
    assert.ok(htmlText(await interpPage.text()).includes(policy.title), 'the interpretation page names its policy');

    await act(ctx.srv, ctx.tokens.signer, policy.id, 'withdraw', '政策调整，撤回');
    await assertNotPublic(policy.id, 'withdrawn');
    const interpAfter = await fetch(ctx.srv.url(`/items/${interp.id}`));
    assert.equal(interpAfter.status, 200);
    assert.ok(!htmlText(await interpAfter.text()).includes(policy.title), 'nor does its portal page name it any more');
    const after = await apiFetch(ctx.srv, 'GET', `/api/v1/items/${interp.id}`);
    assert.equal(after.status, 200);
    assert.equal(after.json.interprets, null);
    assert.equal(after.json.interprets_id, null);
    assert.ok(!after.text.includes(policy.title), 'the withdrawn policy title is not in the interpretation');
    const listed = await apiFetch(ctx.srv, 'GET', `/api/v1/items?agency=${ctx.agency.id}&per_page=100`);
    assert.ok(!listed.text.includes(policy.title), 'nor in the list');
  });
});

describe('concurrency', () => {
  test('ten publications at once get ten distinct, consecutive 索引号 serials', async () => {
    const ids = [];
    for (let k = 0; k < 10; k += 1) {
      const d = await createDraft(ctx.srv, ctx.tokens.drafter, draftInput(ctx.agency.id));
      await toSignoff(ctx, d.id);
      ids.push(d.id);
    }
    const results = await Promise.all(
      ids.map((id) => apiFetch(ctx.srv, 'POST', `/api/v1/items/${id}/transitions`, { token: ctx.tokens.signer, body: { action: 'sign_publish' } })),
    );
    for (const r of results) assert.equal(r.status, 200, r.text);
    const numbers = results.map((r) => r.json.index_no);
    assert.equal(new Set(numbers).size, 10, `duplicate 索引号: ${numbers.join(' ')}`);
    const serials = numbers.map((n) => Number(n.match(/-(\d{5})$/)[1])).sort((a, b) => a - b);
    for (let k = 1; k < serials.length; k += 1) assert.equal(serials[k], serials[0] + k, `serials not consecutive: ${serials}`);
    const pub = await publicIds(ctx.srv, `agency=${ctx.agency.id}`);
    for (const id of ids) assert.ok(pub.has(id));
  });
});
