import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { PollBounds } from './adapter'
import { createTestEnvironment, type TestEnvironment } from './environment'
import { TaskKitError } from './errors'
import type { Task } from './model'
import { TaskPoller, type StatusAnswer, type TaskPollerOptions } from './taskPoller'

const T0 = 1_000_000
const bounds: PollBounds = { minMs: 1000, initialMs: 2000, maxMs: 10_000 }

function task(overrides: Partial<Task> = {}): Task {
  return { id: 't1', provider: 'test', state: 'running', rawStatus: 'running', assets: [], raw: {}, ...overrides }
}

const elapsed = () => Date.now() - T0

/**
 * A status endpoint answering at once from a function of elapsed time and call number; it records
 * when each request was made (ms since T0).
 */
function server(answer: (ms: number, call: number) => StatusAnswer | Error) {
  const calls: number[] = []
  const signals: AbortSignal[] = []
  const fetchStatus = (signal: AbortSignal): Promise<StatusAnswer> => {
    calls.push(elapsed())
    signals.push(signal)
    const result = answer(elapsed(), calls.length)
    return result instanceof Error ? Promise.reject(result) : Promise.resolve(result)
  }
  return { fetchStatus, calls, signals }
}

/** A status endpoint whose answers the test releases by hand. */
function deferredServer() {
  const pending: { resolve(answer: StatusAnswer): void; reject(error: unknown): void; signal: AbortSignal }[] = []
  const calls: number[] = []
  const fetchStatus = (signal: AbortSignal) =>
    new Promise<StatusAnswer>((resolve, reject) => {
      calls.push(elapsed())
      pending.push({ resolve, reject, signal })
    })
  return { fetchStatus, pending, calls }
}

const running = (extra: Partial<Task> = {}): StatusAnswer => ({ task: task(extra) })

/**
 * Most tests pin the backoff flat (no growth with time in state) so request times are exact round
 * numbers; the growth has its own tests here and in pollScheduler.test.ts.
 */
const FLAT_BACKOFF = { backoffFraction: 0 }

let env: TestEnvironment
const pollers: TaskPoller[] = []

function poller(options: Partial<TaskPollerOptions> & Pick<TaskPollerOptions, 'fetchStatus'>) {
  const callbacks = { onUpdate: vi.fn(), onError: vi.fn(), onStop: vi.fn() }
  const instance = new TaskPoller({ bounds, environment: env, tuning: FLAT_BACKOFF, ...callbacks, ...options })
  pollers.push(instance)
  return { poller: instance, ...callbacks }
}

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(T0)
  env = createTestEnvironment()
})

afterEach(() => {
  for (const instance of pollers.splice(0)) instance.stop()
  vi.useRealTimers()
})

describe('TaskPoller: one request at a time', () => {
  it('polls at once without a known task, and schedules the next only after the answer', async () => {
    const s = deferredServer()
    const { poller: p } = poller({ fetchStatus: s.fetchStatus })
    p.start()
    expect(s.calls).toEqual([0])
    expect(p.getSnapshot().status).toBe('fetching')

    await vi.advanceTimersByTimeAsync(60_000) // a slow answer: nothing else goes out meanwhile
    expect(s.calls).toEqual([0])

    s.pending[0]?.resolve(running())
    await vi.advanceTimersByTimeAsync(0)
    expect(p.getSnapshot()).toMatchObject({ status: 'waiting', nextPollAt: T0 + 62_000, attempt: 1 })
    await vi.advanceTimersByTimeAsync(1999)
    expect(s.calls).toEqual([0])
    await vi.advanceTimersByTimeAsync(1)
    expect(s.calls).toEqual([0, 62_000])
  })

  it('does not start a second request when pollNow() is hammered during one', async () => {
    const s = deferredServer()
    const { poller: p, onUpdate } = poller({ fetchStatus: s.fetchStatus })
    p.start()
    const joined = Array.from({ length: 20 }, () => p.pollNow())
    env.emit('focus')
    env.setHidden(true)
    env.setHidden(false)
    expect(s.calls).toHaveLength(1)

    s.pending[0]?.resolve(running({ progress: 10 }))
    await Promise.all(joined)
    expect(onUpdate).toHaveBeenCalledTimes(1)
    expect(s.calls).toHaveLength(1)

    void p.pollNow() // after the answer, an explicit poll goes out at once
    expect(s.calls).toHaveLength(2)
  })

  it('waits for the schedule when the create already told us the state', async () => {
    const s = server(() => running())
    const { poller: p } = poller({ fetchStatus: s.fetchStatus, initialTask: task({ state: 'queued' }) })
    p.start()
    expect(s.calls).toEqual([])
    await vi.advanceTimersByTimeAsync(2000)
    expect(s.calls).toEqual([2000])
  })
})

