import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { chromium, type Browser } from 'playwright-core'
import { build, preview } from 'vite'
import { taskkitAliases } from '../test/aliases.ts'
import { chromiumArgs, chromiumExecutable } from '../test/chromium.ts'
import type { Bench } from './bench'
import { KEYSTROKE, median, metric, settle, typeOnceAndClear } from './logTableDriver.ts'

/**
 * TaskLogTable against a plain table of the same rows, in the same Chromium, same run: initial
 * render and filter-keystroke-to-paint times, and how many rows are in the DOM. The page
 * (bench/logTable/) is a production build, so React runs as it does in users' apps.
 *
 * A keystroke is timed twice per page load: the first one after the page loaded, and the same one
 * again after Backspace cleared the field (what typing in the search costs). The first runs much
 * code for the first time (React's update and removal paths, the browser's editing), which the
 * browser compiles then: it costs even the no-table floor twice what a later keystroke does.
 */
// `floor` is the browser's own cost of a keystroke and a paint: no table at all, same filtering.
const ALL_IMPLS = ['floor', 'plain', 'taskkit'] as const
// `LOGTABLE_SIZES=10000 LOGTABLE_IMPLS=taskkit pnpm bench logTable` narrows a run while investigating;
// `LOGTABLE_RUNS=9` takes more page loads per median; `LOGTABLE_PHASES=1` prints where each filter's
// time went (keydown to React render, render to commit, commit to frame, frame to painted).
const SIZES = process.env.LOGTABLE_SIZES?.split(',').map(Number) ?? [1_000, 10_000, 100_000]
const IMPLS = ALL_IMPLS.filter((impl) => process.env.LOGTABLE_IMPLS?.split(',').includes(impl) ?? true)
const RUNS = Number(process.env.LOGTABLE_RUNS ?? 5)
/** A plain table of 100k rows may not finish; such a run is reported, not waited for forever. */
const PAGE_TIMEOUT_MS = 90_000
const VIEWPORT = { width: 1280, height: 800 }

type Impl = (typeof ALL_IMPLS)[number]

interface Sample {
  initialRenderMs: number
  /** The first keystroke after the page loaded: code never run before runs now (see BENCHMARKS.md). */
  firstFilterMs: number
  /** The same keystroke again after one filter and clear: what typing in the search costs. */
  filterMs: number
  renderedRows: number
  renderedAfterFilter: number
  matchingRows: number
}

async function measureOnce(browser: Browser, url: string): Promise<Sample | 'timeout'> {
  const page = await browser.newPage({ viewport: VIEWPORT })
  try {
    await page.goto(url)
    const initial = await metric(page, 'initialRenderMs', PAGE_TIMEOUT_MS)
    const search = page.getByRole('searchbox').first()
    await search.focus()
    await settle(page)
    // The first keystroke, then the same one again: both tables get the same warm-up, both are reported.
    const first = await typeOnceAndClear(page, PAGE_TIMEOUT_MS)
    await page.keyboard.press(KEYSTROKE)
    const filtered = await metric(page, 'filterMs', PAGE_TIMEOUT_MS)
    if (process.env.LOGTABLE_PHASES) console.error(url, JSON.stringify({ first: first.filterPhases, again: filtered.filterPhases }))
    return {
      initialRenderMs: initial.initialRenderMs ?? NaN,
      renderedRows: initial.renderedRows ?? NaN,
      firstFilterMs: first.filterMs ?? NaN,
      filterMs: filtered.filterMs ?? NaN,
      renderedAfterFilter: filtered.renderedRows ?? NaN,
      matchingRows: filtered.matchingRows ?? NaN,
    }
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') return 'timeout'
    throw error
  } finally {
    await page.close().catch(() => {})
  }
}

const ms = (value: number) => (Number.isFinite(value) ? `${value < 100 ? value.toFixed(1) : Math.round(value)} ms` : 'n/a')

