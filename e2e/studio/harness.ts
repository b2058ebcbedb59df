import { mkdir } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { createServer, type ViteDevServer } from 'vite'
import { startSimulatorServer, type SimulatorServer } from '@taskkit/testing/server'
import { chromiumArgs, chromiumExecutable } from '../../test/chromium.ts'

/**
 * The TaskKit Studio example (examples/studio) in real Chromium, against the simulator's real
 * HTTP server. The studio runs on the BUILT packages (its own vite.config.ts, no source aliases):
 * run `pnpm build` before these tests.
 *
 *   const h = await startStudioHarness({ timeScale: 1 })
 *   const page = await h.openStudio({ provider: 'tokenlab', account: 'ann' })
 *   await h.generate(page, 'a lighthouse [sim:queue=0,run=2s]')
 *   const card = h.taskCards(page).first()               // <article data-task-id data-state>
 *   expect(h.count('tokenlab', 'create')).toBe(1)
 *   await h.screenshot(page, 'tokenlab-done-light')      // e2e/artifacts/studio/tokenlab-done-light.png
 *   await h.close()
 *
 * Stable selectors of the studio (roles and labels first):
 * - Setup: textbox "Account" + button "Switch account"; combobox "Provider"; form "Connection"
 *   (radios "Simulator" / "Real provider", textbox "Base URL", "API key", buttons "Use simulator" / "Connect").
 * - Generate: form "Generate with <Provider>", the provider's fields by label ("Media", "Model",
 *   "Task type", "Action"), textbox "Prompt", button "Generate"; submit errors are role=alert.
 * - Tasks: list "Current tasks"; each task an `article` named "Task <id>" with `data-task-id` and
 *   `data-state` (the normalized state), holding TaskProgress (group "Status of task <id>", cancel
 *   button "Request cancellation") and TaskResult (group "Result of task <id>"). A create without an
 *   answer is an article "Job <jobId>" with `data-state="outcome-unknown"` and a "Forget job <jobId>" button.
 * - History: region "Task history" (TaskLogTable).
 * - Header: button "Dark theme" (aria-pressed); the theme is `data-theme` on <html>.
 */

export type ProviderId = 'tokenlab' | 'tripo' | 'qingbo' | 'newapi'
export type RequestKind = 'create' | 'status' | 'cancel' | 'list' | 'media' | 'other'

type SimulatorServerOptions = Omit<NonNullable<Parameters<typeof startSimulatorServer>[0]>, 'provider' | 'port'>

export interface StudioQuery {
  provider?: ProviderId
  account?: string
  theme?: 'light' | 'dark'
  /** Fixed poll interval in ms for the simulator; default 400 here so journeys stay short. */
  poll?: number
}

export interface StudioHarness {
  simulator: SimulatorServer
  studio: ViteDevServer
  /** The studio's root URL, without a query. */
  studioUrl: string
  browser: Browser
  /** A fresh browser profile (its own localStorage); closed by `close()`. */
  newContext(): Promise<BrowserContext>
  /** The studio URL pointed at this simulator (`?api=`), with provider, account, theme and poll. */
  url(query?: StudioQuery): string
  /** Opens the studio in a new page (of `context`, else a fresh context) and waits for it to render. */
  openStudio(query?: StudioQuery, context?: BrowserContext): Promise<Page>
  /** Types the prompt and presses Generate (set the provider's other fields by label before). */
  generate(page: Page, prompt: string): Promise<void>
  /** The task cards on the board: `article[data-task-id]`. */
  taskCards(page: Page): ReturnType<Page['locator']>
  /** The card of one task. */
  taskCard(page: Page, id: string): ReturnType<Page['locator']>
  /** The card's `data-state` now, or null without waiting when the card is not there (for expect.poll). */
  taskState(page: Page, id: string): Promise<string | null>
  /** Requests the simulator received for a provider, optionally of one kind and one task. */
  count(provider: ProviderId, kind?: RequestKind, taskId?: string): number
  /** Makes the next `count` create requests of a provider answer after `ms` (the task is created at once). */
  slowCreates(provider: ProviderId, ms: number, count?: number): void
  /**
   * Runs axe-core (WCAG 2 A/AA rules) on the page as it is now and returns the violations as
   * short lines (`rule: target`), empty when clean. Check both themes: contrast differs.
   */
  accessibilityViolations(page: Page): Promise<string[]>
  /** Writes a full-page PNG to e2e/artifacts/studio/<name>.png and returns its path. */
  screenshot(page: Page, name: string): Promise<string>
  close(): Promise<void>
}

