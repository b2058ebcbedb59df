import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { chromium } from 'playwright-core'
import { build, preview } from 'vite'
import type { taskkitAliases as Aliases } from '../test/aliases.ts'
import { chromiumArgs, chromiumExecutable } from '../test/chromium.ts'
import type { BenchMetrics } from './logTable/main.tsx'

/**
 * A/B of the log table bench page: another checkout (A) against this one (B), page loads taking
 * turns in one browser, the order alternating. This machine's speed drifts by tens of percent
 * within minutes, so two separate `pnpm bench logTable` runs cannot tell a 5 ms change; this can.
 *
 *   git worktree add /tmp/logtable-a HEAD   # the "before"; then link its node_modules:
 *   ln -s "$PWD/node_modules" /tmp/logtable-a/node_modules
 *   for p in hooks components testing; do ln -s "$PWD/packages/$p/node_modules" /tmp/logtable-a/packages/$p/node_modules; done
 *   LOGTABLE_A=/tmp/logtable-a RUNS=12 pnpm exec tsx bench/logTableAB.ts
 *
 * Not part of `pnpm bench`: it compares two versions of the code, not TaskKit with a plain table.
 */
const here = fileURLToPath(new URL('..', import.meta.url))
const checkoutA = process.env.LOGTABLE_A
if (!checkoutA) throw new Error('Set LOGTABLE_A to the other checkout (see the comment at the top of this file)')

async function serve(repo: string) {
  const { taskkitAliases } = (await import(join(repo, 'test/aliases.ts'))) as { taskkitAliases: typeof Aliases }
  const root = join(repo, 'bench/logTable/')
  const outDir = mkdtempSync(join(tmpdir(), 'taskkit-logtable-ab-'))
  await build({ configFile: false, root, mode: 'production', logLevel: 'error', plugins: [react()], resolve: { alias: taskkitAliases }, build: { outDir, emptyOutDir: true } })
  return preview({ configFile: false, root, logLevel: 'error', build: { outDir }, preview: { host: '127.0.0.1', port: 0 } })
}

const servers = { A: await serve(resolve(checkoutA)), B: await serve(here) }
const executablePath = chromiumExecutable()
const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: chromiumArgs })
const rows = Number(process.env.N ?? 10_000)
const runs = Number(process.env.RUNS ?? 12)
const results = { A: { initial: [] as number[], filter: [] as number[] }, B: { initial: [] as number[], filter: [] as number[] } }
try {
  for (let i = 0; i < runs; i++) {
    for (const version of i % 2 === 0 ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
      await page.goto(`${servers[version].resolvedUrls?.local[0]}?impl=taskkit&n=${rows}`)
      const initial = await page.waitForFunction(() => window.__bench.initialRenderMs !== undefined && window.__bench).then((handle) => handle.jsonValue() as Promise<BenchMetrics>)
      await page.getByRole('searchbox').first().focus()
      await page.evaluate(() => new Promise<void>((done) => requestIdleCallback(() => done(), { timeout: 2000 })))
      await page.keyboard.press('7')
      const filtered = await page.waitForFunction(() => window.__bench.filterMs !== undefined && window.__bench).then((handle) => handle.jsonValue() as Promise<BenchMetrics>)
      results[version].initial.push(initial.initialRenderMs ?? NaN)
      results[version].filter.push(filtered.filterMs ?? NaN)
      await page.close()
    }
  }
} finally {
  await browser.close()
  for (const server of Object.values(servers)) server.httpServer.close()
}
const median = (values: number[]) => ([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN).toFixed(1)
const bFaster = results.A.filter.filter((a, i) => (results.B.filter[i] ?? Infinity) < a).length
console.log(`${rows} rows, ${runs} pairs: A initial ${median(results.A.initial)} ms, filter ${median(results.A.filter)} ms | B initial ${median(results.B.initial)} ms, filter ${median(results.B.filter)} ms | B's keystroke faster in ${bFaster} of ${runs} pairs`)
