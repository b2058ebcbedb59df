import { describe, expect, it } from 'vitest'
import { createManualClock } from './clock'
import { cancelledPlan, isTerminalPhase, taskStateAt } from './lifecycle'
import { drawTaskPlan, MEDIA_KINDS, OUTCOMES, RUN_DURATIONS, type TaskPlan } from './plan'
import { createRandom } from './random'

const plan = (overrides: Partial<TaskPlan> = {}): TaskPlan => ({ kind: 'video', queueMs: 20_000, initialQueuePosition: 8, runMs: 60_000, outcome: 'success', ...overrides })

describe('createRandom', () => {
  it('repeats for a seed, differs across seeds, stays in [0, 1)', () => {
    const a = createRandom(7)
    const b = createRandom(7)
    const c = createRandom(8)
    const first = Array.from({ length: 200 }, () => a())
    expect(Array.from({ length: 200 }, () => b())).toEqual(first)
    expect(Array.from({ length: 200 }, () => c())).not.toEqual(first)
    expect(first.every((value) => value >= 0 && value < 1)).toBe(true)
  })
})

describe('drawTaskPlan', () => {
  it('gives the same workload for the same seed', () => {
    const draw = (seed: number) => {
      const random = createRandom(seed)
      return Array.from({ length: 50 }, (_, i) => drawTaskPlan(MEDIA_KINDS[i % MEDIA_KINDS.length] ?? 'image', random))
    }
    expect(draw(42)).toEqual(draw(42))
    expect(draw(42)).not.toEqual(draw(43))
  })

  it('draws run durations inside each kind\u2019s range and queues of at most 30 s', () => {
    const random = createRandom(3)
    for (const kind of MEDIA_KINDS) {
      const [min, , max] = RUN_DURATIONS[kind]
      for (let i = 0; i < 300; i++) {
        const drawn = drawTaskPlan(kind, random, { outcome: 'success' })
        expect(drawn.runMs).toBeGreaterThanOrEqual(min)
        expect(drawn.runMs).toBeLessThanOrEqual(max)
        expect(drawn.queueMs).toBeGreaterThanOrEqual(0)
        expect(drawn.queueMs).toBeLessThanOrEqual(30_000)
        expect(drawn.initialQueuePosition > 0).toBe(drawn.queueMs > 0)
      }
    }
  })

  it('orders kinds by typical duration: videos take longer than images', () => {
    const random = createRandom(5)
    const mean = (kind: 'image' | 'video') => {
      let total = 0
      for (let i = 0; i < 200; i++) total += drawTaskPlan(kind, random, { outcome: 'success' }).runMs
      return total / 200
    }
    expect(mean('video')).toBeGreaterThan(mean('image') * 4)
  })

  it('draws mostly successes, some failures, and never the opt-in endings', () => {
    const random = createRandom(11)
    const counts = new Map<string, number>()
    for (let i = 0; i < 2_000; i++) {
      const { outcome } = drawTaskPlan('image', random)
      counts.set(outcome, (counts.get(outcome) ?? 0) + 1)
    }
    expect(counts.get('success') ?? 0).toBeGreaterThan(1_500)
    expect(counts.get('failure') ?? 0).toBeGreaterThan(50)
    expect(counts.get('blocked') ?? 0).toBeGreaterThan(20)
    expect(counts.has('never') || counts.has('no-output') || counts.has('cancelled')).toBe(false)
  })

  it('keeps later plans stable when one plan is overridden', () => {
    const plain = createRandom(9)
    const overridden = createRandom(9)
    drawTaskPlan('video', plain)
    drawTaskPlan('video', overridden, { outcome: 'never', queueMs: 0, runMs: 1 })
    expect(drawTaskPlan('image', overridden)).toEqual(drawTaskPlan('image', plain))
  })
})

