// Custom elements manifest (dist/custom-elements.json) from the widgets' doc comments
// (@summary, @tag, @slot, @csspart, @cssprop, @fires). Storybook reads it for docs and controls.
// Reactive state declared in `static properties` (`{ state: true }`) is no attribute: the Lit
// support of the analyzer lists every entry of `properties` as one, so those are taken out.
// Exported for scripts/check-docs.mjs, which analyzes the widgets the same way.
export const stateNotAttribute = (states = new Set()) => ({
  name: 'omnikit-state-not-attribute',
  analyzePhase({ ts, node }) {
    if (!ts.isClassDeclaration(node)) return;
    const m = /static override properties[^=]*=\s*\{([\s\S]*?)\};/.exec(node.getText());
    for (const [, name] of m?.[1].matchAll(/(\w+):\s*\{\s*state:\s*true\s*\}/g) ?? []) states.add(name);
  },
  packageLinkPhase({ customElementsManifest }) {
    for (const mod of customElementsManifest.modules) {
      for (const d of mod.declarations ?? []) {
        if (d.attributes) d.attributes = d.attributes.filter((a) => !states.has(a.fieldName));
        if (d.members) d.members = d.members.filter((m) => !(states.has(m.name) && m.attribute));
      }
    }
  },
});

export default {
  plugins: [stateNotAttribute()],
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.stories.ts', 'src/**/*.styles.ts', 'src/internal/testing/**', 'src/cdn/**'],
  outdir: 'dist',
  litelement: true,
  dependencies: false,
  packagejson: true,
};
