import type { AdapterRequest, AdapterResponse, PollBounds, TaskHistoryPage } from '../adapter'
import { TaskKitError } from '../errors'
import type { Task, TaskFailure, TaskState } from '../model'
import { asNumber, asRecord, asString } from '../normalize'
import { safeUrl } from '../safeUrl'
import { isErrorStatus, readError, type ErrorReading } from './readError'

/** Small pieces every adapter needs: state words, URLs, parse errors, the "missing output" rule. */

export type StatusMap = Readonly<Record<string, TaskState>>

/**
 * Status word -> state, case-insensitive. Words the provider has not documented map to
 * `unknown` (kept in `rawStatus`, polled with a bound). A Map, so `constructor` or `__proto__`
 * in a response can never hit Object.prototype.
 */
export function stateMapper(map: StatusMap): (word: string) => TaskState {
  const lookup = new Map(Object.entries(map).map(([word, state]) => [word.toLowerCase(), state]))
  return (word) => lookup.get(word.toLowerCase()) ?? 'unknown'
}

export function newTask(provider: string, id: string, rawStatus: string, state: TaskState, raw: unknown): Task {
  return { id, provider, state, rawStatus, assets: [], raw }
}

export function parseError(provider: string, message: string): TaskKitError {
  return new TaskKitError('parse', `${provider}: ${message}`, { provider })
}

export function requireRecord(value: unknown, provider: string, what = 'response body'): Record<string, unknown> {
  const record = asRecord(value)
  if (!record) throw parseError(provider, `${what} is not a JSON object`)
  return record
}

/** The body of a successful answer, as an object; an error status throws the provider's error. */
export function okRecord(response: AdapterResponse, reading: ErrorReading): Record<string, unknown> {
  if (isErrorStatus(response)) throw readError(response, reading)
  return requireRecord(response.body, reading.provider)
}

/** Reads every item of a list; an unreadable one is left out rather than failing the whole list. */
export function readEach<TItem, T>(items: readonly TItem[], read: (item: TItem) => T): T[] {
  const results: T[] = []
  for (const item of items) {
    try {
      results.push(read(item))
    } catch {
      // left out: for a batch, the client falls back to single status requests for missing ids
    }
  }
  return results
}

/** A history page; counts the provider leaves out default to what the page holds. */
export function historyPage(items: Task[], page: { total?: unknown; page?: unknown; pageSize?: unknown }): TaskHistoryPage {
  return {
    items,
    total: asNumber(page.total) ?? items.length,
    page: asNumber(page.page) ?? 1,
    pageSize: asNumber(page.pageSize) ?? items.length,
  }
}

export function requireId(value: unknown, provider: string): string {
  const id = asString(value)?.trim()
  if (!id) throw parseError(provider, 'response has no task id')
  return id
}

export function trimBase(baseUrl: string): string {
  return baseUrl.trim().replace(/\/+$/, '')
}

/**
 * `base` + a root-relative path. Concatenated rather than `new URL(path, base)` so a gateway
 * mounted under a path (`https://gw.example.com/tokenlab`) keeps its prefix.
 */
export function joinUrl(base: string, path: string): string {
  return `${trimBase(base)}/${path.replace(/^\/+/, '')}`
}

export function taskUrl(base: string, route: string, id: string): string {
  return `${joinUrl(base, route)}/${encodeURIComponent(id)}`
}

/** Absolute URL from an absolute or root-relative value, when http(s)/blob; else undefined. */
export function resolveUrl(value: unknown, base: string): string | undefined {
  if (typeof value !== 'string') return undefined
  const text = value.trim()
  return safeUrl(text.startsWith('/') && !text.startsWith('//') ? joinUrl(base, text) : text)
}

/**
 * A provider-supplied status URL, only on the API's own origin: the HTTP layer attaches the
 * API key to status requests, and a response must never be able to send it elsewhere.
 */
