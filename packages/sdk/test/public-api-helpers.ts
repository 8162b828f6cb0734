// The public entry points of @omnikit/contract and @omnikit/sdk, and a TypeScript program of
// them built as scripts/build-types.mjs builds the declarations (shared by the public-*.test.ts files).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The repository. */
export const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const PACKAGES = ['contract', 'sdk'] as const;

/** Source file of each public entry point, from `exports[...].source` of the package.json. */
function entryPoints(pkg: (typeof PACKAGES)[number]): { spec: string; file: string; pkg: string }[] {
  const json = JSON.parse(readFileSync(join(root, 'packages', pkg, 'package.json'), 'utf8')) as { name: string; exports: Record<string, unknown> };
  return Object.entries(json.exports).flatMap(([sub, e]) => {
    const source = typeof e === 'object' && e !== null ? (e as { source?: string }).source : undefined;
    return source ? [{ spec: sub === '.' ? json.name : `${json.name}/${sub.slice(2)}`, file: join(root, 'packages', pkg, source), pkg }] : [];
  });
}

/** Every public entry point of both packages: `@omnikit/sdk/testing` and its source file. */
export const entries = PACKAGES.flatMap(entryPoints);

/** A program of the entry points with the options of tsconfig.build.json, plus `extra`. */
export function entryProgram(extra: ts.CompilerOptions = {}): ts.Program {
  const parsed = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.build.json'), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => assert.fail(ts.flattenDiagnosticMessageText(d.messageText, '\n')),
  })!;
  return ts.createProgram(entries.map((e) => e.file), { ...parsed.options, ...extra });
}

/** The exports of one entry point, aliases resolved to what they name. */
export function exportsOf(program: ts.Program, file: string): { name: string; symbol: ts.Symbol }[] {
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
  return checker.getExportsOfModule(moduleSymbol).map((exported) => ({
    name: exported.name,
    symbol: exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported,
  }));
}
