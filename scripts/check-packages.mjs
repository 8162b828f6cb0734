// `npm test` step "packages": what each published package would ship, checked against an
// allow-list (npm pack --dry-run --json after a fresh build), with its packed and unpacked size.
// - only dist output, README.md, LICENSE, CHANGELOG.md and package.json; no sources, tests,
//   stories or test helpers;
// - every source map names sources inside the package and embeds the text of ours (third-party
//   sources of the CDN maps are named only);
// - the packed package.json names no `source` condition (src/ is not shipped).
//   node scripts/check-packages.mjs [--no-build]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';

const root = resolve(new URL('..', import.meta.url).pathname);
const workspaces = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces;

/** Files a package may ship, beside README.md, LICENSE, CHANGELOG.md and package.json. */
const ALLOWED = {
  '@omnikit/contract': [/^dist\/.+\.(js|js\.map|d\.ts)$/, /^dist\/openapi\.json$/],
  '@omnikit/sdk': [/^dist\/.+\.(js|js\.map|d\.ts)$/],
  '@omnikit/server': [/^dist\/.+\.(js|js\.map|d\.ts)$/],
  '@omnikit/elements': [/^dist\/.+\.(js|js\.map|d\.ts)$/, /^dist\/custom-elements\.json$/],
};
const ALWAYS = [/^package\.json$/, /^README\.md$/, /^LICENSE$/, /^CHANGELOG\.md$/];
const NEVER = [/(^|\/)src\//, /\.(test|stories)\.[jt]s/, /internal\/testing\//, /\.tsbuildinfo$/, /\.package\.json\.unpacked$/];
/** Must be there: the docs and the license that `license` promises. */
const REQUIRED = ['package.json', 'README.md', 'LICENSE'];

if (!process.argv.includes('--no-build')) {
  console.log('Building every package (npm run build)...');
  const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const kB = (n) => `${(n / 1024).toFixed(1)} kB`;
const tarballs = mkdtempSync(join(tmpdir(), 'omnikit-pack-'));
process.on('exit', () => rmSync(tarballs, { recursive: true, force: true }));
const packs = [];
for (const ws of workspaces) {
  const dir = join(root, ws);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (pkg.private) continue;
  // A real pack with its scripts: prepack strips the `source` condition as a publish would.
  const out = execFileSync('npm', ['pack', '--json', '--silent', '--pack-destination', tarballs], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const [info] = JSON.parse(out.slice(out.indexOf('[')));
  const manifest = JSON.parse(execFileSync('tar', ['-xzOf', join(tarballs, info.filename), 'package/package.json'], { encoding: 'utf8' }));
  packs.push({ name: pkg.name, dir, info, manifest });
}

console.log(`\n${'package'.padEnd(20)} ${'files'.padStart(6)} ${'packed'.padStart(10)} ${'unpacked'.padStart(10)} ${'of it maps'.padStart(11)}`);
for (const { name, info } of packs) {
  const maps = info.files.filter((f) => f.path.endsWith('.map')).reduce((n, f) => n + f.size, 0);
  console.log(`${name.padEnd(20)} ${String(info.files.length).padStart(6)} ${kB(info.size).padStart(10)} ${kB(info.unpackedSize).padStart(10)} ${kB(maps).padStart(11)}`);
}
console.log('');

for (const { name, dir, info, manifest } of packs) {
  const paths = info.files.map((f) => f.path);
  test(`${name}: ships only its allow-list`, () => {
    const allowed = [...ALWAYS, ...(ALLOWED[name] ?? [])];
    assert.deepEqual(paths.filter((p) => !allowed.some((re) => re.test(p)) || NEVER.some((re) => re.test(p))), []);
    for (const f of REQUIRED) assert.ok(paths.includes(f), `${f} is in the tarball`);
  });

  test(`${name}: every source map stays inside the package and embeds our sources`, () => {
    const problems = [];
    for (const p of paths.filter((x) => x.endsWith('.map'))) {
      const file = join(dir, p);
      const map = JSON.parse(readFileSync(file, 'utf8'));
      map.sources.forEach((s, i) => {
        const abs = resolve(dirname(file), map.sourceRoot ?? '', s);
        if (!abs.startsWith(dir + sep)) problems.push(`${p}: ${s} is outside the package`);
        // Third-party sources of the CDN maps are named, not embedded (rollup.config of elements).
        const thirdParty = /(^|\/)vendor\//.test(s) && !s.includes('vendor/@omnikit/');
        if (!thirdParty && typeof map.sourcesContent?.[i] !== 'string') problems.push(`${p}: ${s} has no embedded text`);
      });
    }
    assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problems`);
  });

  test(`${name}: every export of the packed manifest names a shipped file`, () => {
    const targets = [];
    const walk = (v, where) => {
      if (typeof v === 'string') targets.push([where, v]);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, `${where}.${k}`);
    };
    walk(manifest.exports, 'exports');
    walk(manifest.imports, 'imports');
    for (const f of ['main', 'module', 'types', 'customElements']) if (manifest[f]) targets.push([f, manifest[f]]);
    for (const [n, bin] of Object.entries(typeof manifest.bin === 'string' ? { bin: manifest.bin } : manifest.bin ?? {})) targets.push([`bin.${n}`, bin]);
    const missing = targets
      .filter(([, t]) => !t.includes('*'))
      .filter(([, t]) => !paths.includes(t.replace(/^\.\//, '')))
      .map(([w, t]) => `${w} -> ${t}`);
    assert.deepEqual(missing, []);
    assert.ok(!JSON.stringify(manifest).includes('"source"'), 'no source condition');
    // postpack restored the repository's manifest, which keeps `source` for the workspace.
    assert.ok(readFileSync(join(dir, 'package.json'), 'utf8').includes('"source"'));
  });
}
