import { defineMain } from '@storybook/react-vite/node'
import { mergeConfig } from 'vite'
import { taskkitAliases } from '../test/aliases.ts'

// Storybook for TaskKit. Stories run against the packages' sources (the `@taskkit/*` aliases
// of test/aliases.ts), the simulator of `@taskkit/testing/msw` answers every provider call
// through MSW (worker script in ./public, made by `pnpm exec msw init .storybook/public --save`),
// and the same config drives the `storybook` Vitest project (vitest.config.ts).
export default defineMain({
  framework: { name: '@storybook/react-vite', options: {} },
  stories: [
    '../stories/**/*.mdx',
    '../stories/**/*.stories.@(ts|tsx)',
    '../packages/*/src/**/*.stories.@(ts|tsx)',
  ],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest', 'msw-storybook-addon'],
  staticDirs: ['./public'],
  // No internet here besides npm: don't try to phone home.
  core: { disableTelemetry: true },
  viteFinal: (config) =>
    mergeConfig(config, {
      resolve: { alias: taskkitAliases },
      build: {
        // Storybook's preview (React, docs blocks, axe) is one big chunk by design; no news there.
        chunkSizeWarningLimit: 4096,
        rolldownOptions: {
          // Radix ships "use client" at the top of its modules; that is meaningless in a client
          // bundle and makes the bundler print one MODULE_LEVEL_DIRECTIVE warning per file.
          onwarn(warning, warn) {
            if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && /use client/.test(warning.message)) return
            warn(warning)
          },
        },
      },
    }),
})
