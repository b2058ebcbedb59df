import type { PollerEnvironment, TimerHandle } from '../packages/hooks/src/core/environment'

interface VirtualTimer {
  at: number
  sequence: number
  callback: () => void
}

/**
 * A PollerEnvironment on a virtual clock: timers go into a queue and `run()` jumps from one to the
 * next, so an hour of polling takes milliseconds. Always online and visible: the polling bench
 * measures the schedule, not the browser.
 */
export class VirtualEnvironment implements PollerEnvironment {
  #now: number
  #sequence = 0
  /** Kept sorted by time, then by insertion, so equal-time timers run in the order they were set. */
  #timers: VirtualTimer[] = []
  readonly random: () => number

  constructor(options: { random: () => number; startAt?: number }) {
    this.random = options.random
    this.#now = options.startAt ?? 0
  }

  now(): number {
    return this.#now
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer: VirtualTimer = { at: this.#now + Math.max(0, ms), sequence: this.#sequence++, callback }
    const index = this.#timers.findIndex((t) => t.at > timer.at)
    this.#timers.splice(index === -1 ? this.#timers.length : index, 0, timer)
    return timer
  }

  clearTimeout(handle: TimerHandle): void {
    const index = this.#timers.indexOf(handle as VirtualTimer)
    if (index !== -1) this.#timers.splice(index, 1)
  }

  isOnline(): boolean {
    return true
  }

  isHidden(): boolean {
    return false
  }

  subscribe(): () => void {
    return () => {}
  }

  /**
   * Runs timers in time order until none is left or the next one is after `untilMs`. Between two
   * timers it lets every pending promise settle, so async code (a poller awaiting its fetch) reacts
   * at the virtual instant its answer arrived.
   */
  async run(untilMs: number): Promise<void> {
    for (;;) {
      await settlePromises()
      const next = this.#timers[0]
      if (next === undefined || next.at > untilMs) return
      this.#timers.shift()
      this.#now = next.at
      next.callback()
    }
  }
}

/** setImmediate runs after the microtask queue is empty: every resolved promise has reacted. */
function settlePromises(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}
