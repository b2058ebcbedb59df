import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from './harness.ts'

// Real Chromium, real HTTP, a real reload: the promises a user relies on most.
describe('resume after reload and one poller across tabs', () => {
  let h: Harness
  beforeAll(async () => {
    // Slow enough that the task is still running after a reload, fast enough for a test.
    h = await startHarness({ timeScale: 4, seed: 11 })
  }, 60_000)
  afterAll(async () => {
    await h?.close()
  })

  it('resumes a task after a reload mid-task without a second create request', async () => {
    const page = await h.context.newPage()
    await page.goto(h.pageUrl({ account: 'reload', prompt: 'a slow video [sim:kind=video]' }))
    await page.getByRole('button', { name: 'Create' }).click()
    const task = page.getByTestId('task')
    await task.first().waitFor()
    const id = await task.first().getAttribute('data-task-id')
    expect(await task.first().getAttribute('data-state')).toMatch(/queued|running|none/)

    await page.reload()
    const resumed = page.locator(`[data-testid="task"][data-task-id="${id}"]`)
    await resumed.waitFor()
    await expect.poll(() => resumed.getAttribute('data-watch'), { timeout: 10_000 }).toBe('watching')
    expect(h.count('create')).toBe(1)
    await page.close()
  }, 60_000)

  it('two tabs on one task produce one stream of status requests', async () => {
    const first = await h.context.newPage()
    const query = { account: 'tabs', interval: '500', prompt: 'never ends [sim:never-finish]' }
    await first.goto(h.pageUrl(query))
    await first.getByRole('button', { name: 'Create' }).click()
    const firstTask = first.getByTestId('task').first()
    await firstTask.waitFor()
    const id = await firstTask.getAttribute('data-task-id')

    const second = await h.context.newPage()
    await second.goto(h.pageUrl(query))
    const secondTask = second.locator(`[data-testid="task"][data-task-id="${id}"]`)
    await secondTask.waitFor()
    await expect.poll(() => secondTask.getAttribute('data-watch')).toBe('following')

    const before = h.count('status')
    await first.waitForTimeout(5_000)
    const polls = h.count('status') - before
    // One stream at 0.5 s is about 10 requests in 5 s; two would be about 20.
    expect(polls).toBeGreaterThanOrEqual(5)
    expect(polls).toBeLessThanOrEqual(13)

    // The follower takes over when the leader's tab closes.
    await first.close()
    await expect.poll(() => secondTask.getAttribute('data-watch'), { timeout: 10_000 }).toBe('watching')
    await second.close()
  }, 60_000)

  it('after the task ends, neither tab polls again, also when the leading tab closes', async () => {
    const query = { account: 'ending', interval: '300', prompt: 'quick [sim:queue=0,run=24s]' }
    const first = await h.context.newPage()
    await first.goto(h.pageUrl(query))
    await first.getByRole('button', { name: 'Create' }).click()
    await first.getByTestId('task').first().waitFor()
    const id = await first.getByTestId('task').first().getAttribute('data-task-id')
    const second = await h.context.newPage()
    await second.goto(h.pageUrl(query))
    const row = (page: typeof first) => page.locator(`[data-testid="task"][data-task-id="${id}"]`)
    await row(second).waitFor()
    await expect.poll(() => row(first).getAttribute('data-state'), { timeout: 20_000 }).toBe('succeeded')
    await expect.poll(() => row(second).getAttribute('data-state'), { timeout: 5_000 }).toBe('succeeded')
    // The follower stops waiting for the leader's lock once it hears the end.
    await expect.poll(() => row(second).getAttribute('data-watch'), { timeout: 5_000 }).toBe('stopped')
    const settled = h.count('status')
    await first.close()
    await second.waitForTimeout(2_000)
    expect(h.count('status')).toBe(settled)
    await second.close()
  }, 60_000)
})
