import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: ['src/index.ts', 'src/core.ts', 'src/extra.ts'],
  format: 'esm',
  platform: 'neutral',
  dts: true,
  clean: true,
  deps: { neverBundle: [/^react/, /^@tanstack\//] },
})
