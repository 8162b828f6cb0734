// Custom elements manifest (dist/custom-elements.json) from the widgets' doc comments
// (@summary, @tag, @slot, @csspart, @cssprop, @fires). Storybook reads it for docs and controls.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.stories.ts', 'src/**/*.styles.ts', 'src/internal/testing/**', 'src/cdn/**'],
  outdir: 'dist',
  litelement: true,
  dependencies: false,
  packagejson: true,
};
