import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import type { Clock } from '@taskkit/testing'
import type { ProviderId, RequestKind, StudioHarness } from './harness.ts'

/**
 * Small helpers shared by the studio journeys (tabs, offline, cancel, faults, expired, accounts),
 * on top of harness.ts. Task times come from prompt tags; the studio polls every `poll` ms.
 */

/** Presses Generate and returns the id of the new task card (the newest card comes first). */
export async function submitAndGetId(h: StudioHarness, page: Page, prompt: string): Promise<string> {
  const ids = () => h.taskCards(page).evaluateAll((cards) => cards.map((card) => card.getAttribute('data-task-id') ?? ''))
  const before = new Set(await ids())
  await h.generate(page, prompt)
  let id: string | undefined
  await expect.poll(async () => (id = (await ids()).find((candidate) => candidate && !before.has(candidate))), { timeout: 10_000 }).toBeTruthy()
  return id!
}

/** For `expect.poll`: the card's `data-state`, or null when the card is not on the page. */
export const stateOf = (h: StudioHarness, page: Page, id: string) => () => h.taskState(page, id)

/** The requests the simulator recorded for a provider (with their simulator-clock time `at`). */
export function requestsOf(h: StudioHarness, provider: ProviderId, kind?: RequestKind, taskId?: string) {
  const requests = h.simulator.simulators[provider]?.requests ?? []
  return requests.filter((r) => (kind === undefined || r.kind === kind) && (taskId === undefined || r.taskId === taskId))
}

/** Collects uncaught page errors (a crash of the app shows up here). */
export function collectPageErrors(page: Page): Error[] {
  const errors: Error[] = []
  page.on('pageerror', (error) => errors.push(error))
  return errors
}

/**
 * Status requests the page *tried* to send for a task (Playwright sees them even when they fail,
 * offline), by URL: `/tasks/<id>`, `/task/<id>`, `/generations/<id>`, `/fetch/<id>`.
 */
export function collectStatusAttempts(page: Page, id: string): string[] {
  const attempts: string[] = []
  page.on('request', (request) => {
    const url = request.url()
    if (request.method() === 'GET' && url.includes(`/${encodeURIComponent(id)}`) && !url.includes('/media/')) attempts.push(url)
  })
  return attempts
}

/** A simulator clock that a test can move forward (links expire by the simulator's clock). */
export function skewableClock(): Clock & { skewMs: number } {
  const clock = {
    skewMs: 0,
    now: () => Date.now() + clock.skewMs,
  }
  return clock
}
