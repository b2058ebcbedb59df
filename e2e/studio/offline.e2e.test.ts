import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStudioHarness, type StudioHarness } from './harness.ts'
import { collectPageErrors, collectStatusAttempts, stateOf, submitAndGetId } from './support.ts'

// Offline for a while, then back (Playwright's context.setOffline): polling pauses (no status
// request is even attempted), the task card says so, and polling resumes on `online` until the
// task ends, with nothing lost, also across a reload made while offline.

const POLL_MS = 300
/** Long enough for several polls to have gone out if polling did not pause. */
const OFFLINE_WINDOW_MS = POLL_MS * 6
const OFFLINE_MESSAGE = 'Offline — will resume when you reconnect'

describe('Studio: offline for a while, then back', () => {
  let h: StudioHarness
  beforeAll(async () => {
    h = await startStudioHarness({ timeScale: 1, seed: 41 })
  })
  afterAll(async () => {
    await h?.close()
  })

  const offlineNotice = (page: Page, id: string) => h.taskCard(page, id).getByRole('status').filter({ hasText: OFFLINE_MESSAGE })

  async function expectBackOnline(context: BrowserContext, page: Page, id: string) {
    const before = h.count('tokenlab', 'status', id)
    await context.setOffline(false)
    await expect.poll(() => offlineNotice(page, id).count(), { timeout: 5_000 }).toBe(0)
    await expect.poll(() => h.count('tokenlab', 'status', id), { timeout: 5_000 }).toBeGreaterThan(before)
    await expect.poll(stateOf(h, page, id), { timeout: 15_000 }).toBe('succeeded')
    await h.taskCard(page, id).getByRole('group', { name: `Result of task ${id}` }).locator('img').first().waitFor()
  }

  it('pauses polling while offline, says so, and resumes when back until the task ends', async () => {
    const context = await h.newContext()
    const page = await h.openStudio({ provider: 'tokenlab', account: 'offline-live', poll: POLL_MS }, context)
    const errors = collectPageErrors(page)
    const id = await submitAndGetId(h, page, 'offline a while [sim:queue=0,run=5s,outcome=success]')
    await expect.poll(stateOf(h, page, id), { timeout: 5_000 }).toBe('running')
    const attempts = collectStatusAttempts(page, id)

    await context.setOffline(true)
    await offlineNotice(page, id).waitFor()
    // A request already in flight may still fail; from here on nothing is sent.
    const attemptsAtPause = attempts.length
    const serverAtPause = h.count('tokenlab', 'status', id)
    await page.waitForTimeout(OFFLINE_WINDOW_MS) // a window in which polls would have gone out
    expect(attempts.length).toBe(attemptsAtPause)
    expect(h.count('tokenlab', 'status', id)).toBe(serverAtPause)
    // Offline is not an ending: the task is still shown as in progress.
    expect(await h.taskState(page, id)).toBe('running')

    await expectBackOnline(context, page, id)
    expect(h.count('tokenlab', 'create')).toBe(1)
    expect(errors).toEqual([])
    await context.close()
  })

  it('after a reload made while offline, the task is still there and resumes when back', async () => {
    const context = await h.newContext()
    const page = await h.openStudio({ provider: 'tokenlab', account: 'offline-reload', poll: POLL_MS }, context)
    const errors = collectPageErrors(page)
    const creates = h.count('tokenlab', 'create')
    const id = await submitAndGetId(h, page, 'reload offline [sim:queue=0,run=5s,outcome=success]')
    await expect.poll(stateOf(h, page, id), { timeout: 5_000 }).toBe('running')

    await context.setOffline(true)
    // The app's own files come from a cache while offline (as a service worker would serve
    // them); the simulator stays unreachable. Chromium sees such a page as public, so it needs the
    // permission to call the simulator on 127.0.0.1 once back online (Local Network Access).
    await context.grantPermissions(['local-network-access'])
    await context.route(`${h.studioUrl}**`, async (route) => route.fulfill({ response: await route.fetch() }))
    const attempts = collectStatusAttempts(page, id)
    await page.reload()
    await page.getByRole('heading', { level: 1, name: 'TaskKit Studio' }).waitFor()

    // Resumed from storage, not lost: the card is back and says it waits for the network.
    await offlineNotice(page, id).waitFor()
    await page.waitForTimeout(OFFLINE_WINDOW_MS) // a window in which polls would have gone out
    expect(attempts).toEqual([])

    await context.unroute(`${h.studioUrl}**`)
    await expectBackOnline(context, page, id)
    expect(h.count('tokenlab', 'create') - creates).toBe(1)
    expect(errors).toEqual([])
    await context.close()
  })
})
