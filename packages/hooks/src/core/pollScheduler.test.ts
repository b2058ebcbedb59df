import { describe, expect, it } from 'vitest'
import type { PollBounds } from './adapter'
import type { Task } from './model'
import { nextPollDelay, predictProgressEnd, type PollPolicyInput } from './pollScheduler'

const bounds: PollBounds = { minMs: 1000, initialMs: 2000, maxMs: 10_000 }
const NOW = 1_000_000

function task(overrides: Partial<Task> = {}): Task {
  return { id: 't1', provider: 'test', state: 'running', rawStatus: 'running', assets: [], raw: {}, ...overrides }
}

/** No jitter (random 0.5 is the middle of the +-range), task just entered its state. */
function input(overrides: Partial<PollPolicyInput> = {}): PollPolicyInput {
  return { now: NOW, task: task(), stateSince: NOW, attempt: 1, bounds, random: () => 0.5, ...overrides }
}

describe('nextPollDelay: backoff by time in state', () => {
  it('waits initialMs, then a quarter of the time spent in the state, up to maxMs', () => {
    expect(nextPollDelay(input())).toEqual({ delayMs: 2000, reason: 'backoff', hidden: false })
    expect(nextPollDelay(input({ stateSince: NOW - 8000 })).delayMs).toBe(2000)
    expect(nextPollDelay(input({ stateSince: NOW - 20_000 })).delayMs).toBe(5000)
    expect(nextPollDelay(input({ stateSince: NOW - 36_000 })).delayMs).toBe(9000)
    expect(nextPollDelay(input({ stateSince: NOW - 60_000 })).delayMs).toBe(10_000)
    expect(nextPollDelay(input({ stateSince: NOW - 3_600_000 })).delayMs).toBe(10_000)
  })

  it('takes its growth from tuning (0 = flat)', () => {
    expect(nextPollDelay(input({ stateSince: NOW - 20_000, tuning: { backoffFraction: 0.1 } })).delayMs).toBe(2000)
    expect(nextPollDelay(input({ stateSince: NOW - 30_000, tuning: { backoffFraction: 0.1 } })).delayMs).toBe(3000)
    expect(nextPollDelay(input({ stateSince: NOW - 600_000, tuning: { backoffFraction: 0 } })).delayMs).toBe(2000)
  })

  it('applies +-15% jitter from the injected random()', () => {
    expect(nextPollDelay(input({ random: () => 0 })).delayMs).toBe(1700)
    expect(nextPollDelay(input({ random: () => 0.75 })).delayMs).toBe(2150)
    expect(nextPollDelay(input({ random: () => 0.999_999 })).delayMs).toBe(2300)
  })

  it('keeps jittered delays within the bounds', () => {
    const tight: PollBounds = { minMs: 1900, initialMs: 2000, maxMs: 2100 }
    for (let i = 0; i <= 100; i++) {
      const r = i / 100.0001
      for (const age of [0, 30_000, 600_000]) {
        const { delayMs } = nextPollDelay(input({ bounds: tight, random: () => r, stateSince: NOW - age }))
        expect(delayMs).toBeGreaterThanOrEqual(1900)
        expect(delayMs).toBeLessThanOrEqual(2100)
      }
    }
  })

  it('backs off without a task (no answer yet)', () => {
    expect(nextPollDelay(input({ task: undefined }))).toEqual({ delayMs: 2000, reason: 'backoff', hidden: false })
  })
})