describe('TaskPoller: terminal', () => {
  it('stops at a terminal answer and never polls again on its own', async () => {
    const s = server((_, call) => (call < 3 ? running({ progress: 50 }) : { task: task({ state: 'succeeded', assets: [{ kind: 'image', url: 'https://x/a.png' }] }) }))
    const { poller: p, onUpdate, onStop } = poller({ fetchStatus: s.fetchStatus })
    p.start()
    await vi.advanceTimersByTimeAsync(3_600_000)
    expect(s.calls).toEqual([0, 2000, 4000])
    // The second answer equals the first: no update for it.
    expect(onUpdate).toHaveBeenCalledTimes(2)
    expect(onUpdate.mock.lastCall?.[0]).toMatchObject({ state: 'succeeded', progress: 100 })
    expect(onStop.mock.calls).toEqual([['terminal']])
    expect(p.getSnapshot()).toMatchObject({ status: 'stopped', stopReason: 'terminal', nextPollAt: undefined })
    expect(env.listenerCount()).toBe(0)
    env.emit('focus')
    env.setOnline(false)
    env.setOnline(true)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(s.calls).toHaveLength(3)
  })

  it('makes no request for a task that was terminal from the start', async () => {
    const s = server(() => running())
    const { poller: p, onStop } = poller({ fetchStatus: s.fetchStatus, initialTask: task({ state: 'failed' }) })
    p.start()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(s.calls).toEqual([])
    expect(onStop.mock.calls).toEqual([['terminal']])
  })

  it('answers one explicit pollNow() after terminal, then stays stopped', async () => {
    let url = 'https://x/a.png?sig=1'
    const s = server(() => ({ task: task({ state: 'succeeded', assets: [{ kind: 'image', url }] }) }))
    const { poller: p, onUpdate, onStop } = poller({ fetchStatus: s.fetchStatus })
    p.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(s.calls).toEqual([0])
    url = 'https://x/a.png?sig=2'
    await vi.advanceTimersByTimeAsync(5000)
    await p.pollNow()
    expect(s.calls).toEqual([0, 5000])
    expect(onUpdate.mock.lastCall?.[0].assets[0].url).toBe('https://x/a.png?sig=2')
    expect(p.getSnapshot().status).toBe('stopped')
    await vi.advanceTimersByTimeAsync(600_000)
    expect(s.calls).toHaveLength(2)
    expect(onStop).toHaveBeenCalledTimes(1)
  })
})

