// `prepack` / `postpack` of every published package: the `source` export condition points at
// src/*.ts, which the repository's tests, typecheck and dev servers run from but the tarball does
// not ship (its maps embed the sources). Packing strips that condition from `exports` and
// `imports` and restores package.json afterwards, so no published export names a missing file.
//   node ../../scripts/pack-manifest.mjs strip | restore   (run in the package folder)
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

const BACKUP = '.package.json.unpacked';
const mode = process.argv[2];

/** A copy of an `exports`/`imports` value without `source` conditions. */
export function withoutSource(value) {
  if (Array.isArray(value)) return value.map(withoutSource);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'source').map(([k, v]) => [k, withoutSource(v)]));
  }
  return value;
}

if (mode === 'strip') {
  const text = readFileSync('package.json', 'utf8');
  // A backup left by an interrupted pack is the real manifest: never overwrite it.
  if (!existsSync(BACKUP)) writeFileSync(BACKUP, text);
  const pkg = JSON.parse(readFileSync(BACKUP, 'utf8'));
  for (const field of ['exports', 'imports']) if (pkg[field]) pkg[field] = withoutSource(pkg[field]);
  writeFileSync('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
} else if (mode === 'restore') {
  if (existsSync(BACKUP)) renameSync(BACKUP, 'package.json');
} else if (mode !== undefined) {
  console.error(`pack-manifest: unknown mode ${mode} (strip or restore)`);
  process.exit(2);
}