describe("nextPollDelay: the caller's interval", () => {
  it('wins over hints and backoff', () => {
    const hinted = task({ etaMs: 4000 })
    expect(nextPollDelay(input({ task: hinted, interval: 777 }))).toEqual({ delayMs: 777, reason: 'caller', hidden: false })
  })

  it('gets the task, the attempt and the time in state, and may fall through with undefined', () => {
    const seen: unknown[] = []
    const interval = (context: { task: Task; attempt: number; msInState: number }) => {
      seen.push({ state: context.task.state, attempt: context.attempt, msInState: context.msInState })
      return context.task.state === 'queued' ? undefined : 3000
    }
    expect(nextPollDelay(input({ interval, attempt: 4, stateSince: NOW - 5000 })).delayMs).toBe(3000)
    expect(nextPollDelay(input({ interval, task: task({ state: 'queued' }) }))).toMatchObject({ reason: 'backoff' })
    expect(seen).toEqual([
      { state: 'running', attempt: 4, msInState: 5000 },
      { state: 'queued', attempt: 1, msInState: 0 },
    ])
  })

  it('ignores garbage (NaN, negative) rather than hammering', () => {
    expect(nextPollDelay(input({ interval: () => Number.NaN })).reason).toBe('backoff')
    expect(nextPollDelay(input({ interval: -5 })).reason).toBe('backoff')
  })

  it('does not shorten the error backoff', () => {
    expect(nextPollDelay(input({ interval: 500, consecutiveErrors: 3 }))).toMatchObject({ delayMs: 8000, reason: 'error-backoff' })
  })
})

describe('nextPollDelay: Retry-After', () => {
  it('is a floor over everything, caller included, and may exceed maxMs', () => {
    expect(nextPollDelay(input({ retryAfterMs: 30_000, random: () => 0 }))).toEqual({ delayMs: 30_000, reason: 'retry-after', hidden: false })
    expect(nextPollDelay(input({ retryAfterMs: 5000, interval: 500, random: () => 0 })).delayMs).toBe(5000)
  })

  it('is jittered only upwards (here +7.5% at random 0.5)', () => {
    expect(nextPollDelay(input({ retryAfterMs: 30_000 })).delayMs).toBe(32_250)
  })

  it('does not shorten a longer delay', () => {
    const long = input({ retryAfterMs: 500, stateSince: NOW - 180_000, random: () => 0 })
    expect(nextPollDelay(long)).toMatchObject({ delayMs: 10_000, reason: 'backoff' })
  })

  it('wins over the error backoff when longer', () => {
    expect(nextPollDelay(input({ consecutiveErrors: 1, retryAfterMs: 90_000, random: () => 0 }))).toMatchObject({
      delayMs: 90_000,
      reason: 'retry-after',
    })
  })
})

describe('nextPollDelay: error backoff', () => {
  it('doubles with each consecutive failure from initialMs, capped at 60 s', () => {
    const delays = [1, 2, 3, 4, 5, 6, 20, 5000].map((n) => nextPollDelay(input({ consecutiveErrors: n })).delayMs)
    expect(delays).toEqual([2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000])
    expect(nextPollDelay(input({ consecutiveErrors: 1 })).reason).toBe('error-backoff')
  })

  it('is jittered but never below minMs', () => {
    const low: PollBounds = { minMs: 1900, initialMs: 2000, maxMs: 10_000 }
    expect(nextPollDelay(input({ bounds: low, consecutiveErrors: 1, random: () => 0 })).delayMs).toBe(1900)
    expect(nextPollDelay(input({ consecutiveErrors: 2, random: () => 0 })).delayMs).toBe(3400)
  })
})

