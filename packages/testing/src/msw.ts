import { delay, http, HttpResponse, type HttpHandler } from 'msw'
import { DEFAULT_BASE_URLS, PROVIDERS, type ProviderName } from './providers'
import { createSimulator, type Simulator, type SimulatorOptions } from './simulator'
import type { SimRequest, SimResponse } from './http'

export { DEFAULT_BASE_URLS }

/** Translates one intercepted fetch into the simulator's request and back. */
async function answer(simulator: Simulator, request: Request): Promise<Response> {
  const simRequest: SimRequest = {
    method: request.method,
    url: request.url,
    headers: Object.fromEntries(request.headers.entries()),
    ...(request.method === 'GET' || request.method === 'HEAD' ? {} : { body: await request.text() }),
  }
  const response: SimResponse = await simulator.handle(simRequest)
  if (response.delayMs) await delay(response.delayMs)
  // MSW's way of saying "the connection died": fetch rejects with a TypeError.
  if (response.drop) return HttpResponse.error()
  const body = response.body instanceof Uint8Array ? (response.body.slice() as Uint8Array<ArrayBuffer>) : response.body
  return new HttpResponse(body, { status: response.status, headers: response.headers })
}

/**
 * MSW handlers for one simulated provider, mounted at `baseUrl` (default: the provider's
 * `DEFAULT_BASE_URLS` entry). The returned simulator gives tests its request log and faults.
 */
export function createSimulatorHandlers(options: SimulatorOptions & { baseUrl?: string }): { handlers: HttpHandler[]; simulator: Simulator } {
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URLS[options.provider]).replace(/\/+$/, '')
  const simulator = createSimulator({ ...options, baseUrl })
  return { handlers: [http.all(`${baseUrl}/*`, ({ request }) => answer(simulator, request))], simulator }
}

/**
 * Handlers for all four providers at once, each at its DEFAULT_BASE_URLS entry, or, when
 * `baseUrl` is given, under `${baseUrl}/tokenlab`, `/tripo`, `/qingbo`, `/newapi` (the layout of
 * the CLI's `--provider all`).
 */
export function createAllSimulatorHandlers(options: Omit<SimulatorOptions, 'provider'> = {}): {
  handlers: HttpHandler[]
  simulators: Record<ProviderName, Simulator>
} {
  const handlers: HttpHandler[] = []
  const simulators = {} as Record<ProviderName, Simulator>
  for (const provider of PROVIDERS) {
    const baseUrl = options.baseUrl ? `${options.baseUrl.replace(/\/+$/, '')}/${provider}` : DEFAULT_BASE_URLS[provider]
    const created = createSimulatorHandlers({ ...options, provider, baseUrl })
    handlers.push(...created.handlers)
    simulators[provider] = created.simulator
  }
  return { handlers, simulators }
}
