import type { SimResponse } from '../http'
import type { Simulator } from '../simulator'

export interface CallOptions {
  key?: string | null
  body?: unknown
  headers?: Record<string, string>
}

export interface CallResult {
  status: number
  headers: Record<string, string>
  /** Parsed JSON, or undefined when the body is not JSON. */
  json: unknown
  text: string
  raw: SimResponse
}

export const KEY_A = 'sk-test-alice'
export const KEY_B = 'sk-test-bob'

/** Calls a simulator directly (no transport), the way the MSW handlers and the server do. */
export async function call(simulator: Simulator, method: string, path: string, options: CallOptions = {}): Promise<CallResult> {
  const key = options.key === undefined ? KEY_A : options.key
  const headers: Record<string, string> = { ...(key === null ? {} : { authorization: `Bearer ${key}` }), ...options.headers }
  let body: string | undefined
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
    headers['content-type'] = 'application/json'
  }
  const raw = await simulator.handle({ method, url: `${simulator.baseUrl}${path}`, headers, ...(body === undefined ? {} : { body }) })
  const text = typeof raw.body === 'string' ? raw.body : raw.body ? new TextDecoder().decode(raw.body) : ''
  let json: unknown
  try {
    json = text ? (JSON.parse(text) as unknown) : undefined
  } catch {
    json = undefined
  }
  return { status: raw.status, headers: raw.headers, json, text, raw }
}

/** Reads a nested field without ceremony: `field(json, 'data', 'status')`. */
export function field(json: unknown, ...path: (string | number)[]): unknown {
  let current = json
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string | number, unknown>)[key]
  }
  return current
}
