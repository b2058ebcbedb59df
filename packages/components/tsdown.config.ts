import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  platform: 'neutral',
  dts: true,
  // One output file per source file: an app that imports TaskProgress alone does not keep the log
  // table's module-level column definitions (and with them TanStack Table) in its bundle.
  unbundle: true,
  clean: true,
  deps: { neverBundle: [/^react/, /^@tanstack\//, /^@taskkit\//, /^radix-ui/, /^@google\/model-viewer/, /^three/] },
})
