import type { AdapterResponse, TaskAdapter } from '../core/adapter'
import { TaskKitError } from '../core/errors'
import type { Task, TaskState } from '../core/model'

/**
 * A tiny provider for core tests: a JSON API at https://fake.test whose answers the test scripts.
 * Real providers are exercised against @taskkit/testing's simulator elsewhere.
 */
export interface FakeInput {
  model: string
  prompt: string
}

export function fakeAdapter(overrides: Partial<TaskAdapter<FakeInput>> = {}): TaskAdapter<FakeInput> {
  return {
    name: 'fake',
    baseUrl: 'https://fake.test',
    pollBounds: { minMs: 1000, maxMs: 10_000, initialMs: 1000 },
    createRequest: (input) => ({ method: 'POST', url: '/tasks', body: input }),
    parseCreate: (response) => readTask(response),
    statusRequest: (ref) => ({ method: 'GET', url: ref.pollUrl ?? `/tasks/${ref.id}` }),
    parseStatus: (response) => readTask(response),
    cancel: {
      request: (task) => ({ method: 'DELETE', url: `/tasks/${task.id}` }),
      parse: (response) => {
        if (response.status === 409) return 'not-cancellable'
        if (response.status >= 400) throw errorOf(response)
        return 'requested'
      },
    },
    ...overrides,
  }
}

function errorOf(response: AdapterResponse): TaskKitError {
  if (response.status === 401) return new TaskKitError('auth', 'bad key', { status: 401 })
  if (response.status === 404) return new TaskKitError('not-found', 'no such task', { status: 404 })
  if (response.status === 429) return new TaskKitError('rate-limited', 'slow down', { status: 429 })
  return new TaskKitError(response.status >= 500 ? 'http' : 'invalid-input', `HTTP ${response.status}`, { status: response.status })
}

function readTask(response: AdapterResponse): Task {
  if (response.status >= 400) throw errorOf(response)
  const body = response.body as { id: string; status: TaskState; progress?: number; url?: string }
  return {
    id: body.id,
    provider: 'fake',
    state: body.status,
    rawStatus: body.status,
    progress: body.progress,
    assets: body.url ? [{ kind: 'image', url: body.url }] : [],
    raw: body,
  }
}

export interface ScriptedCall {
  method: string
  url: string
  headers: Record<string, string>
  body: unknown
}

/** A fetch whose answers are queued by the test; every call is recorded. */
export function scriptedFetch() {
  const calls: ScriptedCall[] = []
  const answers: (() => Response | Promise<Response>)[] = []
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>))
    calls.push({
      method: init?.method ?? 'GET',
      url: String(input),
      headers,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    })
    const next = answers.shift()
    if (!next) throw new Error(`unexpected request ${init?.method ?? 'GET'} ${String(input)}`)
    return next()
  }) as typeof globalThis.fetch
  return {
    fetch,
    calls,
    json(body: unknown, status = 200, headers: Record<string, string> = {}) {
      answers.push(() => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } }))
    },
    fail(error: Error = new TypeError('Failed to fetch')) {
      answers.push(() => Promise.reject(error))
    },
    raw(text: string, status = 200) {
      answers.push(() => new Response(text, { status }))
    },
  }
}
