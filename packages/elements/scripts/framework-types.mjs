// React JSX and Vue `GlobalComponents` declarations for every Omnikit tag, generated from the
// custom elements manifest (dist/custom-elements.json), so a new widget, attribute or event is
// typed without anyone listing it: run after `cem analyze` (`npm run manifest`).
//   node scripts/framework-types.mjs [manifest] [outdir]   (defaults: dist/custom-elements.json, dist/types)
//
// Ours rather than @wc-toolkit/jsx-types 1.8 / custom-element-vuejs-integration 1.4: on this
// manifest the first references the event classes without importing them (with skipLibCheck the
// handlers silently become `any`), the second types every event as `CustomEvent<T>` with a
// `detail` ours do not have, and both declare `key`, which React and Vue keep for themselves.
//
// Types of attributes and properties are read from the classes (`OmniStockBadge['sku']`), so
// they are the exact TypeScript types of the published .d.ts; the manifest says which names
// exist, what they are documented as, and which events each tag fires with which class.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const pkgDir = resolve(dirname(new URL(import.meta.url).pathname), '..');
const manifestPath = resolve(process.argv[2] ?? join(pkgDir, 'dist/custom-elements.json'));
const outDir = resolve(process.argv[3] ?? join(pkgDir, 'dist/types'));

/** Names React and Vue consume themselves: never passed to the element, so never declared. */
const RESERVED = new Set(['key', 'ref', 'is', 'children', 'slot', 'class', 'style']);
/** Event classes of the DOM itself: typed without an import. */
const GLOBAL_EVENTS = new Set(['Event', 'CustomEvent']);

/** Everything the declarations need from the manifest, or an Error naming what is missing. */
export function readManifest(manifest, pkg) {
  const rootSource = (pkg.exports?.['.']?.source ?? 'src/index.ts').replace(/^\.\//, '');
  const rootModule = manifest.modules.find((m) => m.path === rootSource);
  if (!rootModule) throw new Error(`framework-types: ${rootSource} (the package root) is not in the manifest`);
  const rootExports = new Set((rootModule.exports ?? []).filter((e) => e.kind === 'js').map((e) => e.name));
  const problems = [];
  const imports = new Set();
  const elements = [];
  for (const mod of manifest.modules) {
    for (const d of mod.declarations ?? []) {
      if (!d.customElement || !d.tagName) continue;
      if (!rootExports.has(d.name)) problems.push(`<${d.tagName}>: class ${d.name} is not exported from ${rootSource}`);
      imports.add(d.name);
      const fields = new Map();
      for (const m of d.members ?? []) {
        if (m.kind !== 'field' || m.static || m.readonly || (m.privacy && m.privacy !== 'public')) continue;
        if (m.name.startsWith('_') || m.name.startsWith('#') || RESERVED.has(m.name)) continue;
        fields.set(m.name, m);
      }
      const attributes = [];
      for (const a of d.attributes ?? []) {
        if (RESERVED.has(a.name)) continue;
        // An attribute without a field has no class type to index: strings, as HTML gives.
        const type = a.fieldName && (d.members ?? []).some((m) => m.name === a.fieldName) ? `${d.name}[${JSON.stringify(a.fieldName)}]` : 'string';
        attributes.push({ name: a.name, field: a.fieldName, type, description: a.description ?? fields.get(a.fieldName)?.description });
      }
      const properties = [...fields.values()].map((m) => ({ name: m.name, type: `${d.name}[${JSON.stringify(m.name)}]`, description: m.description }));
      const events = [];
      for (const e of d.events ?? []) {
        if (!e.name) continue;
        const type = e.type?.text?.trim();
        if (type && !/^[A-Za-z_$][\w$]*$/.test(type)) problems.push(`<${d.tagName}> ${e.name}: event type "${type}" is not one class name`);
        // The DOM's own classes (a plain `close` is an `Event`) need no import.
        else if (type && !GLOBAL_EVENTS.has(type) && !rootExports.has(type)) problems.push(`<${d.tagName}> ${e.name}: event class ${type} is not exported from ${rootSource}`);
        else if (type && !GLOBAL_EVENTS.has(type)) imports.add(type);
        events.push({ name: e.name, type: type || 'Event', description: e.description });
      }
      elements.push({ tag: d.tagName, className: d.name, summary: d.summary, description: d.description, attributes, properties, events });
    }
  }
  if (problems.length) throw new Error(`framework-types: the manifest cannot be typed:\n  ${problems.join('\n  ')}`);
  elements.sort((a, b) => a.tag.localeCompare(b.tag));
  return { elements, imports: [...imports].sort() };
}

const doc = (text, indent = '  ') =>
  text ? `${indent}/**\n${text.replaceAll('*/', '*\\/').split('\n').map((l) => `${indent} * ${l}`.trimEnd()).join('\n')}\n${indent} */\n` : '';
const key = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name));
const pascal = (tag) => tag.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase());
const camel = (name) => name.replace(/-(\w)/g, (_, c) => c.toUpperCase());
/** `omni-stock-change` -> `OmniStockChange`: Vue's listener prop for `@omni-stock-change`. */
const vueEvent = (name) => `on${pascal(name)}`;
const elementDoc = (el) => doc([el.summary, el.description].filter(Boolean).join('\n\n'));
const HEADER = `// Generated from custom-elements.json by @omnikit/elements scripts/framework-types.mjs. Do not edit.`;

