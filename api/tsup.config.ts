import { cp } from 'node:fs/promises'
import { defineConfig } from 'tsup'

// One ESM bundle of our code (with @apt/shared inlined); third-party packages stay in node_modules.
export default defineConfig({
  entry: ['src/server.ts'],
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  outDir: 'dist',
  sourcemap: true,
  clean: true,
  noExternal: ['@apt/shared'],
  // The public pages' templates and stylesheet, read at run time beside the bundle (plugins/public/pages/render.ts).
  onSuccess: () => cp('src/plugins/public/pages/views', 'dist/public-pages', { recursive: true }),
})
