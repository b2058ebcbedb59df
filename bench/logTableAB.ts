import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { chromium, type Browser } from 'playwright-core'
import { build, preview } from 'vite'
import type { taskkitAliases as Aliases } from '../test/aliases.ts'
import { chromiumArgs, chromiumExecutable } from '../test/chromium.ts'
import { KEYSTROKE, median, metric, settle, typeOnceAndClear } from './logTableDriver.ts'

/**
 * A/B of the log table bench page: another checkout (A) against this one (B), page loads taking
 * turns in one browser, the order alternating. This machine's speed drifts by tens of percent
 * within minutes, so two separate `pnpm bench logTable` runs cannot tell a 5 ms change; this can,
 * better still with `CPU=1`.
 *
 *   git worktree add /tmp/logtable-a HEAD   # the "before"; then link its node_modules:
 *   ln -s "$PWD/node_modules" /tmp/logtable-a/node_modules
 *   for p in hooks components testing; do ln -s "$PWD/packages/$p/node_modules" /tmp/logtable-a/packages/$p/node_modules; done
 *   LOGTABLE_A=/tmp/logtable-a RUNS=12 pnpm exec tsx bench/logTableAB.ts
 *
 * Options: `N` rows (10000), `RUNS` pairs (12), `TYPING=1` times the keystroke typed again after
 * Backspace instead of the first one after load, `CPU=1` also records a Chromium trace of the
 * keystroke and reports the renderer main thread's CPU time (keydown to painted) and its parts:
 * script, style, layout, paint, GC. Thread time leaves out the time the thread waited for a CPU,
 * which is most of the noise here. `LOGTABLE_A_IMPL`/`LOGTABLE_B_IMPL` (`taskkit`) pick another
 * page of the bench (`floor`, `plain`), e.g. to compare TaskLogTable with the floor in one checkout.
 *
 * Not part of `pnpm bench`: it compares two versions of the code, not TaskKit with a plain table.
 */
const here = fileURLToPath(new URL('..', import.meta.url))
const checkoutA = process.env.LOGTABLE_A
if (!checkoutA) throw new Error('Set LOGTABLE_A to the other checkout (see the comment at the top of this file)')
const rows = Number(process.env.N ?? 10_000)
const runs = Number(process.env.RUNS ?? 12)
const typing = Boolean(process.env.TYPING)
const cpu = Boolean(process.env.CPU)
const impls = { A: process.env.LOGTABLE_A_IMPL ?? 'taskkit', B: process.env.LOGTABLE_B_IMPL ?? 'taskkit' }

async function serve(repo: string) {
  const { taskkitAliases } = (await import(join(repo, 'test/aliases.ts'))) as { taskkitAliases: typeof Aliases }
  const root = join(repo, 'bench/logTable/')
  const outDir = mkdtempSync(join(tmpdir(), 'taskkit-logtable-ab-'))
  await build({ configFile: false, root, mode: 'production', logLevel: 'error', plugins: [react()], resolve: { alias: taskkitAliases }, build: { outDir, emptyOutDir: true } })
  return preview({ configFile: false, root, logLevel: 'error', build: { outDir }, preview: { host: '127.0.0.1', port: 0 } })
}

interface TraceEvent {
  name: string
  ph: string
  tid: number
  ts: number
  dur?: number
  tdur?: number
  args?: { name?: string; data?: { type?: string } }
}

/** Trace events whose thread time makes up the parts of a keystroke. */
const PARTS: Record<string, string> = {
  FunctionCall: 'script',
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  MinorGC: 'gc',
  MajorGC: 'gc',
}

/** The renderer main thread's CPU time from the keydown for `wallMs`, in all and by part. */
function cpuOf(events: TraceEvent[], wallMs: number): Record<string, number> {
  const main = events.find((event) => event.name === 'EventDispatch' && event.args?.data?.type === 'keydown')
  if (!main) return {}
  const end = main.ts + wallMs * 1000
  const totals: Record<string, number> = { cpu: 0 }
  for (const event of events) {
    if (event.tid !== main.tid || event.ph !== 'X' || event.ts < main.ts - 2000 || event.ts > end) continue
    const ms = (event.tdur ?? event.dur ?? 0) / 1000
    if (event.name === 'ThreadControllerImpl::RunTask') totals.cpu = (totals.cpu ?? 0) + ms
    const part = PARTS[event.name]
    if (part) totals[part] = (totals[part] ?? 0) + ms
  }
  return totals
}

async function measure(browser: Browser, url: string): Promise<Record<string, number>> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
  try {
    await page.goto(url)
    const initial = await metric(page, 'initialRenderMs')
    await page.getByRole('searchbox').first().focus()
    await settle(page)
    if (typing) await typeOnceAndClear(page)
    if (cpu) await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline', 'blink', 'v8'] })
    await page.keyboard.press(KEYSTROKE)
    const filterMs = (await metric(page, 'filterMs')).filterMs ?? NaN
    const parts = cpu ? cpuOf(JSON.parse((await browser.stopTracing()).toString()).traceEvents as TraceEvent[], filterMs) : {}
    return { initial: initial.initialRenderMs ?? NaN, filter: filterMs, ...parts }
  } finally {
    await page.close()
  }
}

const servers = { A: await serve(resolve(checkoutA)), B: await serve(here) }
const executablePath = chromiumExecutable()
const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: chromiumArgs })
const results = { A: [] as Record<string, number>[], B: [] as Record<string, number>[] }
try {
  for (let i = 0; i < runs; i++) {
    for (const version of i % 2 === 0 ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
      results[version].push(await measure(browser, `${servers[version].resolvedUrls?.local[0]}?impl=${impls[version]}&n=${rows}`))
    }
  }
} finally {
  await browser.close()
  for (const server of Object.values(servers)) server.httpServer.close()
}
const summary = (samples: Record<string, number>[]) =>
  [...new Set(samples.flatMap((sample) => Object.keys(sample)))].map((key) => `${key} ${median(samples.map((sample) => sample[key] ?? 0)).toFixed(1)}`).join(', ')
const bFaster = results.A.filter((a, i) => (results.B[i]?.filter ?? Infinity) < (a.filter ?? NaN)).length
console.log(`${rows} rows, ${runs} pairs, ${typing ? 'keystroke while typing' : 'first keystroke'} (ms, medians)`)
console.log(`A (${impls.A}): ${summary(results.A)}`)
console.log(`B (${impls.B}): ${summary(results.B)}`)
console.log(`B's keystroke faster in ${bFaster} of ${runs} pairs`)
