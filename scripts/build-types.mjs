// Emits declarations for every package with tsc into .types/, then moves each package's
// into its dist/ so `exports[].types` resolve. `--stripInternal` leaves out every declaration
// marked `@internal` (packages/sdk/test/public-dts.test.ts checks that the rest still compiles).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';

rmSync('.types', { recursive: true, force: true });
const r = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json', '--stripInternal'], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
for (const name of ['contract', 'sdk', 'server', 'elements']) {
  const from = `.types/${name}/src`;
  if (existsSync(from)) cpSync(from, `packages/${name}/dist`, { recursive: true });
}
rmSync('.types', { recursive: true, force: true });
