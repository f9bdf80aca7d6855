import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { bundleSizeReport } from './client/vite/bundle-size-report.ts'

export default defineConfig({
  // Absolute, so the build works from any working directory (npm start builds through the API).
  root: fileURLToPath(new URL('./client', import.meta.url)),
  publicDir: 'public',
  plugins: [react(), bundleSizeReport()],
  build: {
    outDir: fileURLToPath(new URL('./dist/client', import.meta.url)),
    emptyOutDir: true,
    // The room chunk (tldraw + its fonts' loaders) is ~2 MB raw by design; it is lazy-loaded by the room route.
    chunkSizeWarningLimit: 2600,
    // tldraw's embed icons and translations stay separate files served by us, fetched only when used,
    // instead of ~23 kB of base64 inside the room's JavaScript.
    assetsInlineLimit: (file) => (file.includes('/@tldraw/assets/') ? false : undefined),
  },
  // @tldraw/assets resolves its files through import.meta.url; pre-bundling would break those URLs.
  optimizeDeps: { exclude: ['@tldraw/assets'] },
  server: {
    // changeOrigin: the server answers only for the hosts it knows (its Host check), and the dev
    // server's own localhost:5173 is not one of them; Origin is still checked against ALLOWED_ORIGINS.
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: true },
      '/healthz': { target: 'http://127.0.0.1:3000', changeOrigin: true },
      '/socket.io': { target: 'http://127.0.0.1:3000', ws: true, changeOrigin: true },
      '/yjs': { target: 'ws://127.0.0.1:3000', ws: true, changeOrigin: true },
    },
  },
})
