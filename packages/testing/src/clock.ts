/**
 * Time source of the simulator. Everything that depends on "now" asks a Clock, so tests and
 * benchmarks can replay hours of task life in microseconds with a manual clock.
 */
export interface Clock {
  /** Current time in epoch milliseconds. */
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }

export interface ManualClock extends Clock {
  /** Moves time forward (negative values are refused: simulated time never runs backwards). */
  advance(ms: number): void
  /** Jumps to an absolute epoch-ms time; refused if it lies in the past. */
  set(ms: number): void
}

/** Default start: 2026-01-01T00:00:00Z, a fixed point so snapshots of timestamps are stable. */
const DEFAULT_START_MS = Date.UTC(2026, 0, 1)

export function createManualClock(startMs: number = DEFAULT_START_MS): ManualClock {
  let current = startMs
  return {
    now: () => current,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance(ms) needs a finite ms >= 0, got ${ms}`)
      current += ms
    },
    set(ms) {
      if (!Number.isFinite(ms) || ms < current) throw new RangeError(`set(ms) cannot move the clock backwards (${ms} < ${current})`)
      current = ms
    },
  }
}