describe('TaskPoller: intervals follow the hints', () => {
  it('honours Retry-After on a 429 (jittered only upwards), then backs off from the start again', async () => {
    const s = server((_, call) =>
      call === 1 ? new TaskKitError('rate-limited', 'slow down', { status: 429, retryAfterMs: 30_000 }) : running(),
    )
    const { poller: p, onError } = poller({ fetchStatus: s.fetchStatus })
    p.start()
    await vi.advanceTimersByTimeAsync(0)
    // random() is 0.5 in the test environment: +7.5 % of 30 s.
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ kind: 'rate-limited' }), { willRetry: true, nextDelayMs: 32_250 })
    expect(p.getSnapshot()).toMatchObject({ consecutiveErrors: 1, lastDecision: { reason: 'retry-after', delayMs: 32_250 } })
    await vi.advanceTimersByTimeAsync(32_249)
    expect(s.calls).toEqual([0])
    await vi.advanceTimersByTimeAsync(1)
    expect(s.calls).toEqual([0, 32_250])
    expect(p.getSnapshot()).toMatchObject({ consecutiveErrors: 0, lastDecision: { reason: 'backoff', delayMs: 2000 } })
  })

  it('honours Retry-After on a successful answer', async () => {
    const s = server(() => ({ task: task(), retryAfterMs: 7000 }))
    const { poller: p } = poller({ fetchStatus: s.fetchStatus, environment: (env = createTestEnvironment({ random: () => 0 })) })
    p.start()
    await vi.advanceTimersByTimeAsync(14_000)
    expect(s.calls).toEqual([0, 7000, 14_000])
  })

  it('backs off exponentially on consecutive failures and resets after a success', async () => {
    const s = server((_, call) => (call <= 3 ? new TypeError('fetch failed') : running()))
    const { poller: p, onError } = poller({ fetchStatus: s.fetchStatus })
    p.start()
    await vi.advanceTimersByTimeAsync(16_000)
    // 0 fails, +2 s fails, +4 s fails, +8 s answers, then +2 s (backoff, new state).
    expect(s.calls).toEqual([0, 2000, 6000, 14_000, 16_000])
    expect(onError.mock.calls.map(([error, info]) => [error.kind, info.nextDelayMs])).toEqual([
      ['network', 2000],
      ['network', 4000],
      ['network', 8000],
    ])
  })

  it('treats a fetchStatus that throws synchronously as a failed request', async () => {
    let calls = 0
    const fetchStatus = () => {
      calls += 1
      if (calls === 1) throw new TypeError('bad URL')
      return Promise.resolve(running())
    }
    const { poller: p, onError } = poller({ fetchStatus })
    p.start()
    expect(p.getSnapshot()).toMatchObject({ status: 'waiting', consecutiveErrors: 1 })
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ kind: 'network', message: 'bad URL' })
    await vi.advanceTimersByTimeAsync(2000)
    expect(calls).toBe(2)
    expect(p.getSnapshot()).toMatchObject({ status: 'waiting', consecutiveErrors: 0 })
  })

  it('retries other errors too (a parse error is often a proxy page)', async () => {
    const s = server((_, call) => (call === 1 ? new TaskKitError('parse', 'not JSON') : running()))
    const { poller: p, onError, onStop } = poller({ fetchStatus: s.fetchStatus })
    p.start()
    await vi.advanceTimersByTimeAsync(2000)
    expect(s.calls).toEqual([0, 2000])
    expect(onError.mock.calls[0]?.[1]).toEqual({ willRetry: true, nextDelayMs: 2000 })
    expect(onStop).not.toHaveBeenCalled()
  })

  it('aims one poll just after the ETA', async () => {
    const s = server((ms) => (ms < 5000 ? running({ etaMs: 5000 - ms }) : { task: task({ state: 'succeeded' }) }))
    const { poller: p, onStop } = poller({ fetchStatus: s.fetchStatus })
    p.start()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(s.calls).toEqual([0, 5250])
    expect(onStop).toHaveBeenCalledWith('terminal')
  })

  it('polls slower deeper in the queue', async () => {
    const s = server((ms) => ({ task: task({ state: 'queued', queuePosition: ms < 6000 ? 5 : 1 }) }))
    const { poller: p } = poller({ fetchStatus: s.fetchStatus })
    p.start()
    await vi.advanceTimersByTimeAsync(10_000)
    // position 5: 2 s x (1 + 0.5 x 4) = 6 s; position 1: 2 s.
    expect(s.calls).toEqual([0, 6000, 8000, 10_000])
    expect(p.getSnapshot().lastDecision?.reason).toBe('queue')
  })

  it('predicts the end from the progress rate: a few requests, the end seen just after it', async () => {
    // Runs 20 s at 5 %/s. Fixed 2 s polling would take 11 requests.
    const s = server((ms) => (ms < 20_000 ? running({ progress: ms / 200 }) : { task: task({ state: 'succeeded' }) }))
    const { poller: p } = poller({ fetchStatus: s.fetchStatus })
    const decisions: string[] = []
    p.subscribe(() => {
      const reason = p.getSnapshot().lastDecision?.reason
      if (reason && decisions.at(-1) !== reason) decisions.push(reason)
    })
    p.start()
    await vi.advanceTimersByTimeAsync(60_000)
    // 0 s: one sample, backoff. 2 s: a straight line says 18 s left, capped at maxMs. 12 s: three
    // samples; the fit, cautious about rounding, says 5.4 s. 17.4 s: 2.6 s left, plus the margin.
    expect(s.calls).toEqual([0, 2000, 12_000, 17_382, 20_020])
    expect(decisions).toEqual(['backoff', 'progress-rate'])
  })

  it("uses the create's answer as the first progress sample", async () => {
    const s = server((ms) => (ms < 20_000 ? running({ progress: ms / 200 }) : { task: task({ state: 'succeeded' }) }))
    const { poller: p } = poller({ fetchStatus: s.fetchStatus, initialTask: task({ progress: 0 }) })
    p.start()
    expect(p.getSnapshot().lastDecision?.reason).toBe('backoff')
    await vi.advanceTimersByTimeAsync(2000)
    expect(p.getSnapshot().lastDecision).toMatchObject({ reason: 'progress-rate', delayMs: 10_000 })
  })

  it('grows the backoff with time spent in one state, jitter within bounds', async () => {
    let r = 0
    const randoms = [0, 0.999, 0.3, 0.7, 0.1, 0.9]
    env = createTestEnvironment({ random: () => randoms[r++ % randoms.length] ?? 0.5 })
    const s = server(() => running())
    const { poller: p } = poller({ fetchStatus: s.fetchStatus, tuning: {} })
    p.start()
    await vi.advanceTimersByTimeAsync(600_000)
    const gaps = s.calls.slice(1).map((at, i) => at - (s.calls[i] ?? 0))
    expect(gaps[0]).toBe(1700) // 2 s - 15 %
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(bounds.minMs)
      expect(gap).toBeLessThanOrEqual(bounds.maxMs)
    }
    // Around 2 s in the first minute; at the cap (10 s +-15 %, clamped) after 5+ minutes.
    expect(Math.max(...gaps.slice(0, 5))).toBeLessThan(2400)
    expect(gaps.at(-1)).toBeGreaterThanOrEqual(8500)
    expect(gaps.length).toBeLessThan(100)
  })

  it("follows the caller's interval, a number or a function", async () => {
    const s = server(() => running())
    const { poller: p } = poller({ fetchStatus: s.fetchStatus, interval: 700 })
    p.start()
    await vi.advanceTimersByTimeAsync(2100)
    expect(s.calls).toEqual([0, 700, 1400, 2100])
    p.stop()

    const s2 = server(() => running())
    const byAttempt = ({ attempt }: { attempt: number }) => (attempt < 3 ? 500 : undefined)
    const { poller: p2 } = poller({ fetchStatus: s2.fetchStatus, interval: byAttempt })
    p2.start()
    await vi.advanceTimersByTimeAsync(3000)
    expect(s2.calls.map((at) => at - 2100)).toEqual([0, 500, 1000, 3000])
  })
})

