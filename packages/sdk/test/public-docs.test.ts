// What an integrator's editor shows of @omnikit/contract and @omnikit/sdk: every export of every
// entry point has a doc comment, and the SDK's functions and client methods return named types
// (`Promise<Store[]>`), not `ReturnType<...>` or a zod shape spelled out. It only asks the checker
// about the exports, with no declaration emit (public-dts.test.ts builds the .d.ts files).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ts from 'typescript';
import { entries, entryProgram, exportsOf } from './public-api-helpers.js';

const program = entryProgram({ noEmit: true });
const checker = program.getTypeChecker();

test('every export of the contract and SDK entry points has a doc comment', () => {
  const missing: string[] = [];
  for (const e of entries) {
    for (const { name, symbol } of exportsOf(program, e.file)) {
      // A name that is both a schema and a type shows the comments of both in a hover: one suffices.
      // (A tag-only comment, `@deprecated Use X.`, counts.)
      const documented = symbol.getDocumentationComment(checker).some((p) => p.text.trim() !== '') || symbol.getJsDocTags(checker).length > 0;
      if (!documented) missing.push(`${e.spec}: ${name}`);
    }
  }
  assert.deepEqual(missing, [], `exports without a doc comment (${missing.length})`);
});

test('functions and client methods of the SDK entries return named types, as an editor shows them', () => {
  const expanded: string[] = [];
  const flags = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope;
  const checkSignatures = (what: string, type: ts.Type) => {
    for (const sig of type.getCallSignatures()) {
      const ret = checker.typeToString(sig.getReturnType(), undefined, flags);
      // An object literal in a hover means a shape spelled out where a name belongs.
      if (ret.includes('{')) expanded.push(`${what}: ${ret.slice(0, 120)}`);
    }
  };
  for (const e of entries.filter((x) => x.pkg === 'sdk')) {
    for (const { name, symbol } of exportsOf(program, e.file)) {
      const decl = symbol.valueDeclaration;
      if (decl && symbol.flags & ts.SymbolFlags.Function) checkSignatures(`${e.spec}: ${name}()`, checker.getTypeOfSymbolAtLocation(symbol, decl));
      if (symbol.flags & ts.SymbolFlags.Interface && /Client$/.test(symbol.name)) {
        // The namespaces of a client (`omni.stores.list`, `admin.stock.adjust`).
        const client = checker.getDeclaredTypeOfSymbol(symbol);
        for (const ns of client.getProperties()) {
          const nsType = checker.getTypeOfSymbol(ns);
          checkSignatures(`${name}.${ns.name}`, nsType);
          for (const m of nsType.getProperties()) checkSignatures(`${name}.${ns.name}.${m.name}`, checker.getTypeOfSymbol(m));
        }
      }
    }
  }
  assert.deepEqual(expanded, []);
});
