import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { bundleSizeReport } from './client/vite/bundle-size-report.ts'

export default defineConfig({
  root: 'client',
  publicDir: 'public',
  plugins: [react(), bundleSizeReport()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // The room chunk (tldraw + its fonts' loaders) is ~2 MB raw by design; it is lazy-loaded by the room route.
    chunkSizeWarningLimit: 2600,
  },
  // @tldraw/assets resolves its files through import.meta.url; pre-bundling would break those URLs.
  optimizeDeps: { exclude: ['@tldraw/assets'] },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/healthz': 'http://127.0.0.1:3000',
      '/socket.io': { target: 'http://127.0.0.1:3000', ws: true },
      '/yjs': { target: 'ws://127.0.0.1:3000', ws: true },
    },
  },
})