describe('TaskPoller: deadline', () => {
  it('stops watching at the deadline and says so', async () => {
    const s = server(() => running())
    const { poller: p, onStop, onError } = poller({ fetchStatus: s.fetchStatus, deadlineMs: 5000 })
    p.start()
    await vi.advanceTimersByTimeAsync(5000)
    expect(s.calls).toEqual([0, 2000, 4000])
    expect(onStop.mock.calls).toEqual([['deadline']])
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ kind: 'deadline' })
    expect(onError.mock.calls[0]?.[1]).toEqual({ willRetry: false })
    await vi.advanceTimersByTimeAsync(600_000)
    expect(s.calls).toHaveLength(3)
    expect(p.getSnapshot()).toMatchObject({ status: 'stopped', stopReason: 'deadline' })
  })

  it('aborts a request in flight at the deadline and ignores its late answer', async () => {
    const s = deferredServer()
    const { poller: p, onUpdate } = poller({ fetchStatus: s.fetchStatus, deadlineMs: 3000 })
    p.start()
    await vi.advanceTimersByTimeAsync(3000)
    expect(s.pending[0]?.signal.aborted).toBe(true)
    s.pending[0]?.resolve(running())
    await vi.advanceTimersByTimeAsync(0)
    expect(onUpdate).not.toHaveBeenCalled()
  })
})

