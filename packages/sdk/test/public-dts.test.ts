// The declarations the build emits for @omnikit/contract and @omnikit/sdk (as
// scripts/build-types.mjs runs tsc, with `--stripInternal`), compiled here in memory from the
// sources: no `@internal` declaration reaches a .d.ts, the rest still compiles on its own
// (without skipLibCheck), and the SDK's files name their result types (no `ReturnType<`, no
// `z.infer`, no zod schema types).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { entries, entryProgram, root } from './public-api-helpers.js';

/** Where the declarations would go: never written, only a prefix for the in-memory files. */
const OUT = join(root, '.api-check');

let program: ts.Program;
/** Emitted .d.ts text by path relative to the repository (`sdk/src/index.d.ts`). */
const dts = new Map<string, string>();

before(() => {
  // As scripts/build-types.mjs runs tsc (asserted below), but only from the public entry points.
  program = entryProgram({ stripInternal: true, outDir: OUT, rootDir: join(root, 'packages') });
  const emitted = program.emit(undefined, (file, text) => {
    if (file.endsWith('.d.ts')) dts.set(relative(OUT, file), text);
  }, undefined, true);
  assert.deepEqual(emitted.diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), []);
});

test('the declaration build strips @internal declarations', () => {
  const script = readFileSync(join(root, 'scripts/build-types.mjs'), 'utf8');
  assert.match(script, /--stripInternal/, 'scripts/build-types.mjs passes --stripInternal to tsc');
  assert.ok(dts.size > 10, `declarations emitted: ${[...dts.keys()].join(', ')}`);
  const leaked = [...dts].filter(([, text]) => text.includes('@internal')).map(([f]) => f);
  assert.deepEqual(leaked, [], 'declaration files with @internal items left in');
});

test('the emitted .d.ts files compile on their own, without skipLibCheck', () => {
  // Each package's declarations inside its own folder, where its dependencies resolve (zod is
  // installed under packages/contract): `sdk/src/x.d.ts` is read as packages/sdk/.api-check/src/x.d.ts.
  const at = (f: string) => f.replace(/^(\w+)\//, (_, pkg: string) => `${root}/packages/${pkg}/.api-check/`);
  const files = new Map([...dts].map(([f, text]) => [at(f), text]));
  const paths: Record<string, string[]> = {};
  for (const e of entries) paths[e.spec] = [at(relative(join(root, 'packages'), e.file)).replace(/\.ts$/, '.d.ts')];
  const options: ts.CompilerOptions = {
    ...program.getCompilerOptions(),
    noEmit: true,
    declaration: false,
    emitDeclarationOnly: false,
    stripInternal: false,
    skipLibCheck: false,
    // A consumer resolves the packages by name: point the names at the emitted files.
    customConditions: [],
    baseUrl: root,
    paths,
  };
  const host = ts.createCompilerHost(options);
  // The libraries' files as the first program parsed them (a second parse of lib.dom and zod
  // would double the time of this file).
  const parsed = new Map(program.getSourceFiles().map((f) => [f.fileName, f]));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, ...rest) => (f.endsWith('.d.ts') && parsed.get(f)) || getSourceFile(f, ...rest);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  const dirs = new Set([...files.keys()].flatMap((f) => f.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
  const dirExists = host.directoryExists?.bind(host);
  host.readFile = (f) => files.get(f) ?? read(f);
  host.fileExists = (f) => files.has(f) || exists(f);
  host.directoryExists = (d) => dirs.has(d) || (dirExists?.(d) ?? true);
  const consumer = ts.createProgram([...files.keys()], options, host);
  // Only our files: the dependencies' own declarations (zod, lib.dom) are not ours to check.
  const ours = consumer.getSourceFiles().filter((f) => files.has(f.fileName));
  assert.equal(ours.length, files.size);
  const problems = [...consumer.getOptionsDiagnostics(), ...ours.flatMap((f) => [...consumer.getSyntacticDiagnostics(f), ...consumer.getSemanticDiagnostics(f)])]
    .map((d) => `${d.file ? relative(root, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  assert.deepEqual(problems, []);
});

test('the SDK .d.ts files name their result types instead of ReturnType<...> and zod shapes', () => {
  const banned = [/ReturnType</, /z\.infer/, /z\.output/, /\$Zod\w*/, /ZodMini\w*/, /import\("zod/];
  const found: string[] = [];
  for (const [file, text] of dts) {
    if (!file.startsWith('sdk/')) continue;
    for (const re of banned) {
      const m = re.exec(text);
      if (m) found.push(`${file}: ${m[0]}`);
    }
  }
  assert.deepEqual(found, []);
});
