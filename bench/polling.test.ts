import { describe, expect, it } from 'vitest'
import { BENCH_BOUNDS, checkTarget, defaultPolicies, runPollingBench, type PollingBenchResult } from './polling'
import { drawWorkload, finishedAtMs } from './pollingWorkload'

/**
 * The bench on a small seeded workload: not its numbers (that is BENCHMARKS.md's job) but the
 * invariants every policy must keep, so a broken scheduler cannot hide behind good averages.
 */
const SETTINGS = { latencyMs: 200, horizonMs: 3_600_000 }
let cached: Promise<PollingBenchResult> | undefined
const bench = () => (cached ??= runPollingBench({ tasks: 100, seed: 7, settings: SETTINGS }))

describe('polling bench (100 tasks, seed 7)', () => {
  it('draws the same workload from the same seed, and a mix of image, video and 3D', () => {
    const a = drawWorkload(100, 7)
    expect(drawWorkload(100, 7)).toEqual(a)
    expect(new Set(a.map((task) => task.kind))).toEqual(new Set(['image', 'video', 'model3d', 'multiview']))
    expect(a.every((task) => finishedAtMs(task) !== undefined)).toBe(true)
  })

  it('runs every policy on every task', async () => {
    const result = await bench()
    expect(result.results.map((r) => r.policy.name)).toEqual(defaultPolicies().map((p) => p.name))
    for (const r of result.results) expect(r.runs).toHaveLength(100)
  })

  it('detects every terminal state, never before it happened, and never polls after knowing it', async () => {
    const { results } = await bench()
    for (const r of results) {
      expect(r.undetected, r.policy.name).toBe(0)
      expect(r.requestsAfterKnownTerminal, r.policy.name).toBe(0)
      for (const run of r.runs) {
        const end = finishedAtMs(run.task) ?? Number.POSITIVE_INFINITY
        // The app learns of the end from an answer read after it: at least half a round trip later.
        expect(run.detectedAtMs, `${r.policy.name} task ${run.task.index}`).toBeGreaterThanOrEqual(end + SETTINGS.latencyMs / 2)
        // The last request is the one that saw the end.
        expect(run.sentAtMs.at(-1)).toBe((run.detectedAtMs ?? 0) - SETTINGS.latencyMs)
        expect(run.requests).toBe(run.sentAtMs.length)
      }
    }
  })

  it("keeps TaskKit's requests within its bounds: one at a time, minMs apart, at most maxMs after an answer", async () => {
    const main = (await bench()).results.find((r) => r.policy.name === 'TaskKit')
    expect(main).toBeDefined()
    for (const run of main?.runs ?? []) {
      expect(run.sentAtMs[0]).toBeGreaterThanOrEqual(BENCH_BOUNDS.minMs)
      run.sentAtMs.slice(1).forEach((sentAt, i) => {
        const previous = run.sentAtMs[i] ?? 0
        const gapAfterAnswer = sentAt - (previous + SETTINGS.latencyMs)
        expect(gapAfterAnswer).toBeGreaterThanOrEqual(BENCH_BOUNDS.minMs)
        expect(gapAfterAnswer).toBeLessThanOrEqual(BENCH_BOUNDS.maxMs)
      })
    }
  })

  it('drives the real scheduler: its decisions use the hints the workload gives', async () => {
    const main = (await bench()).results.find((r) => r.policy.name === 'TaskKit')
    const reasons = new Set(main?.runs.flatMap((run) => Object.keys(run.reasons ?? {})))
    expect(reasons).toEqual(new Set(['backoff', 'progress-rate', 'queue', 'eta']))
    const progressOnly = (await bench()).results.find((r) => r.policy.name === 'TaskKit, progress only')
    const withoutTripoHints = new Set(progressOnly?.runs.flatMap((run) => Object.keys(run.reasons ?? {})))
    expect(withoutTripoHints.has('eta') || withoutTripoHints.has('queue')).toBe(false)
  })

  it('reports a target verdict', async () => {
    const check = checkTarget(await bench())
    expect(check).toMatchObject({ met: expect.any(Boolean), requestShare: expect.any(Number) })
  })
})
