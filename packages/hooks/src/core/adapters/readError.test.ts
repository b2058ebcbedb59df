import { describe, expect, it } from 'vitest'
import { readError, readErrorDetails, retryAfterMs } from './readError'

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0)

describe('retryAfterMs', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(retryAfterMs('30', NOW)).toBe(30_000)
    expect(retryAfterMs(' 1.5 ', NOW)).toBe(1500)
    expect(retryAfterMs('Thu, 01 Jan 2026 12:00:10 GMT', NOW)).toBe(10_000)
    expect(retryAfterMs('Thu, 01 Jan 2026 11:00:00 GMT', NOW)).toBe(0)
  })

  it('ignores what it cannot read', () => {
    expect(retryAfterMs(undefined, NOW)).toBeUndefined()
    expect(retryAfterMs('soon', NOW)).toBeUndefined()
    expect(retryAfterMs('-5', NOW)).toBeUndefined()
    expect(retryAfterMs('', NOW)).toBeUndefined()
  })
})

describe('readErrorDetails', () => {
  const details = (body: unknown, status = 400, headers: Record<string, string> = {}) => readErrorDetails({ status, headers, body }, NOW)

  it('reads the usual shapes', () => {
    expect(details({ error: { code: 'bad_prompt', message: 'Prompt too long', request_id: 'r1' } })).toMatchObject({
      code: 'bad_prompt',
      message: 'Prompt too long',
      requestId: 'r1',
    })
    expect(details({ error: { type: 'invalid_request_error', message: 'x' } }).code).toBe('invalid_request_error')
    expect(details({ code: 2010, message: 'Insufficient credits', suggestion: 'Top up' })).toMatchObject({
      code: '2010',
      message: 'Insufficient credits',
      suggestion: 'Top up',
    })
    expect(details({ detail: 'Not found.' }).message).toBe('Not found.')
    expect(details({ error: 'task_not_found' })).toMatchObject({ code: 'task_not_found', message: 'task_not_found' })
    expect(details({ error: 'Something broke badly' })).toMatchObject({ code: undefined, message: 'Something broke badly' })
    expect(details('<html><body>502</body></html>', 502).message).toBe('<html><body>502</body></html>')
    expect(details(undefined, 503).message).toBe('HTTP 503')
    expect(details({}, 500, { 'x-request-id': 'hdr' }).requestId).toBe('hdr')
  })

  it('reads a rate-limit hint in words when no Retry-After header comes', () => {
    expect(details({ detail: 'Request was throttled. Your rate limit resets in ~30s.' }, 429).retryAfterMs).toBe(30_000)
    expect(details({ detail: 'try again in 2 seconds' }, 429).retryAfterMs).toBe(2000)
    expect(details({ detail: 'resets in ~30s' }, 429, { 'retry-after': '5' }).retryAfterMs).toBe(5000)
    expect(details({ detail: 'resets in ~30s' }, 400).retryAfterMs).toBeUndefined()
  })
})

describe('readError', () => {
  const kind = (status: number, body: unknown = {}, notFoundCodes?: string[]) =>
    readError({ status, headers: {}, body }, { provider: 'p', notFoundCodes }).kind

  it('maps HTTP statuses to kinds', () => {
    expect([401, 403, 404, 429, 500, 503, 400, 409, 200].map((status) => kind(status))).toEqual([
      'auth',
      'auth',
      'not-found',
      'rate-limited',
      'http',
      'http',
      'http',
      'http',
      'provider',
    ])
    expect(kind(400, { error: { code: 'gone_task' } }, ['gone_task'])).toBe('not-found')
  })

  it('marks what may pass as retryable', () => {
    const retryable = (status: number) => readError({ status, headers: {}, body: {} }, { provider: 'p' }).retryable
    expect([500, 502, 408, 425, 429].map(retryable)).toEqual([true, true, true, true, true])
    expect([400, 401, 403, 409, 422].map(retryable)).toEqual([false, false, false, false, false])
  })

  it('lets a provider classify first', () => {
    const error = readError({ status: 403, headers: {}, body: { code: 2010, message: 'credits' } }, { provider: 'p', classify: () => 'provider' })
    expect(error).toMatchObject({ kind: 'provider', provider: 'p', status: 403, code: '2010' })
  })
})
