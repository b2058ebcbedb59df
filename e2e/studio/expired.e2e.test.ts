import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStudioHarness, type StudioHarness } from './harness.ts'
import { collectPageErrors, requestsOf, skewableClock, stateOf, submitAndGetId } from './support.ts'

// Tripo's result links are signed for five minutes (`?auth_key=<expiry>-<sig>`; the simulator's
// media route answers 403 after that, by the simulator's clock). The studio's TaskResult re-fetches
// the task shortly before a link expires, without the user doing anything, and shows the fresh URL.
// Five minutes pass in no time: the simulator runs on a clock the test moves forward, and the page
// on Playwright's clock (installed before the page loads, it flows normally until fast-forwarded).

const POLL_MS = 300
const LINK_LIFETIME_MS = 5 * 60_000

describe('Studio: an expired result link is refreshed without user action', () => {
  const clock = skewableClock()
  let h: StudioHarness
  beforeAll(async () => {
    h = await startStudioHarness({ timeScale: 1, seed: 71, clock })
  })
  afterAll(async () => {
    await h?.close()
  })

  it('Tripo: the task is re-fetched before its link expires and the image gets a fresh working URL', async () => {
    const context = await h.newContext()
    await context.clock.install()
    const page = await h.openStudio({ provider: 'tripo', account: 'expiring-links', poll: POLL_MS }, context)
    const errors = collectPageErrors(page)
    await page.getByLabel('Task type', { exact: true }).selectOption('text_to_image')
    const id = await submitAndGetId(h, page, 'short-lived link [sim:queue=0,run=2s,outcome=success]')
    await expect.poll(stateOf(h, page, id), { timeout: 10_000 }).toBe('succeeded')

    const image = h.taskCard(page, id).getByRole('group', { name: `Result of task ${id}` }).locator('img').first()
    await image.waitFor()
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 5_000 }).toBe(true)
    const oldSrc = await image.getAttribute('src')
    expect(oldSrc).toMatch(/[?&]auth_key=/)
    const statusBefore = h.count('tripo', 'status', id)

    // Five minutes later for both clocks: the old link is dead on the server ...
    clock.skewMs += LINK_LIFETIME_MS + 1_000
    expect((await fetch(oldSrc!)).status).toBe(403)
    const mediaBefore = requestsOf(h, 'tripo', 'media', id).length
    // ... and the page's refresh-ahead timer comes due.
    await context.clock.fastForward(LINK_LIFETIME_MS)

    // The task was fetched again, and the image now points at a new, working signed URL.
    await expect.poll(() => h.count('tripo', 'status', id), { timeout: 5_000 }).toBeGreaterThan(statusBefore)
    await expect.poll(() => image.getAttribute('src'), { timeout: 5_000 }).not.toBe(oldSrc)
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 5_000 }).toBe(true)
    const newMedia = requestsOf(h, 'tripo', 'media', id).slice(mediaBefore)
    expect(newMedia.length).toBeGreaterThan(0)
    expect(newMedia.every((r) => r.status === 200 || r.status === 206)).toBe(true)
    expect((await fetch((await image.getAttribute('src'))!)).status).toBe(200)
    // Nothing on screen asks the user to act.
    expect(await h.taskCard(page, id).getByText('Link expired').count()).toBe(0)
    expect(errors).toEqual([])
    await context.close()
  })
})
