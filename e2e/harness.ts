import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { chromium, type Browser, type BrowserContext } from 'playwright-core'
import { createServer, type ViteDevServer } from 'vite'
import { startSimulatorServer, type SimulatorServer } from '@taskkit/testing/server'
import { taskkitAliases } from '../test/aliases.ts'
import { chromiumArgs, chromiumExecutable } from '../test/chromium.ts'

type SimulatorServerOptions = NonNullable<Parameters<typeof startSimulatorServer>[0]>

export interface Harness {
  simulator: SimulatorServer
  app: ViteDevServer
  appUrl: string
  browser: Browser
  context: BrowserContext
  /** The page URL for this simulator, with extra query parameters. */
  pageUrl(query?: Record<string, string>): string
  /** Requests the simulator received, by kind. */
  count(kind: 'create' | 'status' | 'cancel' | 'list' | 'media'): number
  close(): Promise<void>
}

/**
 * A real browser on a real page over real HTTP: the simulator's Node server, the harness app
 * served by Vite, and Debian's Chromium driven by Playwright.
 */
export async function startHarness(simulatorOptions: SimulatorServerOptions = {}): Promise<Harness> {
  const simulator = await startSimulatorServer({ provider: 'tokenlab', port: 0, ...simulatorOptions })
  const app = await createServer({
    configFile: false,
    root: fileURLToPath(new URL('./app/', import.meta.url)),
    logLevel: 'error',
    plugins: [react()],
    resolve: { alias: taskkitAliases },
    server: { host: '127.0.0.1', port: 0, strictPort: false },
  })
  await app.listen()
  const address = app.httpServer?.address()
  if (!address || typeof address === 'string') throw new Error('Vite did not start')
  const appUrl = `http://127.0.0.1:${address.port}/`
  const executablePath = chromiumExecutable()
  const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: chromiumArgs })
  const context = await browser.newContext()
  const provider = simulator.simulators.tokenlab
  return {
    simulator,
    app,
    appUrl,
    browser,
    context,
    pageUrl(query = {}) {
      return `${appUrl}?${new URLSearchParams({ api: simulator.url, ...query })}`
    },
    count(kind) {
      return provider?.requests.filter((r) => r.kind === kind).length ?? 0
    },
    async close() {
      await context.close().catch(() => {})
      await browser.close().catch(() => {})
      await app.close()
      await simulator.close()
    },
  }
}
