import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import { taskkitAliases } from './test/aliases.ts'
import { chromiumProvider } from './test/chromium.ts'

// One Vitest run, several projects:
// - unit:    Node, for the React-free core and the simulator (fake timers, real HTTP on 127.0.0.1)
// - dom:     jsdom + Testing Library, for hooks and components (*.test.tsx)
// - browser: real Chromium, for what needs real DOM, storage, media or reload (*.browser.test.ts[x])
// - e2e:     whole flows in Chromium driven by Playwright: the simulator's HTTP server, a Vite page, reloads, tabs
// - storybook: every story as a test in real Chromium (play functions, axe), with .storybook's config
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
          globalSetup: ['./test/simulatorGlobalSetup.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: chromiumProvider(),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['e2e/**/*.e2e.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        // Takes stories, viteFinal (aliases, React plugin) and staticDirs (the MSW worker) from .storybook.
        plugins: [storybookTest({ configDir: '.storybook' })],
        test: {
          name: 'storybook',
          // Play functions wait for simulated tasks (a video takes seconds even sped up).
          testTimeout: 60_000,
          browser: {
            enabled: true,
            headless: true,
            provider: chromiumProvider(),
            instances: [{ browser: 'chromium' }],
          },
          setupFiles: ['.storybook/vitest.setup.ts'],
        },
      },
    ],
  },
})
