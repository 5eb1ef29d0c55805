import { cp } from 'node:fs/promises'
import { join } from 'node:path'
import { defineConfig } from 'tsup'

// One ESM bundle of our code (with @apt/shared inlined); third-party packages stay in node_modules.
// `tsup --out-dir <dir>` (the PostgreSQL start test builds beside dist) gets the templates there too.
export default defineConfig((flags) => {
  const outDir = flags.outDir ?? 'dist'
  return {
    entry: ['src/server.ts'],
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    outDir,
    sourcemap: true,
    clean: true,
    noExternal: ['@apt/shared'],
    // The public pages' templates and stylesheet, read at run time beside the bundle (plugins/public/pages/render.ts).
    onSuccess: () => cp('src/plugins/public/pages/views', join(outDir, 'public-pages'), { recursive: true }),
  }
})
