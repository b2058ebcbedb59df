import { describe, expect, it } from 'vitest'
import type { AdapterResponse } from '../adapter'
import { defineAdapter } from './defineAdapter'
import { thrown } from '../../test-utils/thrown'

const res = (body: unknown, status = 200, headers: Record<string, string> = {}): AdapterResponse => ({ status, headers, body })
interface AcmeInput {
  prompt: string
}

const acme = defineAdapter<AcmeInput>({
  name: 'acme',
  baseUrl: 'https://api.acme.dev/',
  createRequest: (input) => ({ method: 'POST', url: '/v1/jobs', body: input }),
  statusRequest: (ref) => ({ method: 'GET', url: ref.pollUrl ?? `/v1/jobs/${ref.id}` }),
  read: (body) => ({
    id: body.job_id,
    status: body.state,
    progress: body.pct,
    createdAt: body.created,
    output: body.result,
    error: body.error,
    pollUrl: body.self,
  }),
})
const read = (body: Record<string, unknown>) => acme.parseStatus(res({ job_id: 'j1', ...body }), { id: 'j1' })

describe('defineAdapter', () => {
  it('resolves request paths against baseUrl and keeps the typed input', () => {
    expect(acme.createRequest({ prompt: 'hi' }, { jobId: 'x' })).toEqual({ method: 'POST', url: 'https://api.acme.dev/v1/jobs', body: { prompt: 'hi' } })
    expect(acme.statusRequest({ id: 'j1' }).url).toBe('https://api.acme.dev/v1/jobs/j1')
    expect(acme.statusRequest({ id: 'j1', pollUrl: 'https://api.acme.dev/v2/jobs/j1' }).url).toBe('https://api.acme.dev/v2/jobs/j1')
  })

  it('has sensible defaults: 1-30 s starting at 2 s, no cancel, no batch, no history', () => {
    expect(acme.pollBounds).toEqual({ minMs: 1000, initialMs: 2000, maxMs: 30_000 })
    expect(acme.cancel).toBeUndefined()
    expect(acme.batch).toBeUndefined()
    expect(acme.history).toBeUndefined()
    expect(acme.idempotencyHeader).toBeUndefined()
  })

  it('maps common words by default, case-insensitively; anything else is unknown', () => {
    expect(['PENDING', 'processing', 'Failed', 'canceled', 'expired'].map((state) => read({ state }).state)).toEqual([
      'queued',
      'running',
      'failed',
      'cancelled',
      'expired',
    ])
    expect(read({ state: 'paused' })).toMatchObject({ state: 'unknown', rawStatus: 'paused' })
  })

  it('uses a statusMap exactly, and safely', () => {
    const custom = defineAdapter({
      name: 'custom',
      baseUrl: 'https://api.custom.dev',
      statusMap: { waiting: 'queued', working: 'running', done: 'succeeded' },
      createRequest: () => ({ method: 'POST', url: '/jobs' }),
      statusRequest: (ref) => ({ method: 'GET', url: `/jobs/${ref.id}` }),
      read: (body) => ({ id: body.id, status: body.status, output: body.output }),
    })
    const state = (status: string) => custom.parseStatus(res({ id: 'x', status, output: 'text' }), { id: 'x' }).state
    expect([state('waiting'), state('WORKING'), state('done')]).toEqual(['queued', 'running', 'succeeded'])
    expect([state('pending'), state('constructor'), state('__proto__'), state('toString')]).toEqual(['unknown', 'unknown', 'unknown', 'unknown'])
  })

  it('normalizes draft values: percent strings, seconds, relative and unsafe URLs', () => {
    const task = read({
      state: 'completed',
      pct: '45%',
      created: 1720000000,
      result: { images: ['/files/a.png', 'javascript:alert(1)', 'https://cdn.acme.dev/b.jpg'] },
      self: '/v1/jobs/j1',
    })
    expect(task).toMatchObject({ state: 'succeeded', progress: 45, createdAt: 1720000000000, pollUrl: 'https://api.acme.dev/v1/jobs/j1' })
    expect(task.assets).toEqual([
      { kind: 'image', url: 'https://api.acme.dev/files/a.png' },
      { kind: 'image', url: 'https://cdn.acme.dev/b.jpg' },
    ])
    expect(read({ state: 'running', self: 'https://evil.example/j1' }).pollUrl).toBeUndefined()
  })

  it('fails a success without output unless there is other content or requireOutput is off', () => {
    expect(read({ state: 'succeeded' })).toMatchObject({ state: 'failed', error: { code: 'missing_output' } })
    expect(read({ state: 'succeeded', result: 'hello Alice' }).state).toBe('succeeded')
    const lenient = defineAdapter({ ...acmeSpec(), requireOutput: false })
    expect(lenient.parseStatus(res({ job_id: 'j', state: 'succeeded' }), { id: 'j' }).state).toBe('succeeded')
  })

  it('gives failures a message', () => {
    expect(read({ state: 'failed' }).error).toEqual({ message: 'Task failed' })
    expect(read({ state: 'failed', error: { code: 'E1', message: 'nope' } }).error).toEqual({ code: 'E1', message: 'nope' })
  })

  it('reads a create answer without a status as queued', () => {
    expect(acme.parseCreate(res({ job_id: 'j9' }), { prompt: 'p' })).toMatchObject({ id: 'j9', state: 'queued', rawStatus: '' })
    expect(acme.parseCreate(res({ job_id: 'j9', state: 'running' }), { prompt: 'p' }).state).toBe('running')
  })

  it('maps JSON errors by HTTP status, with Retry-After and request id', () => {
    expect(thrown(() => read({}) && acme.parseStatus(res({ message: 'who?' }, 401), { id: 'j' })).kind).toBe('auth')
    expect(thrown(() => acme.parseStatus(res({ error: { message: 'gone' } }, 404), { id: 'j' }))).toMatchObject({ kind: 'not-found', message: 'gone' })
    expect(thrown(() => acme.parseStatus(res({}, 429, { 'retry-after': '2' }), { id: 'j' }))).toMatchObject({ kind: 'rate-limited', retryAfterMs: 2000 })
    expect(thrown(() => acme.parseStatus(res({}, 500, { 'x-request-id': 'r1' }), { id: 'j' }))).toMatchObject({ kind: 'http', retryable: true, requestId: 'r1' })
    expect(thrown(() => acme.parseStatus(res(null), { id: 'j' })).kind).toBe('parse')
    expect(thrown(() => acme.parseStatus(res({ state: 'running' }), { id: 'j' })).kind).toBe('parse')
  })

  it('reads error envelopes in 2xx answers and provider not-found codes', () => {
    const enveloped = defineAdapter({
      ...acmeSpec(),
      notFoundCodes: ['no_such_job'],
      isErrorBody: (body) => body.ok === false,
    })
    expect(thrown(() => enveloped.parseStatus(res({ ok: false, message: 'quota' }), { id: 'j' }))).toMatchObject({ kind: 'provider', message: 'quota' })
    expect(thrown(() => enveloped.parseStatus(res({ ok: false, code: 'no_such_job' }), { id: 'j' })).kind).toBe('not-found')
  })

  it('lets an error answer be a task state when the spec says so', () => {
    const lenient = defineAdapter({
      ...acmeSpec(),
      readErrorAsTask: (response, ref) => (response.status === 422 ? { id: ref.id, status: 'invalid', state: 'failed', error: 'bad input' } : undefined),
    })
    expect(lenient.parseStatus(res({}, 422), { id: 'j' })).toMatchObject({ state: 'failed', error: { message: 'bad input' } })
    expect(thrown(() => lenient.parseStatus(res({}, 400), { id: 'j' })).kind).toBe('http')
  })

  it('cancels with default outcomes', () => {
    const cancelling = defineAdapter({ ...acmeSpec(), cancel: { request: (task) => ({ method: 'POST', url: `/v1/jobs/${task.id}/cancel` }) } })
    const task = cancelling.parseStatus(res({ job_id: 'j', state: 'running' }), { id: 'j' })
    expect(cancelling.cancel?.request(task).url).toBe('https://api.acme.dev/v1/jobs/j/cancel')
    expect(cancelling.cancel?.parse(res({}, 202), task)).toBe('requested')
    expect(cancelling.cancel?.parse(res({}, 409), task)).toBe('not-cancellable')
    expect(thrown(() => cancelling.cancel?.parse(res({}, 500), task)).kind).toBe('http')
  })

  it('reads batch and history lists, leaving out unreadable entries', () => {
    const listing = defineAdapter({
      ...acmeSpec(),
      batch: { maxIds: 10, request: (ids) => ({ method: 'POST', url: '/v1/jobs/query', body: { ids } }), items: (body) => body },
      history: {
        request: (query) => ({ method: 'GET', url: `/v1/jobs?page=${query.page}` }),
        page: (body) => ({ items: body.jobs, total: body.count }),
        statuses: ['queued', 'running', 'succeeded'],
      },
    })
    const batch = listing.batch!.parse(res([{ job_id: 'a', state: 'running' }, 'junk', { job_id: 'b', state: 'queued' }]))
    expect(batch.map((task) => task.id)).toEqual(['a', 'b'])
    expect(listing.batch!.request(['a']).url).toBe('https://api.acme.dev/v1/jobs/query')
    const page = listing.history!.parse(res({ jobs: [{ job_id: 'a', state: 'running' }], count: 31 }))
    expect(page).toMatchObject({ total: 31, page: 1, pageSize: 1 })
    expect(thrown(() => listing.history!.parse(res({ jobs: 'nope' }))).kind).toBe('parse')
    expect(listing.history!.statuses).toEqual(['queued', 'running', 'succeeded'])
  })
})

function acmeSpec() {
  return {
    name: 'acme',
    baseUrl: 'https://api.acme.dev',
    createRequest: () => ({ method: 'POST' as const, url: '/v1/jobs' }),
    statusRequest: (ref: { id: string }) => ({ method: 'GET' as const, url: `/v1/jobs/${ref.id}` }),
    read: (body: Record<string, unknown>) => ({ id: body.job_id, status: body.state, output: body.result }),
  }
}
