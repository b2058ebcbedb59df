/**
 * The transport-neutral request and response the simulator speaks. MSW handlers and the Node
 * server only translate to and from these, so both serve byte-identical answers.
 */
export interface SimRequest {
  method: string
  /** Absolute URL. */
  url: string
  /** Header names in any case; the simulator reads them case-insensitively. */
  headers: Record<string, string>
  body?: string
}

export interface SimResponse {
  status: number
  headers: Record<string, string>
  body: string | Uint8Array | null
  /** Close the connection without an answer (server: destroy the socket; MSW: a network error). */
  drop?: boolean
  /** Wait this long (real time) before answering or dropping. */
  delayMs?: number
}

export const CORS_ALLOW_HEADERS = 'Authorization, Content-Type, Idempotency-Key, x-sim-fault, New-Api-User'
export const CORS_EXPOSE_HEADERS = 'Retry-After, X-Billing-Transaction-ID, X-Request-Id, X-Tripo-Trace-ID, Content-Length, Content-Range'
export const CORS_ALLOW_METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS'

/**
 * Browsers (Storybook, a Vite app) call the simulator cross-origin. Echoing the Origin rather
 * than `*` keeps it working for callers that send credentials too.
 */
export function corsHeaders(origin: string | undefined): Record<string, string> {
  return {
    'access-control-allow-origin': origin || '*',
    'access-control-allow-methods': CORS_ALLOW_METHODS,
    'access-control-allow-headers': CORS_ALLOW_HEADERS,
    'access-control-expose-headers': CORS_EXPOSE_HEADERS,
    'access-control-max-age': '600',
    vary: 'Origin',
  }
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(body) }
}

export function textResponse(status: number, body: string, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers }, body }
}

/** Header lookup that ignores case, as HTTP does. */
export function headerOf(request: SimRequest, name: string): string | undefined {
  const wanted = name.toLowerCase()
  for (const [key, value] of Object.entries(request.headers)) {
    if (key.toLowerCase() === wanted) return value
  }
  return undefined
}

export function parseJsonBody(text: string | undefined): unknown {
  if (!text) return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function stringField(body: unknown, key: string): string | undefined {
  if (!isRecord(body)) return undefined
  const value = body[key]
  return typeof value === 'string' ? value : undefined
}

/** Cuts a JSON body short, as a proxy that dies mid-answer would. */
export function malform(body: string): string {
  const cut = Math.max(1, Math.floor(body.length / 2))
  return `${body.slice(0, cut)}\u0000<!-- upstream connection reset -->`
}
