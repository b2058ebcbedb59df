import type { PollBounds } from './adapter'
import type { PollerEnvironment, TimerHandle } from './environment'
import { toTaskKitError, type TaskKitError } from './errors'
import { isTerminalState, type Task } from './model'
import { nextPollDelay, type PollInterval } from './pollScheduler'

export interface BatchAnswer {
  tasks: Task[]
  retryAfterMs?: number
}

export interface BatchPollerOptions {
  ids: readonly string[]
  /** Tasks already known (from memory or records): terminal ones are never asked for. */
  known(id: string): Task | undefined
  /** One request for up to `maxIds` ids. */
  fetchBatch(ids: readonly string[], signal: AbortSignal): Promise<BatchAnswer>
  maxIds: number
  bounds: PollBounds
  interval?: PollInterval
  environment: PollerEnvironment
  onUpdate(task: Task): void
  onError(error: TaskKitError): void
  /** All tasks terminal, auth failed, or stop() was called. */
  onStop(reason: 'terminal' | 'auth' | 'stopped'): void
}

/**
 * Many tasks, one stream of requests: the live ones are fetched together through the adapter's
 * list endpoint, one request in flight at a time, the next scheduled after the answer for the
 * soonest any of them needs. Used by `useTasks` and the task log, where one request per row
 * would flood the provider.
 */
export class BatchPoller {
  readonly #options: BatchPollerOptions
  readonly #latest = new Map<string, Task>()
  readonly #stateSince = new Map<string, number>()
  #timer: TimerHandle | undefined
  #abort: AbortController | undefined
  #errors = 0
  #attempt = 0
  #stopped = false
  #inFlight = false
  #unsubscribe: (() => void)[] = []

  constructor(options: BatchPollerOptions) {
    this.#options = options
    const now = options.environment.now()
    for (const id of options.ids) {
      const task = options.known(id)
      if (task) this.#latest.set(id, task)
      this.#stateSince.set(id, now)
    }
  }

  start(): void {
    const env = this.#options.environment
    this.#unsubscribe = [
      env.subscribe('online', () => this.#pollSoon()),
      env.subscribe('focus', () => this.#pollSoon()),
    ]
    void this.#poll()
  }

  /** Polls now (focus, a user's refresh), unless a request is already in flight. */
  pollNow(): void {
    this.#pollSoon()
  }

  stop(): void {
    this.#finish('stopped')
  }

  #live(): string[] {
    return this.#options.ids.filter((id) => {
      const task = this.#latest.get(id)
      return !task || !isTerminalState(task.state)
    })
  }

  async #poll(): Promise<void> {
    if (this.#stopped) return
    const env = this.#options.environment
    const live = this.#live()
    if (live.length === 0) return this.#finish('terminal')
    // Offline: wait for the `online` event instead of burning requests.
    if (!env.isOnline()) return
    this.#abort = new AbortController()
    this.#inFlight = true
    let retryAfterMs: number | undefined
    try {
      for (let i = 0; i < live.length; i += this.#options.maxIds) {
        const answer = await this.#options.fetchBatch(live.slice(i, i + this.#options.maxIds), this.#abort.signal)
        this.#attempt++
        retryAfterMs = answer.retryAfterMs ?? retryAfterMs
        for (const task of answer.tasks) this.#accept(task)
      }
      this.#errors = 0
    } catch (error) {
      if (this.#stopped) return
      const taskKitError = toTaskKitError(error)
      this.#errors++
      retryAfterMs = taskKitError.retryAfterMs
      this.#options.onError(taskKitError)
      if (taskKitError.kind === 'auth') return this.#finish('auth')
    } finally {
      this.#inFlight = false
    }
    if (this.#stopped) return
    if (this.#live().length === 0) return this.#finish('terminal')
    this.#schedule(retryAfterMs)
  }

  #accept(task: Task): void {
    if (!this.#options.ids.includes(task.id)) return
    const previous = this.#latest.get(task.id)
    if (previous?.state !== task.state) this.#stateSince.set(task.id, this.#options.environment.now())
    this.#latest.set(task.id, task)
    this.#options.onUpdate(task)
  }

  /** The soonest delay any live task asks for. */
  #schedule(retryAfterMs: number | undefined): void {
    const env = this.#options.environment
    const now = env.now()
    let delay = Infinity
    for (const id of this.#live()) {
      const decision = nextPollDelay({
        now,
        task: this.#latest.get(id),
        stateSince: this.#stateSince.get(id) ?? now,
        attempt: this.#attempt,
        consecutiveErrors: this.#errors,
        retryAfterMs,
        bounds: this.#options.bounds,
        interval: this.#options.interval,
        hidden: env.isHidden(),
        random: env.random,
      })
      delay = Math.min(delay, decision.delayMs)
    }
    this.#timer = env.setTimeout(() => {
      this.#timer = undefined
      void this.#poll()
    }, delay)
  }

  #pollSoon(): void {
    // Never a second request while one is in flight: its answer schedules the next.
    if (this.#stopped || this.#inFlight) return
    if (this.#timer !== undefined) this.#options.environment.clearTimeout(this.#timer)
    this.#timer = undefined
    void this.#poll()
  }

  #finish(reason: 'terminal' | 'auth' | 'stopped'): void {
    if (this.#stopped) return
    this.#stopped = true
    if (this.#timer !== undefined) this.#options.environment.clearTimeout(this.#timer)
    this.#abort?.abort()
    for (const unsubscribe of this.#unsubscribe) unsubscribe()
    this.#options.onStop(reason)
  }
}
