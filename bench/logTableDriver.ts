import type { Page } from 'playwright-core'
import type { BenchMetrics } from './logTable/main.tsx'

/**
 * How the log table benches (`logTable.ts`, `logTableAB.ts`) drive the bench page (bench/logTable/):
 * wait for what the page measured, let it settle, and type in its task-id search.
 */

/** Typed into the task-id search: it matches a part of the ids, so the table really changes. */
export const KEYSTROKE = '7'

/** Waits for a metric the page sets once a frame has painted, and returns all of them. */
export async function metric(page: Page, name: keyof BenchMetrics, timeout?: number): Promise<BenchMetrics> {
  const handle = await page.waitForFunction((key) => window.__bench[key] !== undefined && window.__bench, name, { timeout })
  return (await handle.jsonValue()) as BenchMetrics
}

/** Typing starts on a settled page: the keystroke is timed, not what earlier work left running. */
export function settle(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 2000 })))
}

/**
 * Types the key into the focused search and waits for the filtered table's paint; returns the
 * first keystroke's metrics. Then, as framework benchmarks warm up before they time an operation,
 * clears the field again and settles, so the next keystroke is timed as typing, not as the first
 * run of every code path.
 */
export async function typeOnceAndClear(page: Page, timeout?: number): Promise<BenchMetrics> {
  await page.keyboard.press(KEYSTROKE)
  const first = await metric(page, 'filterMs', timeout)
  await page.keyboard.press('Backspace')
  await metric(page, 'clearMs', timeout)
  await page.evaluate(() => (window.__bench.filterMs = undefined))
  await settle(page)
  return first
}

/** The middle value (the upper one of an even count); NaN for none. */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN
}
