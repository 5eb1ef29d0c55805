// Unit tests of the web app (happy-dom). Browser tests live in e2e/ and run as the root's "e2e" project.
import { defineProject } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

export default defineProject({
  // vitest resolves its own copy of vite's types; the plugin is the same at runtime.
  plugins: [vue() as never],
  test: { name: 'web', root: import.meta.dirname, environment: 'happy-dom', include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'] },
})