describe('TaskPoller: offline, hidden, focus', () => {
  it('pauses offline (no timer fires requests) and polls at once when back online', async () => {
    const s = server(() => running())
    const { poller: p } = poller({ fetchStatus: s.fetchStatus })
    p.start()
    await vi.advanceTimersByTimeAsync(0)
    env.setOnline(false)
    expect(p.getSnapshot()).toMatchObject({ status: 'paused', nextPollAt: undefined })
    await vi.advanceTimersByTimeAsync(120_000)
    expect(s.calls).toEqual([0])
    env.setOnline(true)
    expect(s.calls).toEqual([0, 120_000])
  })

  it('pauses after an answer that arrives offline', async () => {
    const s = deferredServer()
    const { poller: p } = poller({ fetchStatus: s.fetchStatus })
    p.start()
    env.setOnline(false)
    s.pending[0]?.reject(new TypeError('Failed to fetch'))
    await vi.advanceTimersByTimeAsync(60_000)
    expect(s.calls).toEqual([0])
    expect(p.getSnapshot().status).toBe('paused')
  })

  it('does not come back online faster than minMs after the last request', async () => {
    const s = server(() => running())
    const { poller: p } = poller({ fetchStatus: s.fetchStatus })
    p.start()
    await vi.advanceTimersByTimeAsync(0)
    env.setOnline(false)
    await vi.advanceTimersByTimeAsync(300)
    env.setOnline(true)
    expect(s.calls).toEqual([0])
    await vi.advanceTimersByTimeAsync(700)
    expect(s.calls).toEqual([0, 1000])
  })

  it('polls slower while hidden (configurable)', async () => {
    env.setHidden(true)
    const s = server(() => running())
    const { poller: p } = poller({ fetchStatus: s.fetchStatus })
    p.start()
    await vi.advanceTimersByTimeAsync(8000)
    expect(s.calls).toEqual([0, 8000])
    expect(p.getSnapshot().lastDecision).toMatchObject({ reason: 'backoff', hidden: true })
    p.stop()

    const s2 = server(() => running())
    const { poller: p2 } = poller({ fetchStatus: s2.fetchStatus, hiddenMultiplier: 2 })
    p2.start()
    await vi.advanceTimersByTimeAsync(4000)
    expect(s2.calls.map((at) => at - 8000)).toEqual([0, 4000])
  })

  it('polls at once when the page becomes visible again', async () => {
    env.setHidden(true)
    const s = server(() => running())
    const { poller: p } = poller({ fetchStatus: s.fetchStatus })
    p.start()
    await vi.advanceTimersByTimeAsync(3000)
    env.setHidden(false)
    expect(s.calls).toEqual([0, 3000])
  })

  it('polls at once on focus when a poll is waiting, but not within minMs of the last one', async () => {
    const s = server(() => running({ etaMs: 9000 }))
    const { poller: p } = poller({ fetchStatus: s.fetchStatus })
    p.start()
    await vi.advanceTimersByTimeAsync(5000)
    env.emit('focus')
    expect(s.calls).toEqual([0, 5000])
    await vi.advanceTimersByTimeAsync(400)
    env.emit('focus') // 400 ms after the last request: moved to minMs instead of now
    expect(s.calls).toEqual([0, 5000])
    expect(p.getSnapshot().nextPollAt).toBe(T0 + 6000)
    await vi.advanceTimersByTimeAsync(600)
    expect(s.calls).toEqual([0, 5000, 6000])
  })

  it('does not bypass a Retry-After on focus', async () => {
    const s = server((_, call) => (call === 1 ? new TaskKitError('rate-limited', '429', { status: 429, retryAfterMs: 20_000 }) : running()))
    const { poller: p } = poller({ fetchStatus: s.fetchStatus })
    p.start()
    await vi.advanceTimersByTimeAsync(5000)
    env.emit('focus')
    await vi.advanceTimersByTimeAsync(14_999)
    expect(s.calls).toEqual([0])
    await vi.advanceTimersByTimeAsync(2000)
    expect(s.calls[1]).toBeGreaterThanOrEqual(20_000)
  })
})

