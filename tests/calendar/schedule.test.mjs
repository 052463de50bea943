// data/holidays against the official schedule of shared/domain/ogi-facts.md §7.2 (every off block and
// make-up day), against the generator's output, and against chinese-days: tools/holidays/check.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('data/holidays says what ogi-facts.md §7.2 says (tools/holidays/check.mjs)', () => {
  const r = spawnSync(process.execPath, [path.join(repo, 'tools/holidays/check.mjs')], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, `check.mjs exited ${r.status}:\n${r.stdout}${r.stderr}`);
});

// The committed excerpt must stay the facts file's §7.2 word for word. The shared folder sits beside
// the repository on developers' machines; where it is absent the comparison cannot be made.
test('tools/holidays/schedule-7.2.md is ogi-facts.md §7.2 verbatim', (t) => {
  const shared = path.join(repo, '../shared/domain/ogi-facts.md');
  if (!existsSync(shared)) return t.skip('../shared/domain/ogi-facts.md is not beside this checkout');
  const lines = readFileSync(shared, 'utf8').split('\n');
  const from = lines.findIndex((l) => /^### 7\.2\b/.test(l));
  const to = lines.findIndex((l, i) => i > from && /^## /.test(l));
  assert.ok(from >= 0 && to > from, 'ogi-facts.md has a §7.2 followed by another section');
  const excerpt = readFileSync(path.join(repo, 'tools/holidays/schedule-7.2.md'), 'utf8').split('\n').slice(1);
  assert.equal(excerpt.join('\n').trimEnd(), lines.slice(from, to).join('\n').trimEnd());
});
