import { defineProject } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

export default defineProject({
  plugins: [vue()],
  test: { name: 'web', root: import.meta.dirname, environment: 'happy-dom', include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'], passWithNoTests: true },
})