describe('taskStateAt', () => {
  it('walks queue -> running -> success with falling positions and monotonic progress', () => {
    const p = plan()
    let lastPosition = Number.POSITIVE_INFINITY
    let lastProgress = -1
    let lastEta = Number.POSITIVE_INFINITY
    const phases = new Set<string>()
    for (let t = 0; t <= 90_000; t += 250) {
      const s = taskStateAt(p, t)
      phases.add(s.phase)
      expect(s.progress).toBeGreaterThanOrEqual(lastProgress)
      expect(s.etaMs).toBeLessThanOrEqual(lastEta)
      lastProgress = s.progress
      lastEta = s.etaMs
      if (s.phase === 'queued') {
        expect(s.queuePosition).toBeLessThanOrEqual(lastPosition)
        expect(s.queuePosition).toBeGreaterThanOrEqual(1)
        expect(s.progress).toBe(0)
        lastPosition = s.queuePosition
      } else {
        expect(s.queuePosition).toBe(0)
      }
      if (s.phase === 'running') expect(s.progress).toBeLessThan(100)
    }
    expect([...phases]).toEqual(['queued', 'running', 'succeeded'])
    expect(taskStateAt(p, 0).queuePosition).toBe(8)
    expect(lastPosition).toBe(1)
  })

  it('becomes terminal exactly at queue + run, with the outcome\u2019s phase', () => {
    const endings = { success: 'succeeded', failure: 'failed', blocked: 'blocked', expired: 'expired', cancelled: 'cancelled', 'no-output': 'succeeded' } as const
    for (const [outcome, phase] of Object.entries(endings)) {
      const p = plan({ outcome: outcome as TaskPlan['outcome'] })
      expect(taskStateAt(p, 79_999).phase).toBe('running')
      const end = taskStateAt(p, 80_000)
      expect(end.phase).toBe(phase)
      expect(end.finishedAtMs).toBe(80_000)
      expect(end.etaMs).toBe(0)
      expect(isTerminalPhase(end.phase)).toBe(true)
      expect(end.progress === 100).toBe(phase === 'succeeded')
    }
  })

  it('freezes progress where a failed task stopped', () => {
    const failed = taskStateAt(plan({ outcome: 'failure' }), 500_000)
    expect(failed.progress).toBeGreaterThan(90)
    expect(failed.progress).toBeLessThan(100)
  })

  it('never finishes a `never` plan: stuck near the end with nothing left on its estimate', () => {
    const p = plan({ outcome: 'never' })
    const later = taskStateAt(p, 10 * 60 * 60 * 1000)
    expect(later.phase).toBe('running')
    expect(later.progress).toBe(99)
    expect(later.etaMs).toBe(0)
    expect(later.finishedAtMs).toBeUndefined()
  })

  it('starts running at once without a queue', () => {
    const s = taskStateAt(plan({ queueMs: 0, initialQueuePosition: 0 }), 0)
    expect(s).toMatchObject({ phase: 'running', queuePosition: 0, progress: 0 })
  })

  it('ends a plan cancelled in the queue at the moment of cancellation', () => {
    const p = cancelledPlan(plan(), 5_000)
    expect(taskStateAt(p, 4_999).phase).toBe('queued')
    expect(taskStateAt(p, 5_000)).toMatchObject({ phase: 'cancelled', progress: 0, finishedAtMs: 5_000 })
  })

  it('replays 1,000 plans in virtual time, every one of them ending', () => {
    const random = createRandom(1)
    const plans = Array.from({ length: 1_000 }, (_, i) => drawTaskPlan(MEDIA_KINDS[i % MEDIA_KINDS.length] ?? 'video', random))
    for (const p of plans) {
      const end = taskStateAt(p, p.queueMs + p.runMs)
      expect(isTerminalPhase(end.phase)).toBe(true)
      expect(OUTCOMES).toContain(p.outcome)
    }
  })
})

describe('createManualClock', () => {
  it('moves only forward', () => {
    const clock = createManualClock(1_000)
    clock.advance(500)
    expect(clock.now()).toBe(1_500)
    clock.set(2_000)
    expect(clock.now()).toBe(2_000)
    expect(() => clock.advance(-1)).toThrow(RangeError)
    expect(() => clock.set(1_000)).toThrow(RangeError)
  })
})
