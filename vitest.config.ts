import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'
import { taskkitAliases } from './test/aliases'
import { chromiumProvider } from './test/chromium'

// One Vitest run, several projects:
// - unit:    Node, for the React-free core and the simulator (fake timers, real HTTP on 127.0.0.1)
// - dom:     jsdom + Testing Library, for hooks and components (*.test.tsx)
// - browser: real Chromium, for what needs real DOM, storage, media or reload (*.browser.test.ts[x])
// The Storybook project (stories as tests) is added in vitest.storybook.ts.
export default defineConfig({
  resolve: { alias: taskkitAliases },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['packages/*/src/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['**/*.browser.test.*', '**/node_modules/**', '**/dist/**'],
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['packages/*/src/**/*.test.tsx'],
          exclude: ['**/*.browser.test.*', '**/node_modules/**', '**/dist/**'],
          setupFiles: ['./test/setup-dom.ts'],
        },
      },
      {
        extends: true,
        plugins: [react()],
        test: {
          name: 'browser',
          include: ['packages/*/src/**/*.browser.test.{ts,tsx}'],
          browser: {
            enabled: true,
            headless: true,
            provider: chromiumProvider(),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
})
