import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startStudioHarness, type ProviderId, type StudioHarness } from './harness.ts'

// The TaskKit Studio example as a user drives it, in Chromium, against the simulator's HTTP server:
// submit to a rendered result on each provider, then a reload at every step of a task's life.
// Task times come from prompt tags (task time at timeScale 1) and the studio polls every 400 ms.

interface Journey {
  provider: ProviderId
  label: string
  /** Fields to set by label before the prompt (selects). */
  fields?: Record<string, string>
  /** What the rendered result must contain. */
  media: { selector: string; kind: string }
}

const JOURNEYS: readonly Journey[] = [
  { provider: 'tokenlab', label: 'TokenLab', media: { selector: 'img', kind: 'image' } },
  { provider: 'tripo', label: 'Tripo', fields: { 'Task type': 'text_to_model' }, media: { selector: 'model-viewer', kind: 'model3d' } },
  { provider: 'qingbo', label: 'Qingbo', fields: { Model: 'veo3' }, media: { selector: 'video', kind: 'video' } },
  { provider: 'newapi', label: 'new-api', fields: { Media: '/suno/submit/music' }, media: { selector: 'audio', kind: 'audio' } },
]

/** A task that queues briefly, runs briefly and succeeds. */
const quick = (extra = '') => `[sim:queue=1s,run=2s,outcome=success${extra}]`

async function submitAndGetId(h: StudioHarness, page: Page, prompt: string): Promise<string> {
  await h.generate(page, prompt)
  const card = h.taskCards(page).first()
  await card.waitFor()
  const id = await card.getAttribute('data-task-id')
  if (!id) throw new Error('task card without an id')
  return id
}

const stateOf = (h: StudioHarness, page: Page, id: string) => () => h.taskState(page, id)

/** How many history rows show this task: one "Copy task ID" button per row (table or cards). */
const historyRows = (page: Page, id: string) =>
  page.getByRole('region', { name: 'Task history' }).getByRole('button', { name: `Copy task ID ${id}`, exact: true }).count()

/** Submits, waits for `state`, reloads, and follows the same task to its rendered result. */
async function reloadMidTask(h: StudioHarness, journey: Journey, tags: string, state: string) {
  const { provider, fields, media } = journey
  const page = await h.openStudio({ provider, account: `reload-${state}-${provider}` })
  for (const [field, value] of Object.entries(fields ?? {})) await page.getByLabel(field, { exact: true }).selectOption(value)
  const id = await submitAndGetId(h, page, `reload me ${tags}`)
  await expect.poll(stateOf(h, page, id), { timeout: 5_000 }).toBe(state)
  const statusBefore = h.count(provider, 'status', id) + h.count(provider, 'list')
  await page.reload()

  const card = h.taskCard(page, id)
  await card.waitFor()
  expect(await h.taskCards(page).count()).toBe(1)
  // Polling resumed (a status request, or a batch/list request that reads it) and the task ends on its own.
  await expect.poll(() => h.count(provider, 'status', id) + h.count(provider, 'list'), { timeout: 6_000 }).toBeGreaterThan(statusBefore)
  await expect.poll(stateOf(h, page, id), { timeout: 15_000 }).toBe('succeeded')
  const result = card.getByRole('group', { name: `Result of task ${id}` })
  await expect.poll(() => result.locator(`[data-kind="${media.kind}"] ${media.selector}`).count(), { timeout: 10_000 }).toBeGreaterThan(0)
  await expect.poll(() => historyRows(page, id), { timeout: 5_000 }).toBe(1)
  await page.close()
}

async function setTheme(page: Page, theme: 'light' | 'dark') {
  const toggle = page.getByRole('button', { name: 'Dark theme' })
  if ((await toggle.getAttribute('aria-pressed')) !== String(theme === 'dark')) await toggle.click()
  await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe(theme)
}

/** Screenshots in both themes (e2e/artifacts/studio/<name>-light|dark.png), axe-checked in each. */
async function screenshotBothThemes(h: StudioHarness, page: Page, name: string) {
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme)
    await h.screenshot(page, `${name}-${theme}`)
    expect(await h.accessibilityViolations(page), `${name} (${theme})`).toEqual([])
  }
  await setTheme(page, 'light')
}

