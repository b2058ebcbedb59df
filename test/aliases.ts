import { fileURLToPath } from 'node:url'

const src = (path: string) => fileURLToPath(new URL(`../packages/${path}`, import.meta.url))

// Tests, stories and benches run against the packages' sources, not their builds.
// Order matters: the subpath entries must come before the bare package names.
export const taskkitAliases = [
  { find: /^@taskkit\/hooks\/core$/, replacement: src('hooks/src/core.ts') },
  { find: /^@taskkit\/hooks\/extra$/, replacement: src('hooks/src/extra.ts') },
  { find: /^@taskkit\/hooks$/, replacement: src('hooks/src/index.ts') },
  { find: /^@taskkit\/components\/styles\.css$/, replacement: src('components/src/styles.css') },
  { find: /^@taskkit\/components$/, replacement: src('components/src/index.ts') },
  { find: /^@taskkit\/testing\/msw$/, replacement: src('testing/src/msw.ts') },
  { find: /^@taskkit\/testing\/server$/, replacement: src('testing/src/server.ts') },
  { find: /^@taskkit\/testing$/, replacement: src('testing/src/index.ts') },
]