const studioRoot = fileURLToPath(new URL('../../examples/studio/', import.meta.url))
export const artifactsDir = fileURLToPath(new URL('../artifacts/studio/', import.meta.url))
// axe-core is a devDependency of the studio (the same version Storybook's a11y addon runs).
const axePath = createRequire(studioRoot).resolve('axe-core/axe.min.js')

interface AxeViolation {
  id: string
  nodes: { target: unknown[] }[]
}

export async function startStudioHarness(simulatorOptions: SimulatorServerOptions = {}): Promise<StudioHarness> {
  const simulator = await startSimulatorServer({ ...simulatorOptions, provider: 'all', port: 0 })
  const studio = await createServer({
    root: studioRoot,
    configFile: `${studioRoot}vite.config.ts`,
    // Its own optimizer cache per test worker: a `pnpm example` or another test file starting
    // its studio at the same time never writes the same cache.
    cacheDir: `${studioRoot}node_modules/.vite-e2e/${process.env.VITEST_POOL_ID ?? process.pid}`,
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
  })
  await studio.listen()
  const address = studio.httpServer?.address()
  if (!address || typeof address === 'string') throw new Error('The studio dev server did not start')
  const studioUrl = `http://127.0.0.1:${address.port}/`
  const executablePath = chromiumExecutable()
  const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: chromiumArgs })
  const contexts: BrowserContext[] = []

  const newContext = async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    contexts.push(context)
    return context
  }
  const url = (query: StudioQuery = {}) => {
    const { poll = 400, ...rest } = query
    const params = new URLSearchParams({ api: simulator.url, poll: String(poll) })
    for (const [name, value] of Object.entries(rest)) if (value !== undefined) params.set(name, String(value))
    return `${studioUrl}?${params}`
  }

  return {
    simulator,
    studio,
    studioUrl,
    browser,
    newContext,
    url,
    async openStudio(query, context) {
      const page = await (context ?? (await newContext())).newPage()
      await page.goto(url(query))
      await page.getByRole('heading', { level: 1, name: 'TaskKit Studio' }).waitFor()
      return page
    },
    async generate(page, prompt) {
      await page.getByLabel('Prompt').fill(prompt)
      await page.getByRole('button', { name: 'Generate', exact: true }).click()
    },
    taskCards: (page) => page.locator('article[data-task-id]'),
    taskCard: (page, id) => page.locator(`article[data-task-id="${id}"]`),
    taskState: (page, id) =>
      page.locator(`article[data-task-id="${id}"]`).evaluateAll((cards) => cards[0]?.getAttribute('data-state') ?? null),
    count(provider, kind, taskId) {
      const requests = simulator.simulators[provider]?.requests ?? []
      return requests.filter((r) => (kind === undefined || r.kind === kind) && (taskId === undefined || r.taskId === taskId)).length
    },
    slowCreates(provider, ms, count = 1) {
      simulator.simulators[provider]?.setFaults([{ fault: 'latency', latencyMs: ms, count, routes: ['create'] }])
    },
    async accessibilityViolations(page) {
      if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: axePath })
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe
        const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
        return result.violations.map((violation) => ({ id: violation.id, targets: violation.nodes.map((node) => node.target.join(' ')) }))
      })
      return violations.flatMap((violation) => violation.targets.map((target) => `${violation.id}: ${target}`))
    },
    async screenshot(page, name) {
      await mkdir(artifactsDir, { recursive: true })
      const path = `${artifactsDir}${name}.png`
      await page.screenshot({ path, fullPage: true, animations: 'disabled' })
      return path
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => {})
      await browser.close().catch(() => {})
      await studio.close()
      await simulator.close()
    },
  }
}
