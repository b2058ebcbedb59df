import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { corsHeaders, jsonResponse, type SimRequest, type SimResponse } from './http'
import { PROVIDERS, type ProviderName } from './providers'
import { createSimulator, type Simulator, type SimulatorOptions } from './simulator'

export interface SimulatorServer {
  /** Base URL, e.g. `http://127.0.0.1:4010`; with `provider: 'all'` each provider lives under `${url}/${provider}`. */
  url: string
  simulators: Partial<Record<ProviderName, Simulator>>
  close(): Promise<void>
}

export type SimulatorServerOptions = Omit<Partial<SimulatorOptions>, 'provider'> & {
  /** One provider at the root, or `all` (default) under `/tokenlab`, `/tripo`, `/qingbo`, `/newapi`. */
  provider?: ProviderName | 'all'
  /** 0 (default) picks a free port. */
  port?: number
  /** Default 127.0.0.1: the simulator accepts any key, so it stays off the network unless asked. */
  host?: string
}

/** Request bodies above this are refused; create calls are small JSON. */
const MAX_BODY_BYTES = 10 * 1024 * 1024

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    request.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'))
        request.destroy()
        return
      }
      chunks.push(chunk)
    })
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    request.on('error', reject)
  })
}

function headersOf(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return headers
}

function write(response: ServerResponse, answer: SimResponse): void {
  const body = answer.body === null ? null : typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : Buffer.from(answer.body)
  const headers: Record<string, string> = { ...answer.headers }
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-length')) headers['content-length'] = String(body?.length ?? 0)
  response.writeHead(answer.status, headers)
  response.end(body ?? undefined)
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1'
  return host.includes(':') ? `[${host}]` : host
}

/**
 * The simulator over real HTTP (node:http), for integration tests, e2e and the CLI. The same
 * engine as the MSW handlers: every request goes to `simulator.handle`.
 */
export async function startSimulatorServer(options: SimulatorServerOptions = {}): Promise<SimulatorServer> {
  const { provider = 'all', port = 0, host = '127.0.0.1', ...simulatorOptions } = options
  const simulators: Partial<Record<ProviderName, Simulator>> = {}
  let root: Simulator | undefined

  const server = createServer((request, response) => {
    void serve(request, response)
  })

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const origin = request.headers.origin
    const method = (request.method ?? 'GET').toUpperCase()
    try {
      const hostHeader = request.headers.host ?? `${displayHost(host)}:${(server.address() as AddressInfo).port}`
      const url = new URL(request.url ?? '/', `http://${hostHeader}`)
      // Preflights are answered here for every path, so even a typo'd mount gets a CORS answer.
      if (method === 'OPTIONS') return write(response, { status: 204, headers: corsHeaders(origin), body: null })

      const simulator = root ?? simulators[url.pathname.split('/')[1] as ProviderName]
      if (!simulator) {
        return write(response, {
          ...jsonResponse(url.pathname === '/' ? 200 : 404, {
            simulator: '@taskkit/testing',
            providers: Object.keys(simulators).map((name) => `${url.origin}/${name}`),
            ...(url.pathname === '/' ? {} : { error: `No provider mounted at ${url.pathname}` }),
          }),
          headers: { 'content-type': 'application/json; charset=utf-8', ...corsHeaders(origin) },
        })
      }

      const simRequest: SimRequest = {
        method,
        url: url.toString(),
        headers: headersOf(request),
        ...(method === 'GET' || method === 'HEAD' ? {} : { body: await readBody(request) }),
      }
      const answer = await simulator.handle(simRequest)
      if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs))
      // A dropped connection: the socket dies without a byte of answer.
      if (answer.drop) {
        request.socket.destroy()
        return
      }
      write(response, answer)
    } catch (error) {
      if (!response.headersSent) {
        write(response, { ...jsonResponse(500, { error: error instanceof Error ? error.message : String(error) }), headers: { 'content-type': 'application/json', ...corsHeaders(origin) } })
      }
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })

  const address = server.address() as AddressInfo
  const url = `http://${displayHost(host)}:${address.port}`
  if (provider === 'all') {
    for (const name of PROVIDERS) simulators[name] = createSimulator({ ...simulatorOptions, provider: name, baseUrl: `${url}/${name}` })
  } else {
    root = createSimulator({ ...simulatorOptions, provider, baseUrl: url })
    simulators[provider] = root
  }

  return {
    url,
    simulators,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
