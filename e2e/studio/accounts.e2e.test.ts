import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStudioHarness, type StudioHarness } from './harness.ts'
import { collectPageErrors, collectStatusAttempts, stateOf, submitAndGetId } from './support.ts'

// Two accounts in one browser profile (same localStorage): the second account never sees, polls
// or lists the first account's pending task, whether it opens the studio in another tab or the
// same tab switches account; switching back resumes the task.

const POLL_MS = 300
/** Long enough for several polls to have gone out if the task were still watched. */
const QUIET_WINDOW_MS = POLL_MS * 6

describe('Studio: a second account in the same browser', () => {
  let h: StudioHarness
  beforeAll(async () => {
    h = await startStudioHarness({ timeScale: 1, seed: 81 })
  })
  afterAll(async () => {
    await h?.close()
  })

  const history = (page: Page) => page.getByRole('region', { name: 'Task history' })
  const historyRows = (page: Page, id: string) => history(page).getByRole('button', { name: `Copy task ID ${id}`, exact: true }).count()
  /** The history has loaded (empty or with rows), so "no row" means something. */
  const historySettled = (page: Page) =>
    expect.poll(() => history(page).getAttribute('data-state'), { timeout: 5_000 }).toMatch(/^(empty|ready)$/)

  async function switchAccount(page: Page, account: string) {
    await page.getByLabel('Account', { exact: true }).fill(account)
    await page.getByRole('button', { name: 'Switch account' }).click()
    await page.getByText(`Signed in as ${account}`).waitFor()
  }

  it("never shows, polls or lists the first account's pending task; switching back resumes it", async () => {
    const context = await h.newContext()
    const annPage = await h.openStudio({ provider: 'tokenlab', account: 'ann', poll: POLL_MS }, context)
    const errors = collectPageErrors(annPage)
    const id = await submitAndGetId(h, annPage, "ann's lighthouse [sim:queue=0,run=10s,outcome=success]")
    await expect.poll(stateOf(h, annPage, id), { timeout: 5_000 }).toBe('running')
    await expect.poll(() => historyRows(annPage, id), { timeout: 5_000 }).toBe(1)

    // Another tab opened as bob: nothing of ann's, and no status request for her task from it.
    const bobPage = await context.newPage()
    const bobAttempts = collectStatusAttempts(bobPage, id)
    await bobPage.goto(h.url({ provider: 'tokenlab', account: 'bob', poll: POLL_MS }))
    await bobPage.getByText('Signed in as bob').waitFor()
    await historySettled(bobPage)
    await bobPage.waitForTimeout(QUIET_WINDOW_MS) // a window in which a resumed task would be polled
    expect(await h.taskCards(bobPage).count()).toBe(0)
    expect(await historyRows(bobPage, id)).toBe(0)
    expect(bobAttempts).toEqual([])
    await bobPage.close()

    // The same tab switches to bob: ann's card goes, and her task is no longer polled.
    await switchAccount(annPage, 'bob')
    await expect.poll(() => h.taskCards(annPage).count()).toBe(0)
    await historySettled(annPage)
    expect(await historyRows(annPage, id)).toBe(0)
    const statusWhileBob = h.count('tokenlab', 'status', id)
    await annPage.waitForTimeout(QUIET_WINDOW_MS) // a window in which polls would have gone out
    expect(h.count('tokenlab', 'status', id)).toBe(statusWhileBob)

    // Back to ann: her pending task is resumed (no new create) and finishes.
    await switchAccount(annPage, 'ann')
    await h.taskCard(annPage, id).waitFor()
    await expect.poll(() => h.count('tokenlab', 'status', id), { timeout: 5_000 }).toBeGreaterThan(statusWhileBob)
    await expect.poll(stateOf(h, annPage, id), { timeout: 15_000 }).toBe('succeeded')
    await expect.poll(() => historyRows(annPage, id), { timeout: 5_000 }).toBe(1)
    expect(h.count('tokenlab', 'create')).toBe(1)
    expect(errors).toEqual([])
    await context.close()
  })
})
