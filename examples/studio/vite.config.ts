import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The studio uses the kit as an app would: @taskkit/* resolve to the packages' built `dist`
// through their `exports` (run `pnpm build` first). No alias to the sources here, on purpose.
export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1', port: 5173 },
  optimizeDeps: {
    // Pre-bundled at start-up, so the dev server never reloads the page mid-task to add a dependency
    // found late (model-viewer is imported only when a 3D result shows).
    include: [
      'react',
      'react/jsx-runtime',
      'react/jsx-dev-runtime',
      'react-dom',
      'react-dom/client',
      '@tanstack/react-query',
      '@tanstack/react-table',
      '@tanstack/react-virtual',
      'radix-ui',
      '@google/model-viewer',
    ],
  },
  build: {
    // model-viewer (with three) is one lazy chunk of about 1 MB, loaded only for a 3D result.
    chunkSizeWarningLimit: 1100,
    rolldownOptions: {
      onwarn(warning, warn) {
        // Radix's "use client" banners mean nothing in a client-only bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return
        warn(warning)
      },
    },
  },
})
