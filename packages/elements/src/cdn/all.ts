/**
 * `omnikit.all.js`: every widget in one file, defined as soon as the script runs, for kiosks
 * and offline use where one request beats lazy loading. Built with inlined dynamic imports,
 * so the `import()` calls of the widget list become plain module code in this file.
 * @packageDocumentation
 */
import { widgets } from './widgets.js';

/** Resolves when every widget is defined. */
export const ready: Promise<unknown[]> = Promise.all(Object.values(widgets).map((load) => load()));
