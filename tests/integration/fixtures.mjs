// Shared set-up of the integration tests: a demo server, the publishing team of one agency with an
// API token each, valid draft input, and the workflow steps over the API.
import assert from 'node:assert/strict';
import { apiFetch, startServer, workflowTeam } from './server.mjs';

let serial = 0;

// A valid draft of `agencyId`; every call gets a distinct title and 文号.
export function draftInput(agencyId, overrides = {}) {
  serial += 1;
  const tag = `${process.pid}-${serial}`;
  return {
    agency_id: agencyId,
    title: `关于做好集成测试${tag}号事项的通知`,
    subject: '0201',
    genre: 'tongzhi',
    doc_no: `测试发〔2024〕${serial}号`,
    written_date: '2024-03-15',
    keywords: '集成测试',
    summary: '集成测试生成的信息。',
    body_html: '<p>各乡镇人民政府、县政府各部门：</p><p>现将有关事项通知如下。</p>',
    ...overrides,
  };
}

// Starts a demo server and resolves {srv, team, tokens, agency, agencies, other}:
// team = usernames of drafter/secrecy/reviewer/signer of one agency; tokens = their API tokens;
// agency = that agency's JSON from /api/v1/agencies; other = a drafter of another agency (or null).
export async function demoWithTeam() {
  const srv = await startServer();
  try {
    const users = await srv.users();
    const team = workflowTeam(users);
    assert.ok(team, `the demo data has no agency with drafter, secrecy reviewer, reviewer and signer:\n${JSON.stringify(users)}`);
    const tokens = {};
    for (const role of ['drafter', 'secrecy', 'reviewer', 'signer']) tokens[role] = await srv.token(team[role]);
    const list = await apiFetch(srv, 'GET', '/api/v1/agencies');
    assert.equal(list.status, 200, list.text);
    const agency = list.json.agencies.find((a) => a.name === team.agency);
    assert.ok(agency, `agency ${team.agency} not in /api/v1/agencies`);
    // A drafter elsewhere who has no reach over the team's agency (no admin or supervisor role).
    const otherUser = users.find(
      (u) => u.agency !== team.agency && u.roles.includes('drafter') && !u.roles.some((r) => ['platform_admin', 'agency_admin', 'supervisor'].includes(r)),
    );
    const other = otherUser ? { username: otherUser.username, token: await srv.token(otherUser.username) } : null;
    return { srv, team, tokens, agency, agencies: list.json.agencies, users, other };
  } catch (e) {
    await srv.stop();
    throw e;
  }
}

// Takes one workflow action over the API and asserts it succeeded; returns the updated item.
export async function act(srv, token, id, action, comment) {
  const body = comment === undefined ? { action } : { action, comment };
  const r = await apiFetch(srv, 'POST', `/api/v1/items/${id}/transitions`, { token, body });
  assert.equal(r.status, 200, `${action} on item ${id}: HTTP ${r.status} ${r.text}`);
  return r.json;
}

// Creates a draft and asserts 201; returns the item.
export async function createDraft(srv, token, input) {
  const r = await apiFetch(srv, 'POST', '/api/v1/drafts', { token, body: input });
  assert.equal(r.status, 201, `create draft: HTTP ${r.status} ${r.text}`);
  return r.json;
}

// Takes a draft through submit → secrecy_pass → review_pass (to 待签批).
export async function toSignoff(ctx, id) {
  await act(ctx.srv, ctx.tokens.drafter, id, 'submit');
  await act(ctx.srv, ctx.tokens.secrecy, id, 'secrecy_pass');
  return act(ctx.srv, ctx.tokens.reviewer, id, 'review_pass');
}

// Creates a draft and publishes it through the whole chain; returns the published item.
export async function publishNew(ctx, overrides = {}) {
  const d = await createDraft(ctx.srv, ctx.tokens.drafter, draftInput(ctx.agency.id, overrides));
  await toSignoff(ctx, d.id);
  return act(ctx.srv, ctx.tokens.signer, d.id, 'sign_publish');
}

// Every id of the public list (walks all pages).
export async function publicIds(srv, query = '') {
  const ids = new Set();
  for (let page = 1; ; page += 1) {
    const r = await apiFetch(srv, 'GET', `/api/v1/items?per_page=100&page=${page}${query ? '&' + query : ''}`);
    assert.equal(r.status, 200, r.text);
    for (const it of r.json.items) ids.add(it.id);
    if (page >= r.json.pages) break;
  }
  return ids;
}

// Chinese text: at least one CJK ideograph.
export const CHINESE = /[\u4e00-\u9fff]/;

// The text of an HTML fragment with character references decoded (templates escape "/" as &#x2F;).
export function htmlText(html) {
  return html
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&amp;/g, '&');
}
