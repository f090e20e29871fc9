// One tsc run per runtime: each has its own lib/types, so DOM never leaks into main/server
// and node types never leak into renderer/shared.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const projects = ['shared', 'server', 'electron', 'renderer', 'tools'];
let failed = false;
for (const p of projects) {
  const res = spawnSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', `tsconfig.${p}.json`], {
    cwd: root,
    stdio: 'inherit',
  });
  console.log(`typecheck ${p}: ${res.status === 0 ? 'ok' : 'FAILED'}`);
  if (res.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