describe('nextPollDelay: ETA (Tripo running_left_time)', () => {
  it('aims one poll just after the predicted end', () => {
    // 4 s left: margin is max(250 ms, 5% of 4 s = 200 ms).
    expect(nextPollDelay(input({ task: task({ etaMs: 4000 }) }))).toEqual({ delayMs: 4250, reason: 'eta', hidden: false })
    expect(nextPollDelay(input({ task: task({ etaMs: 8000 }) })).delayMs).toBe(8400)
  })

  it('counts the ETA from when the answer was observed', () => {
    expect(nextPollDelay(input({ task: task({ etaMs: 4000 }), answeredAt: NOW - 1000 })).delayMs).toBe(3250)
  })

  it('never waits past maxMs for a far prediction, nor less than minMs for a near one', () => {
    expect(nextPollDelay(input({ task: task({ etaMs: 600_000 }) }))).toMatchObject({ delayMs: 10_000, reason: 'eta' })
    expect(nextPollDelay(input({ task: task({ etaMs: 100 }) }))).toMatchObject({ delayMs: 1000, reason: 'eta' })
  })

  it('past the predicted end, polls at the normal pace and then backs off from that moment', () => {
    expect(nextPollDelay(input({ task: task({ etaMs: 0 }) }))).toMatchObject({ delayMs: 2000, reason: 'eta' })
    // The ETA ran out 20 s ago: a quarter of that.
    const stale = input({ task: task({ etaMs: 10_000 }), answeredAt: NOW - 30_000 })
    expect(nextPollDelay(stale)).toMatchObject({ delayMs: 5000, reason: 'eta' })
  })

  it('is not jittered (a prediction is already specific to this task)', () => {
    expect(nextPollDelay(input({ task: task({ etaMs: 4000 }), random: () => 0 })).delayMs).toBe(4250)
  })
})

describe('nextPollDelay: queue position', () => {
  it('polls slower the deeper the queue', () => {
    const at = (queuePosition: number) => nextPollDelay(input({ task: task({ state: 'queued', queuePosition }) }))
    expect(at(1)).toEqual({ delayMs: 2000, reason: 'queue', hidden: false })
    expect(at(3).delayMs).toBe(4000)
    expect(at(5).delayMs).toBe(6000)
    expect(at(50).delayMs).toBe(10_000)
  })

  it('applies only while queued', () => {
    expect(nextPollDelay(input({ task: task({ state: 'running', queuePosition: 5 }) })).reason).toBe('backoff')
  })
})

describe('nextPollDelay: progress rate', () => {
  it('predicts the end from recent samples and aims just after it', () => {
    // 90 -> 95 % in 5 s: 1 %/s, 5 % left = 5 s (4 s if 95 was rounded down from 95.99); margin 250 ms.
    const progressSamples = [
      { at: NOW - 5000, progress: 90 },
      { at: NOW, progress: 95 },
    ]
    const decision = nextPollDelay(input({ progressSamples, stateSince: NOW - 20_000 }))
    expect(decision).toEqual({ delayMs: 5250, reason: 'progress-rate', hidden: false })
  })

  it('waits at most maxMs for a distant end', () => {
    const progressSamples = [
      { at: NOW - 10_000, progress: 10 },
      { at: NOW, progress: 20 },
    ]
    expect(nextPollDelay(input({ progressSamples, stateSince: NOW - 10_000 }))).toMatchObject({ delayMs: 10_000, reason: 'progress-rate' })
  })

  it('walks through a wide window at initialMs instead of jumping to its far edge', () => {
    // 99 % may be 99.99 %: the end may be now, or 5 s away at 0.2 %/s.
    const progressSamples = [
      { at: NOW - 10_000, progress: 97 },
      { at: NOW, progress: 99 },
    ]
    expect(nextPollDelay(input({ progressSamples, stateSince: NOW - 10_000 }))).toMatchObject({ delayMs: 2000, reason: 'progress-rate' })
  })

  it('falls back to backoff while progress does not move, or with one sample', () => {
    const flat = [
      { at: NOW - 5000, progress: 40 },
      { at: NOW, progress: 40 },
    ]
    expect(nextPollDelay(input({ progressSamples: flat, stateSince: NOW - 5000 })).reason).toBe('backoff')
    expect(nextPollDelay(input({ progressSamples: [{ at: NOW, progress: 40 }] })).reason).toBe('backoff')
  })

  it('picks the earlier of ETA and progress-rate predictions', () => {
    const progressSamples = [
      { at: NOW - 5000, progress: 90 },
      { at: NOW, progress: 95 },
    ]
    const early = nextPollDelay(input({ task: task({ etaMs: 3000 }), progressSamples, stateSince: NOW - 5000 }))
    expect(early).toMatchObject({ delayMs: 3250, reason: 'eta' })
    const late = nextPollDelay(input({ task: task({ etaMs: 9000 }), progressSamples, stateSince: NOW - 5000 }))
    expect(late).toMatchObject({ delayMs: 5250, reason: 'progress-rate' })
  })
})

