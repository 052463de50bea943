// data/holidays against the official schedule of shared/domain/ogi-facts.md §7.2 (every off block and
// make-up day), against the generator's output, and against chinese-days: tools/holidays/check.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('data/holidays says what ogi-facts.md §7.2 says (tools/holidays/check.mjs)', () => {
  const r = spawnSync(process.execPath, [path.join(repo, 'tools/holidays/check.mjs')], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, `check.mjs exited ${r.status}:\n${r.stdout}${r.stderr}`);
});
