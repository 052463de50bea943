// The command line an operator uses: online backup of a running server and restore into a new
// database that serves the same content; bad arguments exit non-zero with a clear reason.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { apiFetch, runCli, startServer, workflowTeam } from './server.mjs';
import { CHINESE, draftInput } from './fixtures.mjs';

let srv;
before(async () => {
  srv = await startServer();
});
after(async () => {
  if (srv) await srv.stop();
});

describe('backup and restore', () => {
  test('`gongkai backup` while serving gives a file that `gongkai restore` turns into a working database', async () => {
    // A write just before the backup (still in the WAL) must be in it.
    const team = workflowTeam(await srv.users());
    const token = await srv.token(team.drafter);
    const agency = (await apiFetch(srv, 'GET', '/api/v1/agencies')).json.agencies.find((a) => a.name === team.agency);
    const draft = await apiFetch(srv, 'POST', '/api/v1/drafts', { token, body: draftInput(agency.id, { title: '备份前最后写入的草稿' }) });
    assert.equal(draft.status, 201, draft.text);
    const listed = (await apiFetch(srv, 'GET', '/api/v1/items?per_page=100')).json;

    const backupFile = path.join(srv.dir, 'backup.db');
    const b = await srv.cli(['backup', '--db', srv.dbPath, '--out', backupFile]);
    assert.equal(b.code, 0, b.stderr);
    assert.ok(existsSync(backupFile));
    assert.equal((await apiFetch(srv, 'GET', '/api/v1/items')).status, 200, 'the server keeps serving');

    const again = await srv.cli(['backup', '--db', srv.dbPath, '--out', backupFile]);
    assert.equal(again.code, 1, 'never overwrites an existing backup');
    assert.match(again.stderr, /already exists/);

    const restored = path.join(srv.dir, 'restored.db');
    const r = await srv.cli(['restore', '--db', restored, '--from', backupFile]);
    assert.equal(r.code, 0, r.stderr);

    const copy = await startServer({ init: false, dbPath: restored });
    try {
      const items = (await apiFetch(copy, 'GET', '/api/v1/items?per_page=100')).json;
      assert.equal(items.total, listed.total);
      assert.deepEqual(
        items.items.map((i) => [i.id, i.index_no]),
        listed.items.map((i) => [i.id, i.index_no]),
      );
      const d = await apiFetch(copy, 'GET', `/api/v1/drafts/${draft.json.id}`, { token });
      assert.equal(d.status, 200, 'the draft and the API token came along');
      assert.equal(d.json.title, '备份前最后写入的草稿');
      const page = await fetch(copy.url(`/items/${items.items[0].id}`));
      assert.equal(page.status, 200);
      await page.arrayBuffer();
    } finally {
      await copy.stop();
    }

    const over = await srv.cli(['restore', '--db', srv.dbPath, '--from', backupFile]);
    assert.equal(over.code, 1, 'restore refuses to overwrite without --force');
    assert.match(over.stderr, /--force/);
  });

  test('restore refuses a file that is not a gongkai backup', async () => {
    const other = path.join(srv.dir, 'other.db');
    execFileSync('sqlite3', [other, 'CREATE TABLE t(x);']);
    const r = await runCli(['restore', '--db', path.join(srv.dir, 'x.db'), '--from', other]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /not a gongkai backup/);
    assert.ok(!existsSync(path.join(srv.dir, 'x.db')));
  });
});

describe('bad arguments', () => {
  test('agency add with an invalid 统一社会信用代码 exits 1 with the Chinese reason and adds nothing', async () => {
    const agencies = (await apiFetch(srv, 'GET', '/api/v1/agencies')).json.agencies;
    const valid = agencies[0].credit_code;
    const last = valid.at(-1) === '0' ? '1' : '0';
    const bad = valid.slice(0, 17) + last;
    const r = await srv.cli(['agency', 'add', '--db', srv.dbPath, '--name', '测试县不存在局', '--level', 'department',
      '--parent', agencies[0].name, '--credit-code', bad]);
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.ok(r.stderr.includes('统一社会信用代码'), r.stderr);
    assert.match(r.stderr, /校验位/);
    const short = await srv.cli(['agency', 'add', '--db', srv.dbPath, '--name', '测试县不存在局', '--level', 'department',
      '--parent', agencies[0].name, '--credit-code', '123']);
    assert.equal(short.code, 1);
    assert.ok(short.stderr.includes('应为18位'), short.stderr);
    const list = await srv.cli(['agency', 'list', '--db', srv.dbPath]);
    assert.equal(list.code, 0);
    assert.ok(!list.stdout.includes('测试县不存在局'));
  });

  test('other mistakes: unknown user, weak password, missing options, bad --listen, existing database', async () => {
    const unknown = await srv.cli(['token', 'create', '--db', srv.dbPath, '--user', 'no-such-user']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /unknown user: no-such-user/);

    const agencies = (await apiFetch(srv, 'GET', '/api/v1/agencies')).json.agencies;
    const weak = await srv.cli(['user', 'add', '--db', srv.dbPath, '--username', 'weakling', '--name', '弱密码',
      '--agency', agencies[0].name, '--roles', 'drafter'], { env: { GK_PASSWORD: '123' } });
    assert.equal(weak.code, 1);
    assert.match(weak.stderr, CHINESE, 'the password rule is explained in Chinese');
    assert.ok(!(await srv.users()).some((u) => u.username === 'weakling'));

    const role = await srv.cli(['user', 'add', '--db', srv.dbPath, '--username', 'roleless', '--name', '无角色',
      '--agency', agencies[0].name, '--roles', 'emperor'], { env: { GK_PASSWORD: 'Another-Passw0rd!' } });
    assert.equal(role.code, 1);
    assert.match(role.stderr, CHINESE);

    const missing = await runCli(['token', 'create', '--db', srv.dbPath]);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr + missing.stdout, /--user/);

    const sub = await runCli(['frobnicate']);
    assert.notEqual(sub.code, 0);

    const listen = await runCli(['serve', '--db', srv.dbPath, '--listen', 'nonsense']);
    assert.notEqual(listen.code, 0);
    assert.match(listen.stderr + listen.stdout, /HOST:PORT/);

    const noDb = await runCli(['serve', '--db', path.join(srv.dir, 'absent.db'), '--listen', '127.0.0.1:0']);
    assert.equal(noDb.code, 1);
    assert.match(noDb.stderr, /does not exist/);
    assert.ok(!existsSync(path.join(srv.dir, 'absent.db')), 'serve does not create a database');

    const init = await runCli(['init', '--db', srv.dbPath]);
    assert.equal(init.code, 1);
    assert.match(init.stderr, /already exists/);
  });
});
