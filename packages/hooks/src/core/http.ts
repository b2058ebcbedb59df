import type { AdapterRequest, AdapterResponse, TaskAdapter } from './adapter'
import { TaskKitError } from './errors'

export type HeadersCallback = () => Record<string, string> | Promise<Record<string, string>>

export interface SendOptions {
  adapter: Pick<TaskAdapter<never>, 'name' | 'baseUrl'>
  /** The app's auth headers, asked for on every request and never stored. */
  headers?: HeadersCallback
  fetch?: typeof fetch
  signal?: AbortSignal
}

/** Resolves a relative URL (`/v1/tasks/x`, a provider's `poll_url`) against the adapter's base URL. */
export function resolveUrl(url: string, baseUrl: string): string {
  return new URL(url, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).href
}

/**
 * Sends one adapter request and reads the answer. It never judges the HTTP status: the adapter
 * does, since providers disagree (new-api answers errors with 200). It only turns transport
 * failures into `network` errors and an unreadable success body into a `parse` error.
 */
export async function sendRequest(request: AdapterRequest, options: SendOptions): Promise<AdapterResponse> {
  const { adapter } = options
  const doFetch = options.fetch ?? globalThis.fetch
  const auth = options.headers ? await options.headers() : {}
  const headers: Record<string, string> = { accept: 'application/json', ...auth, ...request.headers }
  let body: string | undefined
  if (request.body !== undefined) {
    body = JSON.stringify(request.body)
    headers['content-type'] ??= 'application/json'
  }

  // A transport failure is a `network` error, unless the caller aborted: then the abort goes through.
  const networkError = (cause: unknown, message: string, status?: number) => {
    if (options.signal?.aborted) return cause
    return new TaskKitError('network', message, { provider: adapter.name, status, cause })
  }

  let response: Response
  try {
    response = await doFetch(resolveUrl(request.url, adapter.baseUrl), {
      method: request.method,
      headers,
      body,
      signal: options.signal,
    })
  } catch (cause) {
    throw networkError(cause, `Could not reach ${adapter.name}: ${cause instanceof Error ? cause.message : String(cause)}`)
  }

  const responseHeaders: Record<string, string> = {}
  response.headers.forEach((value, key) => {
    responseHeaders[key.toLowerCase()] = value
  })

  let text: string
  try {
    text = await response.text()
  } catch (cause) {
    throw networkError(cause, `The connection to ${adapter.name} dropped while reading the answer`, response.status)
  }

  return { status: response.status, headers: responseHeaders, body: parseBody(text, response, adapter.name) }
}

function parseBody(text: string, response: Response, provider: string): unknown {
  if (text.trim() === '') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch (cause) {
    // An error page (HTML from a proxy, plain text) is still an answer the adapter can map by status.
    if (!response.ok) return text
    throw new TaskKitError('parse', `${provider} answered with a body that is not JSON`, {
      provider,
      status: response.status,
      requestId: response.headers.get('x-request-id') ?? undefined,
      retryable: true,
      cause,
    })
  }
}