describe('TaskKit Studio journeys', () => {
  let h: StudioHarness
  beforeAll(async () => {
    h = await startStudioHarness({ timeScale: 1, seed: 21 })
  })
  afterAll(async () => {
    await h?.close()
  })

  describe.each(JOURNEYS)('$label', ({ provider, label, fields, media }) => {
    it('goes from a prompt to a rendered result with one create request', async () => {
      const creates = h.count(provider, 'create')
      const page = await h.openStudio({ provider, account: `journey-${provider}`, theme: 'light' })
      await expect.poll(() => page.getByRole('heading', { level: 2, name: `Generate with ${label}` }).count()).toBe(1)
      for (const [field, value] of Object.entries(fields ?? {})) await page.getByLabel(field, { exact: true }).selectOption(value)
      if (provider === 'tokenlab') await screenshotBothThemes(h, page, 'studio-start')

      const id = await submitAndGetId(h, page, `a lighthouse at dusk ${quick()}`)
      const card = h.taskCard(page, id)
      await expect(card.getByRole('group', { name: `Status of task ${id}` }).count()).resolves.toBe(1)
      if (provider === 'tokenlab') {
        await expect.poll(stateOf(h, page, id), { timeout: 5_000 }).toMatch(/queued|running/)
        await screenshotBothThemes(h, page, 'studio-in-progress')
      }

      await expect.poll(stateOf(h, page, id), { timeout: 15_000 }).toBe('succeeded')
      const result = card.getByRole('group', { name: `Result of task ${id}` })
      const item = result.locator(`[data-kind="${media.kind}"]`).first()
      await item.waitFor()
      await expect.poll(() => item.locator(media.selector).count(), { timeout: 10_000 }).toBeGreaterThan(0)
      if (media.selector !== 'model-viewer') {
        // The media element points at the simulator's served file over http(s).
        const src = await item.locator(media.selector).first().getAttribute('src')
        expect(src).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//)
      }
      await expect.poll(() => historyRows(page, id), { timeout: 5_000 }).toBe(1)
      await screenshotBothThemes(h, page, `studio-${provider}-done`)
      expect(h.count(provider, 'create') - creates).toBe(1)
      await page.close()
    })
  })

  describe('a reload at every step never sends a second create', () => {
    const provider: ProviderId = 'tokenlab'
    let creates = 0
    const newCreates = () => h.count(provider, 'create') - creates

    it('before the create answer: the job shows as "outcome unknown" and is not re-sent', async () => {
      creates = h.count(provider, 'create')
      const page = await h.openStudio({ provider, account: 'reload-creating' })
      h.slowCreates(provider, 2_000)
      await h.generate(page, `slow create ${quick()}`)
      await page.getByRole('button', { name: 'Submitting…' }).waitFor()
      await expect.poll(newCreates).toBe(1)
      await page.reload()

      const job = page.locator('article[data-state="outcome-unknown"]')
      await job.waitFor()
      await expect(job.getByRole('button', { name: /^Forget job / }).count()).resolves.toBe(1)
      expect(await h.taskCards(page).count()).toBe(0)
      await h.screenshot(page, 'studio-outcome-unknown-light')
      // Past the delayed answer: still one create on the server, and nothing re-sent.
      await page.waitForTimeout(2_500)
      expect(newCreates()).toBe(1)
      // The server made the task, but the page never learnt its id: it is neither polled nor listed.
      const madeId = h.simulator.simulators[provider]?.requests.filter((r) => r.kind === 'create').at(-1)?.taskId
      expect(madeId).toBeTruthy()
      expect(h.count(provider, 'status', madeId)).toBe(0)
      expect(await historyRows(page, madeId!)).toBe(0)
      await page.close()
    })

    it.each([
      { step: 'while queued', prompt: '[sim:queue=4s,run=2s,outcome=success]', state: 'queued' },
      { step: 'while running', prompt: '[sim:queue=0,run=6s,outcome=success]', state: 'running' },
    ])('$step: the task resumes and ends once in the history', async ({ prompt, state }) => {
      creates = h.count(provider, 'create')
      await reloadMidTask(h, JOURNEYS[0]!, prompt, state)
      expect(newCreates()).toBe(1)
    })

    // The other adapters resume too (their own status routes and poll URLs).
    it.each(JOURNEYS.slice(1))('while running on $label: the task resumes to its result', async (journey) => {
      const before = h.count(journey.provider, 'create')
      await reloadMidTask(h, journey, '[sim:queue=0,run=5s,outcome=success]', 'running')
      expect(h.count(journey.provider, 'create') - before).toBe(1)
    })

    it('after it is done: the task stays in the history, once, and is not polled again', async () => {
      creates = h.count(provider, 'create')
      const page = await h.openStudio({ provider, account: 'reload-done' })
      const id = await submitAndGetId(h, page, `done already [sim:queue=0,run=1s,outcome=success]`)
      await expect.poll(stateOf(h, page, id), { timeout: 10_000 }).toBe('succeeded')
      const statusBefore = h.count(provider, 'status', id)
      await page.reload()

      await expect.poll(() => historyRows(page, id), { timeout: 5_000 }).toBe(1)
      // A settled task leaves the board for the history.
      expect(await h.taskCards(page).count()).toBe(0)
      await page.waitForTimeout(1_000)
      expect(h.count(provider, 'status', id)).toBe(statusBefore)
      expect(newCreates()).toBe(1)
      await page.close()
    })
  })

  it('keeps two accounts of one browser apart', async () => {
    const creates = h.count('qingbo', 'create')
    const page = await h.openStudio({ provider: 'qingbo', account: 'ann' })
    const id = await submitAndGetId(h, page, `ann's long video [sim:queue=0,run=60s,outcome=success]`)
    const switchTo = async (account: string) => {
      await page.getByRole('textbox', { name: 'Account' }).fill(account)
      await page.getByRole('button', { name: 'Switch account' }).click()
      await page.getByText(`Signed in as ${account}`).waitFor()
    }
    await switchTo('ben')
    await page.getByText('No task yet').waitFor()
    expect(await h.taskCards(page).count()).toBe(0)
    // Ann's task is still hers after a reload as Ben and back: resumed, not created again.
    await page.reload()
    await switchTo('ann')
    await h.taskCard(page, id).waitFor()
    expect(h.count('qingbo', 'create') - creates).toBe(1)
    await page.close()
  })

  it('uses a real provider’s key from memory only: not stored, not in the URL, not logged', async () => {
    const secret = 'sk-live-do-not-leak-4242'
    const context = await h.newContext()
    const page = await h.openStudio({ provider: 'tokenlab', account: 'keyholder' }, context)
    const consoleText: string[] = []
    page.on('console', (message) => consoleText.push(message.text()))
    const authorizations: string[] = []
    page.on('request', (request) => {
      const authorization = request.headers().authorization
      if (authorization) authorizations.push(authorization)
    })

    // The simulator's TokenLab mount stands in for the real API: it takes any key.
    await page.getByRole('radio', { name: 'Real provider' }).check()
    await page.getByRole('textbox', { name: 'Base URL' }).fill(`${h.simulator.url}/tokenlab`)
    await page.getByLabel('API key').fill(secret)
    await page.getByRole('button', { name: 'Connect' }).click()
    await page.getByText('with a key in memory').waitFor()
    expect(await page.getByLabel('API key').inputValue()).toBe('')

    const id = await submitAndGetId(h, page, `with my own key ${quick()}`)
    await expect.poll(stateOf(h, page, id), { timeout: 15_000 }).toBe('succeeded')
    expect(authorizations.length).toBeGreaterThan(1)
    expect(new Set(authorizations)).toEqual(new Set([`Bearer ${secret}`]))

    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + document.cookie)
    expect(stored).toContain(id)
    expect(stored).not.toContain(secret)
    expect(page.url()).not.toContain(secret)
    expect(consoleText.join('\n')).not.toContain(secret)

    // A reload forgets the key and goes back to the simulator.
    await page.reload()
    await page.getByText('Connected to the simulator.').waitFor()
    expect(await h.taskCards(page).count()).toBe(0)
    await context.close()
  })
})