async function run(): Promise<string> {
  const root = fileURLToPath(new URL('./logTable/', import.meta.url))
  const outDir = mkdtempSync(join(tmpdir(), 'taskkit-logtable-bench-'))
  await build({
    configFile: false,
    root,
    mode: 'production',
    logLevel: 'error',
    plugins: [react()],
    resolve: { alias: taskkitAliases },
    build: { outDir, emptyOutDir: true },
  })
  const server = await preview({ configFile: false, root, logLevel: 'error', build: { outDir }, preview: { host: '127.0.0.1', port: 0 } })
  const baseUrl = server.resolvedUrls?.local[0]
  if (!baseUrl) throw new Error('vite preview did not start')
  const executablePath = chromiumExecutable()
  const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: chromiumArgs })
  const results = new Map<string, Sample[] | 'timeout'>()
  try {
    for (const n of SIZES) {
      // Interleaved (floor, plain, TaskLogTable, floor, ...): a slow spell of the machine then
      // weighs on every table alike instead of on whichever happened to run during it.
      for (let i = 0; i < RUNS; i++) {
        for (const impl of IMPLS) {
          const key = `${impl}:${n}`
          const samples = results.get(key) ?? []
          if (samples === 'timeout') continue
          const sample = await measureOnce(browser, `${baseUrl}?impl=${impl}&n=${n}`)
          results.set(key, sample === 'timeout' ? 'timeout' : [...samples, sample])
        }
      }
    }
  } finally {
    await browser.close().catch(() => {})
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()))
    rmSync(outDir, { recursive: true, force: true })
  }
  return report(results, browser.version())
}

function report(results: Map<string, Sample[] | 'timeout'>, browserVersion: string): string {
  const lines = [
    `Chromium ${browserVersion}, viewport ${VIEWPORT.width}x${VIEWPORT.height}, production build, median of ${RUNS} page loads per table, the tables taking turns. ` +
      `Filter: the key "${KEYSTROKE}" typed into the task-id search (keydown to the painted frame): first after the page loaded, ` +
      `then again after Backspace cleared it (typing).`,
    '',
    '| rows | table | initial render | keystroke to paint, typing | first keystroke to paint | rows in the DOM (after filter) | matching rows |',
    '|---:|---|---:|---:|---:|---:|---:|',
  ]
  const verdicts: string[] = []
  for (const n of SIZES) {
    const medians: Partial<Record<Impl, { initial: number; filter: number; firstFilter: number }>> = {}
    for (const impl of IMPLS) {
      const samples = results.get(`${impl}:${n}`)
      const label = impl === 'plain' ? 'plain <table>' : impl === 'floor' ? 'no table (floor)' : 'TaskLogTable'
      if (samples === undefined || samples === 'timeout' || samples.length === 0) {
        lines.push(`| ${n.toLocaleString('en-US')} | ${label} | > ${PAGE_TIMEOUT_MS / 1000} s | n/a | n/a | n/a | n/a |`)
        continue
      }
      const initial = median(samples.map((s) => s.initialRenderMs))
      const filter = median(samples.map((s) => s.filterMs))
      const firstFilter = median(samples.map((s) => s.firstFilterMs))
      medians[impl] = { initial, filter, firstFilter }
      const first = samples[0] as Sample
      lines.push(
        `| ${n.toLocaleString('en-US')} | ${label} | ${ms(initial)} | ${ms(filter)} | ${ms(firstFilter)} | ${first.renderedRows.toLocaleString('en-US')} (${first.renderedAfterFilter.toLocaleString('en-US')}) | ${first.matchingRows.toLocaleString('en-US')} |`,
      )
    }
    const plain = medians.plain
    const kit = medians.taskkit
    if (plain && kit) {
      verdicts.push(
        `${n.toLocaleString('en-US')} rows: TaskLogTable is ${(plain.initial / kit.initial).toFixed(1)}x faster to first paint and ${(plain.filter / kit.filter).toFixed(1)}x faster from keystroke to paint while typing ` +
          `(${(plain.firstFilter / kit.firstFilter).toFixed(1)}x for the first keystroke after the page loaded).`,
      )
    }
  }
  return [...lines, '', ...verdicts.map((line) => `- ${line}`)].join('\n')
}

const bench: Bench = { name: 'logTable', title: 'TaskLogTable vs a plain table: render, filter, DOM rows', run }
export default bench
