import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: ['src/index.ts', 'src/msw.ts', 'src/server.ts', 'src/cli.ts'],
  format: 'esm',
  // Neutral: the main entry and the MSW handlers run in browsers; only server/cli import node:
  // builtins, which stay external and resolve in Node.
  platform: 'neutral',
  dts: true,
  clean: true,
  deps: { neverBundle: [/^msw/, /^node:/] },
})
