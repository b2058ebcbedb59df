import type { AdapterResponse } from '../adapter'
import { TaskKitError, type TaskKitErrorKind } from '../errors'
import { asRecord, asString } from '../normalize'

/**
 * One reader for every provider's error answer: HTTP status -> kind, `Retry-After`, the
 * provider's own code and message, and a request id for the support packet.
 */

/** What an error answer says, whatever the provider's shape. */
export interface ErrorDetails {
  status: number
  code?: string
  message: string
  requestId?: string
  retryAfterMs?: number
  suggestion?: string
}

export interface ErrorReading {
  provider: string
  /** Provider codes meaning "no such task" whatever the HTTP status (new-api answers 400 `task_not_exist`). */
  notFoundCodes?: readonly string[]
  /** Provider-specific classification, tried before the HTTP status; undefined = use the default. */
  classify?: (details: ErrorDetails) => TaskKitErrorKind | undefined
  /** Clock for HTTP-date `Retry-After` values (tests pass a fixed one). */
  now?: () => number
}

/** Any status outside 2xx is an error answer (fetch follows redirects, so 3xx should never arrive). */
export function isErrorStatus(response: AdapterResponse): boolean {
  return response.status < 200 || response.status >= 300
}

/** `Retry-After` in ms: delta-seconds (`"30"`) or an HTTP date (RFC 9110 10.2.3); undefined when unreadable. */
export function retryAfterMs(header: string | undefined, now: number = Date.now()): number | undefined {
  if (header === undefined) return undefined
  const value = header.trim()
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000)
  const date = /[a-z]/i.test(value) ? Date.parse(value) : NaN
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined
}

/** A bare `error: "task_not_found"` is a code; `error: "Something broke"` is a message. */
const CODE_LIKE = /^[\w.-]+$/

/** A 429 without `Retry-After` may say it in words: Replicate's "Your rate limit resets in ~30s." */
function retryHintMs(message: string): number | undefined {
  const seconds = /\bin ~?(\d+(?:\.\d+)?) ?s(?:ec(?:ond)?s?)?\b/i.exec(message)?.[1]
  return seconds === undefined ? undefined : Number(seconds) * 1000
}

export function readErrorDetails(response: AdapterResponse, now: number = Date.now()): ErrorDetails {
  const body = asRecord(response.body)
  const nested = asRecord(body?.error)
  const bareError = typeof body?.error === 'string' ? body.error : undefined
  const text = typeof response.body === 'string' ? response.body.trim().slice(0, 300) : undefined
  const details: ErrorDetails = {
    status: response.status,
    code:
      asString(nested?.code) ??
      asString(nested?.type) ??
      asString(body?.code) ??
      asString(body?.error_code) ??
      (bareError !== undefined && CODE_LIKE.test(bareError) ? bareError : undefined),
    message:
      asString(nested?.message) ??
      asString(body?.message) ??
      asString(body?.detail) ??
      asString(body?.msg) ??
      asString(body?.error_message) ??
      asString(body?.description) ??
      bareError ??
      (text || `HTTP ${response.status}`),
    requestId: response.headers['x-request-id'] ?? asString(body?.request_id) ?? asString(nested?.request_id),
    retryAfterMs: retryAfterMs(response.headers['retry-after'], now),
    suggestion: asString(body?.suggestion),
  }
  if (details.retryAfterMs === undefined && response.status === 429) details.retryAfterMs = retryHintMs(details.message)
  return details
}

function defaultKind(details: ErrorDetails, notFoundCodes: readonly string[] = []): TaskKitErrorKind {
  const { status, code } = details
  if (status === 401 || status === 403) return 'auth'
  if (status === 404 || (code !== undefined && notFoundCodes.includes(code))) return 'not-found'
  if (status === 429) return 'rate-limited'
  // An error envelope inside a 2xx answer (Tripo `code != 0`, new-api `success: false`).
  if (status < 300) return 'provider'
  return 'http'
}

/** Timeouts, "too early" and 5xx may pass; so may a server error the provider wrapped in a 2xx envelope. */
function retryableHttp(status: number): boolean {
  return status >= 500 || status === 408 || status === 425 || status < 300
}

export function errorFromDetails(details: ErrorDetails, reading: ErrorReading): TaskKitError {
  const kind = reading.classify?.(details) ?? defaultKind(details, reading.notFoundCodes)
  return new TaskKitError(kind, details.message, {
    code: details.code,
    status: details.status,
    requestId: details.requestId,
    retryAfterMs: details.retryAfterMs,
    provider: reading.provider,
    suggestion: details.suggestion,
    retryable: kind === 'http' ? retryableHttp(details.status) : undefined,
  })
}

export function readError(response: AdapterResponse, reading: ErrorReading): TaskKitError {
  return errorFromDetails(readErrorDetails(response, reading.now?.() ?? Date.now()), reading)
}