describe('predictProgressEnd', () => {
  it('draws a straight line through two samples, as a window for rounding', () => {
    const samples = [
      { at: 100_000, progress: 50 },
      { at: 110_000, progress: 60 },
    ]
    // 1 % per second, 40 % left (39 % if 60 was rounded down).
    expect(predictProgressEnd(samples, 0)).toEqual({ earliestAt: 149_000, latestAt: 150_000 })
  })

  it('ignores samples from before the state began and outside the window', () => {
    const samples = [
      { at: 0, progress: 0 },
      { at: 100_000, progress: 50 },
      { at: 110_000, progress: 60 },
    ]
    expect(predictProgressEnd(samples, 50_000)?.latestAt).toBe(150_000)
    expect(predictProgressEnd(samples, 0, { rateWindowMs: 20_000 })?.latestAt).toBe(150_000)
  })

  it('follows an eased-out curve much closer than a straight line, without predicting past the truth', () => {
    // Work left drains at 0.001 * left^0.5 per ms: sqrt(left) = 10 - t/10 s, done at t = 100 s.
    const samples = [0, 20_000, 40_000].map((at) => ({ at, progress: 100 - (10 - at / 10_000) ** 2 }))
    expect(samples.map((sample) => sample.progress)).toEqual([0, 36, 64])
    const straightLineEnd = 40_000 + 36 / (28 / 20_000) // the newest interval's rate: 65.7 s
    const predicted = predictProgressEnd(samples, 0)?.latestAt ?? 0
    expect(predicted).toBeGreaterThan(straightLineEnd + 15_000)
    expect(predicted).toBeLessThanOrEqual(100_000)
  })

  it('treats 100 % while still running as due now, and 99 % as possibly due now', () => {
    expect(predictProgressEnd([{ at: 5, progress: 100 }], 0)).toEqual({ earliestAt: 5, latestAt: 5 })
    const end = predictProgressEnd(
      [
        { at: 0, progress: 97 },
        { at: 10_000, progress: 99 },
      ],
      0,
    )
    expect(end).toEqual({ earliestAt: 10_000, latestAt: 15_000 })
  })

  it('predicts nothing while progress stands still', () => {
    expect(
      predictProgressEnd(
        [
          { at: 0, progress: 40 },
          { at: 10_000, progress: 40 },
        ],
        0,
      ),
    ).toBeUndefined()
  })
})

describe('nextPollDelay: hidden tab', () => {
  it('multiplies the delay by 4, capped at 60 s', () => {
    expect(nextPollDelay(input({ hidden: true }))).toEqual({ delayMs: 8000, reason: 'backoff', hidden: true })
    expect(nextPollDelay(input({ hidden: true, stateSince: NOW - 600_000 })).delayMs).toBe(40_000)
    expect(nextPollDelay(input({ hidden: true, task: task({ etaMs: 4000 }) }))).toEqual({ delayMs: 17_000, reason: 'eta', hidden: true })
    expect(nextPollDelay(input({ hidden: true, consecutiveErrors: 6 })).delayMs).toBe(60_000)
  })

  it('never shortens a delay already longer than the cap', () => {
    expect(nextPollDelay(input({ hidden: true, retryAfterMs: 90_000, random: () => 0 }))).toEqual({
      delayMs: 90_000,
      reason: 'retry-after',
      hidden: true,
    })
  })

  it('is configurable, and a multiplier of 1 turns it off', () => {
    expect(nextPollDelay(input({ hidden: true, tuning: { hiddenMultiplier: 2 } })).delayMs).toBe(4000)
    expect(nextPollDelay(input({ hidden: true, tuning: { hiddenMultiplier: 1 } }))).toEqual({ delayMs: 2000, reason: 'backoff', hidden: false })
  })
})
