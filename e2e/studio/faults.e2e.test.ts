import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startStudioHarness, type StudioHarness } from './harness.ts'
import { collectPageErrors, requestsOf, stateOf, submitAndGetId } from './support.ts'

// Each simulator fault on the status route, in the studio: a clear message on screen, no crash
// (no page error, the app still responds), and the task recovers and finishes; a task completed
// without output is shown as a failure with its support info.

const POLL_MS = 300

describe('Studio: simulator faults', () => {
  let h: StudioHarness
  let page: Page
  let errors: Error[]
  beforeAll(async () => {
    h = await startStudioHarness({ timeScale: 1, seed: 61 })
  })
  afterEach(async () => {
    h.simulator.simulators.tokenlab?.setFaults([])
    await page?.close()
  })
  afterAll(async () => {
    await h?.close()
  })

  async function open(account: string) {
    const context = await h.newContext()
    await context.grantPermissions(['clipboard-read', 'clipboard-write'])
    page = await h.openStudio({ provider: 'tokenlab', account, poll: POLL_MS }, context)
    errors = collectPageErrors(page)
    return page
  }

  const watchError = (id: string) => h.taskCard(page, id).locator('.tk-progress__watch-error')

  /** The app still answers the user: the theme switch works. */
  async function expectAppResponds() {
    const before = await page.locator('html').getAttribute('data-theme')
    await page.getByRole('button', { name: 'Dark theme' }).click()
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).not.toBe(before)
  }

  async function expectRecovered(id: string) {
    await expect.poll(stateOf(h, page, id), { timeout: 15_000 }).toBe('succeeded')
    await h.taskCard(page, id).getByRole('group', { name: `Result of task ${id}` }).locator('img').first().waitFor()
    await expect.poll(() => watchError(id).count()).toBe(0)
    expect(errors).toEqual([])
  }

  it.each([
    { fault: 'server-error', what: '5xx', message: /server error/i },
    { fault: 'drop', what: 'dropped connection', message: /Could not reach tokenlab/ },
    { fault: 'malformed-json', what: 'malformed JSON', message: /not JSON/ },
  ])('$what: a message while it lasts, then the task finishes', async ({ fault, message }) => {
    await open(`fault-${fault}`)
    const id = await submitAndGetId(h, page, `faulty [sim:queue=0,run=3s,outcome=success,${fault}=3]`)

    await expect.poll(() => watchError(id).count(), { timeout: 5_000 }).toBe(1)
    expect(await watchError(id).textContent()).toMatch(message)
    await expectAppResponds()
    await expectRecovered(id)
    // The fault really happened, three times, and polling went on after it.
    const statuses = requestsOf(h, 'tokenlab', 'status', id)
    expect(statuses.filter((r) => r.faults?.includes(fault as never)).length).toBe(3)
    expect(statuses.at(-1)?.status).toBe(200)
  })

  it('429 with Retry-After: says so, and the next status request waits at least Retry-After', async () => {
    const retryAfterSeconds = 3
    await open('fault-rate-limit')
    const id = await submitAndGetId(h, page, 'rate limited [sim:queue=0,run=5s,outcome=success]')
    await expect.poll(stateOf(h, page, id), { timeout: 5_000 }).toBe('running')
    h.simulator.simulators.tokenlab?.setFaults([{ fault: 'rate-limit', count: 1, routes: ['status'], retryAfterSeconds }])

    await expect.poll(() => watchError(id).count(), { timeout: 5_000 }).toBe(1)
    expect(await watchError(id).textContent()).toMatch(/rate limit/i)
    await expectAppResponds()
    await expectRecovered(id)

    const statuses = requestsOf(h, 'tokenlab', 'status', id)
    const limited = statuses.findIndex((r) => r.status === 429)
    expect(limited).toBeGreaterThan(-1)
    const next = statuses[limited + 1]
    expect(next).toBeDefined()
    expect(next!.at - statuses[limited]!.at).toBeGreaterThanOrEqual(retryAfterSeconds * 1000)
  })

  it('unknown status: shown as "Status unknown" with the provider word, polled on, then finishes', async () => {
    await open('fault-unknown-status')
    const id = await submitAndGetId(h, page, 'odd status [sim:queue=0,run=3s,outcome=success,unknown-status=4]')

    await expect.poll(stateOf(h, page, id), { timeout: 5_000 }).toBe('unknown')
    const progress = h.taskCard(page, id).getByRole('group', { name: `Status of task ${id}` })
    // The provider's own word stays visible beside the label (the simulator's undocumented words).
    await expect.poll(() => progress.textContent()).toMatch(/Status unknown\s*\(?(queued_upstream|pending_review|reviewing)/i)
    await expectAppResponds()
    await expectRecovered(id)
  })

  it('completed without output: shown as a failure ("Final media URL missing") with the support info', async () => {
    await open('fault-no-output')
    const id = await submitAndGetId(h, page, 'nothing came out [sim:queue=0,run=2s,no-output]')

    await expect.poll(stateOf(h, page, id), { timeout: 10_000 }).toBe('failed')
    const result = h.taskCard(page, id).getByRole('group', { name: `Result of task ${id}` })
    await expect.poll(() => result.textContent()).toMatch(/Final media URL missing/)
    expect(await result.locator('img, video, audio').count()).toBe(0)

    await result.getByRole('button', { name: 'Copy support info' }).click()
    const support = result.locator('.tk-result__support')
    await expect.poll(() => support.getAttribute('data-state')).toMatch(/copied|manual/)
    const packet =
      (await support.getAttribute('data-state')) === 'copied'
        ? await page.evaluate(() => navigator.clipboard.readText())
        : await support.locator('textarea').inputValue()
    expect(packet).toContain(id)
    expect(packet).not.toMatch(/https?:\/\//)
    await expectAppResponds()
    expect(errors).toEqual([])
  })
})