/** The members of one tag's props: attributes and properties, each once, then its events. */
function members(el, eventProp, eventArg, seen = new Set(), attrName = (n) => n) {
  const out = [];
  for (const a of el.attributes) {
    const name = attrName(a.name);
    if (seen.has(name)) continue;
    seen.add(name);
    out.push(`${doc(a.description)}  ${key(name)}?: ${a.type};`);
  }
  for (const p of el.properties) {
    if (seen.has(p.name)) continue;
    seen.add(p.name);
    out.push(`${doc(p.description ? `${p.description}\n\nProperty.` : 'Property.')}  ${key(p.name)}?: ${p.type};`);
  }
  for (const e of el.events) {
    out.push(`${doc([e.description, `\`${e.name}\` event.`].filter(Boolean).join('\n\n'))}  ${key(eventProp(e.name))}?: (event: ${eventArg(e, el)}) => void;`);
  }
  return out.join('\n');
}

const typedEvent = (e, el) => `${e.type} & { readonly currentTarget: ${el.className} }`;

/** dist/types/react.d.ts: React 19 `JSX.IntrinsicElements` for every tag. */
export function reactTypes({ elements, imports }) {
  const props = elements.map((el) => {
    const names = new Set();
    const body = members(el, (n) => `on${n}`, typedEvent, names);
    // React's own props of the same name give way to the element's (e.g. a `title` of its own).
    const base = `Omit<OmnikitBaseProps<${el.className}>, ${[...names, ...el.events.map((e) => `on${e.name}`)].map((n) => JSON.stringify(n)).join(' | ') || 'never'}>`;
    return `/** Props of \`<${el.tag}>\` in React 19 JSX. */\nexport interface ${el.className}Props extends ${base} {\n${body}\n}`;
  });
  return `${HEADER}
// React 19 passes a prop to a custom element as a property when the element has it, else as an
// attribute, and \`on<event-name>\` (the exact event name: \`onomni-stock-change\`) as a listener.
// \`key\` and \`ref\` stay React's: give the provider \`publishable-key\`.
import type { ClassAttributes, HTMLAttributes } from 'react';
import type { ${imports.join(', ')} } from '../index.js';

/** What React itself accepts on any element (\`key\`, \`ref\`, \`className\`, \`style\`, \`children\`, DOM events). */
export type OmnikitBaseProps<E extends HTMLElement> = ClassAttributes<E> & Omit<HTMLAttributes<E>, 'is'>;

${props.join('\n\n')}

/** Every Omnikit tag and its props. */
export interface OmnikitIntrinsicElements {
${elements.map((el) => `${elementDoc(el)}  ${JSON.stringify(el.tag)}: ${el.className}Props;`).join('\n')}
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements extends OmnikitIntrinsicElements {}
  }
}
`;
}

/** dist/types/vue.d.ts: Vue 3 \`GlobalComponents\` for every tag (templates checked by vue-tsc). */
export function vueTypes({ elements, imports }) {
  const props = elements.map(
    // vue-tsc checks `show-quantity="..."` as the prop `showQuantity`: attributes by their camelCase name.
    (el) => `/** Props and listeners of \`<${el.tag}>\` in Vue templates. */\nexport interface ${el.className}VueProps {\n${members(el, vueEvent, typedEvent, new Set(), camel)}\n}`,
  );
  return `${HEADER}
// Vue sets a custom element's prop as a property when the element has it, else as an attribute;
// \`@omni-stock-change\` is the listener prop \`onOmniStockChange\`. Tell the compiler the tags are
// custom elements: \`compilerOptions.isCustomElement: (tag) => tag.startsWith('omni-')\`.
// \`key\` stays Vue's: give the provider \`publishable-key\`.
import type { DefineComponent } from 'vue';
import type { ${imports.join(', ')} } from '../index.js';

${props.join('\n\n')}

/** Every Omnikit tag as a Vue global component type. */
export interface OmnikitGlobalComponents {
${elements.map((el) => `${elementDoc(el)}  ${JSON.stringify(el.tag)}: DefineComponent<${el.className}VueProps>;`).join('\n')}
}

declare module 'vue' {
  interface GlobalComponents extends OmnikitGlobalComponents {}
}
`;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  try {
    const model = readManifest(JSON.parse(readFileSync(manifestPath, 'utf8')), JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')));
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'react.d.ts'), reactTypes(model));
    writeFileSync(join(outDir, 'vue.d.ts'), vueTypes(model));
    // Empty modules, so a plain `import '@omnikit/elements/react'` resolves in a bundler too.
    for (const f of ['react.js', 'vue.js']) writeFileSync(join(outDir, f), 'export {};\n');
    console.log(`framework-types: ${model.elements.length} tags -> ${outDir}/{react,vue}.d.ts`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
