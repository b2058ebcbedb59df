import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStudioHarness, type ProviderId, type StudioHarness } from './harness.ts'
import { collectPageErrors, requestsOf, stateOf, submitAndGetId } from './support.ts'

// "Request cancellation" on each provider, as its rules say (DESIGN.md, Cancel):
// - TokenLab DELETE /v1/tasks/{id}: accepted for a queued seedance task, 409 once it runs;
// - Qingbo POST /v1/tasks/{id}/cancel: accepted while queued, refused (400) once running;
// - Tripo and new-api cannot cancel: "Not supported for this model", and no request is sent.

const POLL_MS = 300

describe('Studio: cancel on each provider', () => {
  let h: StudioHarness
  beforeAll(async () => {
    h = await startStudioHarness({ timeScale: 1, seed: 51 })
  })
  afterAll(async () => {
    await h?.close()
  })

  const cancelButton = (page: Page, id: string) => h.taskCard(page, id).getByRole('button', { name: 'Request cancellation' })
  const cancelStatus = (page: Page, id: string) => h.taskCard(page, id).locator('.tk-progress__cancel-status')

  async function open(provider: ProviderId, account: string, fields: Record<string, string> = {}) {
    const page = await h.openStudio({ provider, account, poll: POLL_MS })
    for (const [label, value] of Object.entries(fields)) {
      const field = page.getByLabel(label, { exact: true })
      if ((await field.evaluate((element) => element.tagName)) === 'SELECT') await field.selectOption(value)
      else await field.fill(value)
    }
    return page
  }

  /** TokenLab cancels only queued seedance videos; the Model field is free text in the studio. */
  const seedance = { Media: '/v1/videos/generations', Model: 'seedance-2.0' }

  describe('TokenLab', () => {
    it('accepts a cancel while queued: one DELETE, and the task ends cancelled', async () => {
      const page = await open('tokenlab', 'cancel-tokenlab-queued', seedance)
      const errors = collectPageErrors(page)
      const id = await submitAndGetId(h, page, 'stop me [sim:queue=20s,run=2s,outcome=success]')
      await expect.poll(stateOf(h, page, id), { timeout: 5_000 }).toBe('queued')

      await cancelButton(page, id).click()
      await expect.poll(stateOf(h, page, id), { timeout: 5_000 }).toBe('cancelled')
      await expect.poll(() => cancelStatus(page, id).textContent()).toBe('Cancelled')
      const cancels = requestsOf(h, 'tokenlab', 'cancel', id)
      expect(cancels.map((r) => [r.method, r.status])).toEqual([['DELETE', 200]])
      // Cancelled is an ending: the result shows no media and polling stops.
      expect(await h.taskCard(page, id).locator('video, img').count()).toBe(0)
      const statusAtEnd = h.count('tokenlab', 'status', id)
      await page.waitForTimeout(POLL_MS * 4) // a window in which a poll would have gone out
      expect(h.count('tokenlab', 'status', id)).toBe(statusAtEnd)
      expect(errors).toEqual([])
      await page.close()
    })

    it('refuses a cancel once running (409): "Can\'t cancel", and the task completes and is shown completed', async () => {
      const page = await open('tokenlab', 'cancel-tokenlab-running', seedance)
      const errors = collectPageErrors(page)
      const id = await submitAndGetId(h, page, 'too late [sim:queue=0,run=4s,outcome=success]')
      await expect.poll(stateOf(h, page, id), { timeout: 5_000 }).toBe('running')

      await cancelButton(page, id).click()
      await expect.poll(() => cancelStatus(page, id).textContent(), { timeout: 5_000 }).toMatch(/^Can.t cancel/)
      expect(requestsOf(h, 'tokenlab', 'cancel', id).map((r) => [r.method, r.status])).toEqual([['DELETE', 409]])
      // A refusal is not an ending: polling goes on and the result arrives.
      await expect.poll(stateOf(h, page, id), { timeout: 15_000 }).toBe('succeeded')
      await h.taskCard(page, id).getByRole('group', { name: `Result of task ${id}` }).locator('video').first().waitFor()
      expect(errors).toEqual([])
      await page.close()
    })

    it('a model TokenLab cannot cancel (400): "Not supported for this model", and the task goes on', async () => {
      const page = await open('tokenlab', 'cancel-tokenlab-unsupported')
      const id = await submitAndGetId(h, page, 'flux cannot stop [sim:queue=3s,run=2s,outcome=success]')
      await expect.poll(stateOf(h, page, id), { timeout: 5_000 }).toBe('queued')

      await cancelButton(page, id).click()
      await expect.poll(() => cancelStatus(page, id).textContent(), { timeout: 5_000 }).toBe('Not supported for this model')
      expect(requestsOf(h, 'tokenlab', 'cancel', id).map((r) => [r.method, r.status])).toEqual([['DELETE', 400]])
      await expect.poll(stateOf(h, page, id), { timeout: 15_000 }).toBe('succeeded')
      await page.close()
    })
  })

  describe('Qingbo', () => {
    const image = { Model: 'gpt-image-1' }

    it('accepts a cancel for a queued task: one POST …/cancel, and the task ends cancelled', async () => {
      const page = await open('qingbo', 'cancel-qingbo-queued', image)
      const id = await submitAndGetId(h, page, 'stop me [sim:queue=20s,run=2s,outcome=success]')
      await expect.poll(stateOf(h, page, id), { timeout: 5_000 }).toBe('queued')

      await cancelButton(page, id).click()
      await expect.poll(stateOf(h, page, id), { timeout: 5_000 }).toBe('cancelled')
      await expect.poll(() => cancelStatus(page, id).textContent()).toBe('Cancelled')
      const cancels = requestsOf(h, 'qingbo', 'cancel', id)
      expect(cancels.map((r) => [r.method, r.path.endsWith(`/v1/tasks/${id}/cancel`), r.status])).toEqual([['POST', true, 200]])
      await page.close()
    })

    it('refuses a cancel once running: "Can\'t cancel", and the task completes', async () => {
      const page = await open('qingbo', 'cancel-qingbo-running', image)
      const id = await submitAndGetId(h, page, 'too late [sim:queue=0,run=4s,outcome=success]')
      await expect.poll(stateOf(h, page, id), { timeout: 5_000 }).toBe('running')

      await cancelButton(page, id).click()
      await expect.poll(() => cancelStatus(page, id).textContent(), { timeout: 5_000 }).toMatch(/^Can.t cancel/)
      expect(requestsOf(h, 'qingbo', 'cancel', id).map((r) => [r.method, r.status])).toEqual([['POST', 400]])
      await expect.poll(stateOf(h, page, id), { timeout: 15_000 }).toBe('succeeded')
      await h.taskCard(page, id).getByRole('group', { name: `Result of task ${id}` }).locator('img').first().waitFor()
      await page.close()
    })
  })

  const withoutCancel: { provider: ProviderId; label: string; fields: Record<string, string> }[] = [
    { provider: 'tripo', label: 'Tripo', fields: { 'Task type': 'text_to_image' } },
    { provider: 'newapi', label: 'new-api', fields: {} },
  ]
  describe.each(withoutCancel)('$label', ({ provider, fields }) => {
    it('says "Not supported for this model" and sends no cancel request', async () => {
      const page = await open(provider, `cancel-${provider}`, fields)
      const id = await submitAndGetId(h, page, 'cannot stop [sim:queue=2s,run=3s,outcome=success]')
      await expect.poll(stateOf(h, page, id), { timeout: 5_000 }).toMatch(/queued|running/)

      await cancelButton(page, id).click()
      await expect.poll(() => cancelStatus(page, id).textContent(), { timeout: 5_000 }).toBe('Not supported for this model')
      await expect.poll(stateOf(h, page, id), { timeout: 15_000 }).toBe('succeeded')
      // Nothing but the create and status (and media) requests ever reached the server for it.
      expect(h.count(provider, 'cancel')).toBe(0)
      const sent = requestsOf(h, provider).filter((r) => r.taskId === id || r.path.includes(id))
      expect(sent.filter((r) => r.method === 'DELETE' || /cancel/i.test(r.path))).toEqual([])
      await page.close()
    })
  })
})
