import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// In development the API runs on :3000 and Vite proxies /api and /docs to it.
export default defineConfig({
  plugins: [vue()],
  server: { port: 5173, proxy: { '/api': 'http://127.0.0.1:3000', '/docs': 'http://127.0.0.1:3000' } },
  build: {
    outDir: 'dist',
    sourcemap: true,
    // ECharts is one lazily loaded chunk (dashboard and report only); it is large by nature.
    chunkSizeWarningLimit: 700,
  },
})