export function sameOriginUrl(value: unknown, base: string): string | undefined {
  const url = resolveUrl(value, base)
  if (url === undefined) return undefined
  return new URL(url).origin === new URL(trimBase(base)).origin ? url : undefined
}

/**
 * A create route taken from the input (`endpoint`). Root-relative only: an absolute URL in
 * user-supplied input would send the key to another host.
 */
export function requireEndpoint(endpoint: unknown, provider: string): string {
  if (typeof endpoint !== 'string' || !/^\/(?!\/)\S*$/.test(endpoint)) {
    throw new TaskKitError('invalid-input', `${provider}: \`endpoint\` must be a path such as "/v1/videos/generations"`, {
      provider,
    })
  }
  return endpoint
}

export function getJson(url: string): AdapterRequest {
  return { method: 'GET', url }
}

export function postJson(url: string, body: unknown): AdapterRequest {
  return { method: 'POST', url, headers: { 'content-type': 'application/json' }, body }
}

export function withoutKeys<T extends Record<string, unknown>>(record: T, ...keys: string[]): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...record }
  for (const key of keys) delete copy[key]
  return copy
}

/** `error` as a string or `{message, code}` (also `type`), else the first usable message. */
export function failureFrom(error: unknown, ...messages: unknown[]): TaskFailure | undefined {
  const record = asRecord(error)
  const message =
    (typeof error === 'string' ? asString(error) : asString(record?.message) ?? asString(record?.detail)) ??
    messages.map(asString).find((text) => text !== undefined)
  if (message === undefined) return undefined
  return failure(message, asString(record?.code) ?? asString(record?.type))
}

const DEFAULT_FAILURES: Partial<Record<TaskState, string>> = {
  failed: 'Task failed',
  blocked: 'Blocked by the provider’s content policy',
  expired: 'Task expired',
}

/** A failed, blocked or expired task always carries a message the UI can show. */
export function withDefaultFailure(task: Task, code?: string): Task {
  const message = DEFAULT_FAILURES[task.state]
  if (message !== undefined && task.error === undefined) task.error = failure(message, code)
  return task
}

export function failure(message: string, code?: string): TaskFailure {
  return code === undefined ? { message } : { code, message }
}

/** TokenLab's troubleshooting table: "Final media URL missing ... handle missing output as failed". */
export const MISSING_OUTPUT: TaskFailure = { code: 'missing_output', message: 'Final media URL missing' }

/** Succeeded without a usable URL (and without other output, when `hasOtherOutput`) = failed. */
export function failWithoutOutput(task: Task, hasOtherOutput = false): Task {
  if (task.state === 'succeeded' && task.assets.length === 0 && !hasOtherOutput) {
    task.state = 'failed'
    task.error = { ...MISSING_OUTPUT }
  }
  return task
}

/**
 * Output that is not a URL: text, numbers, flags (Replicate's `"hello Alice"`, Tripo's
 * rig-check `riggable`, Stability's base64). Strings with a scheme count as URLs, so a dropped
 * `javascript:` link is not "output".
 */
export function hasContent(value: unknown, depth = 0): boolean {
  if (depth > 6 || value === null || value === undefined) return false
  if (typeof value === 'string') return value.trim() !== '' && !/^[a-z][\w+.-]*:/i.test(value.trim())
  if (typeof value === 'number' || typeof value === 'boolean') return true
  if (Array.isArray(value)) return value.some((item) => hasContent(item, depth + 1))
  const record = asRecord(value)
  return record ? Object.values(record).some((item) => hasContent(item, depth + 1)) : false
}

/** The provider's advice, overridable per client; kept ordered so min <= initial <= max. */
export function pollBounds(defaults: PollBounds, override: Partial<PollBounds> = {}): PollBounds {
  const minMs = Math.max(0, override.minMs ?? defaults.minMs)
  const maxMs = Math.max(minMs, override.maxMs ?? defaults.maxMs)
  const initialMs = Math.min(maxMs, Math.max(minMs, override.initialMs ?? defaults.initialMs))
  return { minMs, maxMs, initialMs }
}
