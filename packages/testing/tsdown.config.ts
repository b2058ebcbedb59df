import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: ['src/index.ts', 'src/msw.ts', 'src/server.ts', 'src/cli.ts'],
  format: 'esm',
  platform: 'neutral',
  dts: true,
  clean: true,
  external: [/^msw/, /^node:/],
})
