import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStudioHarness, type StudioHarness } from './harness.ts'
import { stateOf, submitAndGetId } from './support.ts'

// Two tabs of one browser profile on the same account watch the same task: one tab polls (Web
// Locks) and the other follows over a BroadcastChannel, so the server sees one stream of status
// requests, and both tabs show how the task ends.

const POLL_MS = 300
const WINDOW_MS = 3_000

describe('Studio: two tabs on the same account', () => {
  let h: StudioHarness
  beforeAll(async () => {
    h = await startStudioHarness({ timeScale: 1, seed: 31 })
  })
  afterAll(async () => {
    await h?.close()
  })

  it('sends one stream of status requests and updates both tabs to the final state', async () => {
    const context = await h.newContext()
    const query = { provider: 'tokenlab', account: 'two-tabs', poll: POLL_MS } as const
    const first = await h.openStudio(query, context)
    const id = await submitAndGetId(h, first, 'two tabs [sim:queue=1s,run=7s,outcome=success]')

    // The second tab resumes the account's pending task from storage.
    const second = await h.openStudio(query, context)
    await h.taskCard(second, id).waitFor()
    await expect.poll(stateOf(h, second, id), { timeout: 5_000 }).toMatch(/queued|running/)

    // Over a window, the server gets about one tab's worth of status requests, not two.
    const before = h.count('tokenlab', 'status', id)
    await first.waitForTimeout(WINDOW_MS) // a measurement window, not a wait for something
    const inWindow = h.count('tokenlab', 'status', id) - before
    const oneTab = WINDOW_MS / POLL_MS
    expect(inWindow).toBeGreaterThanOrEqual(oneTab / 3)
    expect(inWindow).toBeLessThanOrEqual(oneTab * 1.4)

    // Both tabs reach the end, each with the result rendered.
    for (const page of [first, second]) {
      await expect.poll(stateOf(h, page, id), { timeout: 15_000 }).toBe('succeeded')
      await h.taskCard(page, id).getByRole('group', { name: `Result of task ${id}` }).locator('img').first().waitFor()
    }
    // The stream stops at the end: no tab keeps polling a settled task.
    const atEnd = h.count('tokenlab', 'status', id)
    await first.waitForTimeout(POLL_MS * 4) // a window in which a poll would have gone out
    expect(h.count('tokenlab', 'status', id)).toBe(atEnd)
    await context.close()
  })

  it('when the polling tab closes, the other tab takes over and sees the task end', async () => {
    const context = await h.newContext()
    const query = { provider: 'tokenlab', account: 'tab-takeover', poll: POLL_MS } as const
    const first = await h.openStudio(query, context)
    const id = await submitAndGetId(h, first, 'hand over [sim:queue=0,run=6s,outcome=success]')
    const second = await h.openStudio(query, context)
    await expect.poll(stateOf(h, second, id), { timeout: 5_000 }).toBe('running')

    await first.close()
    const atClose = h.count('tokenlab', 'status', id)
    await expect.poll(() => h.count('tokenlab', 'status', id), { timeout: 5_000 }).toBeGreaterThan(atClose + 2)
    await expect.poll(stateOf(h, second, id), { timeout: 15_000 }).toBe('succeeded')
    await h.taskCard(second, id).getByRole('group', { name: `Result of task ${id}` }).locator('img').first().waitFor()
    await context.close()
  })
})