describe('TaskPoller: errors that stop', () => {
  it('stops at once on an auth error', async () => {
    const s = server(() => new TaskKitError('auth', 'Invalid API key', { status: 401 }))
    const { poller: p, onStop, onError } = poller({ fetchStatus: s.fetchStatus })
    p.start()
    await vi.advanceTimersByTimeAsync(600_000)
    expect(s.calls).toEqual([0])
    expect(onStop.mock.calls).toEqual([['auth']])
    expect(onError.mock.calls).toEqual([[expect.objectContaining({ kind: 'auth', status: 401 }), { willRetry: false }]])
    expect(p.getSnapshot()).toMatchObject({ status: 'stopped', stopReason: 'auth', error: { kind: 'auth' } })
  })

  it('retries a not-found within the grace period, then reports the task lost', async () => {
    const notFound = () => new TaskKitError('not-found', 'task_not_found', { status: 404, code: 'task_not_found' })
    const s = server(notFound)
    const { poller: p, onStop, onError } = poller({ fetchStatus: s.fetchStatus })
    p.start()
    await vi.advanceTimersByTimeAsync(600_000)
    // Error backoff 2, 4, 8 s, then the last check pulled onto the end of the 20 s grace.
    expect(s.calls).toEqual([0, 2000, 6000, 14_000, 20_000])
    expect(onError.mock.calls.slice(0, 4).map(([, info]) => info)).toEqual([
      { willRetry: true, nextDelayMs: 2000 },
      { willRetry: true, nextDelayMs: 4000 },
      { willRetry: true, nextDelayMs: 8000 },
      { willRetry: true, nextDelayMs: 6000 },
    ])
    const lost = onError.mock.calls[4]?.[0] as TaskKitError
    expect(lost).toMatchObject({ kind: 'lost', code: 'task_not_found', status: 404 })
    expect(lost.cause).toMatchObject({ kind: 'not-found' })
    expect(onStop.mock.calls).toEqual([['lost']])
  })

  it('forgets the grace once the task is found (replication lag)', async () => {
    const s = server((_, call) => (call <= 2 ? new TaskKitError('not-found', 'nf') : running()))
    const { poller: p, onStop } = poller({ fetchStatus: s.fetchStatus, notFoundGraceMs: 10_000 })
    p.start()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(onStop).not.toHaveBeenCalled()
    expect(s.calls.slice(0, 3)).toEqual([0, 2000, 6000])
    expect(p.getSnapshot().task?.state).toBe('running')
  })

  it('keeps polling an unknown status, then stops on time with an error', async () => {
    const s = server(() => ({ task: task({ state: 'unknown', rawStatus: 'weird' }) }))
    const { poller: p, onStop, onError } = poller({ fetchStatus: s.fetchStatus, maxUnknownMs: 30_000, interval: 7000 })
    p.start()
    await vi.advanceTimersByTimeAsync(600_000)
    expect(s.calls).toEqual([0, 7000, 14_000, 21_000, 28_000, 30_000])
    expect(onStop.mock.calls).toEqual([['unknown-timeout']])
    expect(onError.mock.calls[0]?.[0]).toMatchObject({ kind: 'provider', code: 'status_unknown' })
  })
})

describe('TaskPoller: stop and snapshot', () => {
  it('stop() aborts the request in flight, clears timers and ignores the late answer', async () => {
    const s = deferredServer()
    const { poller: p, onUpdate, onStop, onError } = poller({ fetchStatus: s.fetchStatus })
    p.start()
    p.stop()
    expect(s.pending[0]?.signal.aborted).toBe(true)
    s.pending[0]?.reject(new DOMException('aborted', 'AbortError'))
    await vi.advanceTimersByTimeAsync(600_000)
    expect(s.calls).toEqual([0])
    expect(onUpdate).not.toHaveBeenCalled()
    expect(onError).not.toHaveBeenCalled()
    expect(onStop.mock.calls).toEqual([['stopped']])
    expect(env.listenerCount()).toBe(0)
    p.stop()
    expect(onStop).toHaveBeenCalledTimes(1)
  })

  it('publishes a snapshot that changes by reference only when a field changed', async () => {
    const s = server(() => running())
    const { poller: p } = poller({ fetchStatus: s.fetchStatus })
    const statuses: string[] = []
    p.subscribe(() => statuses.push(p.getSnapshot().status))
    expect(p.getSnapshot().status).toBe('idle')
    p.start()
    await vi.advanceTimersByTimeAsync(0)
    const waiting = p.getSnapshot()
    env.setHidden(true) // nothing the snapshot shows changes
    expect(p.getSnapshot()).toBe(waiting)
    p.stop()
    expect(statuses).toEqual(['fetching', 'waiting', 'stopped'])
  })

  it('can start again after a stop', async () => {
    const s = server(() => running())
    const { poller: p } = poller({ fetchStatus: s.fetchStatus })
    p.start()
    await vi.advanceTimersByTimeAsync(0)
    p.stop()
    await vi.advanceTimersByTimeAsync(10_000)
    p.start()
    await vi.advanceTimersByTimeAsync(2000)
    expect(s.calls).toEqual([0, 12_000])
  })
})
