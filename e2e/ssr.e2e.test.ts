import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { chromium, type Browser } from 'playwright-core'
import { createServer, type ViteDevServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulatorServer, type SimulatorServer } from '@taskkit/testing/server'
import { taskkitAliases } from '../test/aliases.ts'
import type * as ServerModule from './ssr/entry-server.tsx'

type ServerEntry = typeof ServerModule
import { chromiumArgs, chromiumExecutable } from '../test/chromium.ts'


const root = fileURLToPath(new URL('./ssr/', import.meta.url))
const ACCOUNT = 'ssr'
const KEY = 'Bearer sk-ssr'

/**
 * Server-side rendering: the page is rendered by react-dom/server inside Vite's SSR module graph
 * (Node: no window, no document), with a storage spy; Chromium then hydrates it while its own
 * localStorage holds a running task, so the client's truth differs from the server's.
 */
describe('SSR: render on the server, hydrate in the browser', () => {
  let simulator: SimulatorServer
  let vite: ViteDevServer
  let browser: Browser
  let baseUrl: string

  beforeAll(async () => {
    simulator = await startSimulatorServer({ provider: 'tokenlab', port: 0, timeScale: 4, seed: 5 })
    const template = readFileSync(new URL('./ssr/index.html', import.meta.url), 'utf8')
    vite = await createServer({
      configFile: false,
      root,
      logLevel: 'error',
      plugins: [
        react(),
        {
          name: 'taskkit-ssr-page',
          configureServer(server) {
            server.middlewares.use(async (request, response, next) => {
              const url = new URL(request.url ?? '/', 'http://localhost')
              if (url.pathname !== '/') return next()
              try {
                const entry = (await server.ssrLoadModule('/entry-server.tsx')) as ServerEntry
                const markup = entry.render({
                  api: url.searchParams.get('api') ?? '',
                  account: url.searchParams.get('account') ?? ACCOUNT,
                  taskId: url.searchParams.get('task') ?? '',
                })
                const html = await server.transformIndexHtml(request.url ?? '/', template.replace('<!--ssr-->', markup))
                response.setHeader('content-type', 'text/html')
                response.end(html)
              } catch (error) {
                next(error)
              }
            })
          },
        },
      ],
      resolve: { alias: taskkitAliases },
      server: { host: '127.0.0.1', port: 0 },
    })
    await vite.listen()
    const address = vite.httpServer?.address()
    if (!address || typeof address === 'string') throw new Error('Vite did not start')
    baseUrl = `http://127.0.0.1:${address.port}/`
    const executablePath = chromiumExecutable()
    browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: chromiumArgs })
  }, 60_000)

  afterAll(async () => {
    await browser?.close().catch(() => {})
    await vite?.close()
    await simulator?.close()
  })

  it('renders without storage or window, and hydrates without a mismatch', async () => {
    // A real task on the simulator, still running, that only this browser's storage knows about.
    const created = await fetch(`${simulator.url}/v1/images/generations`, {
      method: 'POST',
      headers: { Authorization: KEY, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'flux-dev', prompt: 'a harbour at night [sim:never-finish]' }),
    })
    const { id } = (await created.json()) as { id: string }
    const now = Date.now()
    const record = { v: 1, jobId: 'job-ssr', account: ACCOUNT, provider: 'tokenlab', phase: 'created', id, submittedAt: now, updatedAt: now, state: 'running', rawStatus: 'in_progress', progress: 10 }

    const page = await browser.newPage()
    const console: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') console.push(message.text())
    })
    page.on('pageerror', (error) => console.push(error.message))
    page.on('response', (response) => {
      if (response.status() >= 400) console.push(`${response.status()} ${response.url()}`)
    })
    await page.addInitScript(
      ([key, value]) => window.localStorage.setItem(key as string, value as string),
      [`taskkit:v1:${ACCOUNT}:tokenlab:job-ssr`, JSON.stringify(record)],
    )
    const query = new URLSearchParams({ api: simulator.url, account: ACCOUNT, task: id })

    // What the server sent: rendered markup, the empty pending list (storage is the browser's).
    const html = await (await fetch(`${baseUrl}?${query}`)).text()
    expect(html).toMatch(/>0(<!-- -->)? pending</)
    expect(html).toContain('tk-progress')
    const entry = (await vite.ssrLoadModule('/entry-server.tsx')) as ServerEntry
    expect(entry.storageCalls).toEqual([])

    await page.goto(`${baseUrl}?${query}`)
    await page.waitForFunction(() => window.__hydrated === true)
    // After hydration the browser's own truth takes over: the stored task is pending and polled.
    await expect.poll(() => page.getByTestId('pending').textContent(), { timeout: 10_000 }).toBe('1 pending')
    await expect
      .poll(() => page.locator('.tk-progress').first().getAttribute('data-status'), { timeout: 10_000 })
      .toMatch(/queued|running/)
    expect(await page.evaluate(() => window.__hydrationErrors)).toEqual([])
    expect(console.filter((text) => /hydrat|did not match|server rendered|mismatch/i.test(text))).toEqual([])
    expect(console.filter((text) => !/Download the React DevTools/.test(text))).toEqual([])
    // ...and the hydrated client polls it (the first poll follows TokenLab's advised delay).
    await expect
      .poll(() => simulator.simulators.tokenlab?.requests.filter((r) => r.kind === 'status').length ?? 0, { timeout: 15_000 })
      .toBeGreaterThan(0)
    await page.close()
  }, 60_000)
})
