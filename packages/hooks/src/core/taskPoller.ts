import type { PollBounds } from './adapter'
import { browserEnvironment, type PollerEnvironment, type TimerHandle } from './environment'
import { TaskKitError, isTaskKitError } from './errors'
import { mergeTask } from './mergeTask'
import { isTerminalState, type Task } from './model'
import {
  nextPollDelay,
  type PollDecision,
  type PollInterval,
  type PollTuning,
  type ProgressSample,
} from './pollScheduler'

/**
 * Runs the polling of one task: one request in flight at most, the next one scheduled by
 * `nextPollDelay` only after the previous answer, paused offline, slower when hidden, stopped at
 * a terminal state. React-free; the React layer and the cross-tab poller drive it.
 */

export interface StatusAnswer {
  task: Task
  /** The server's Retry-After on a successful answer, in ms (e.g. on a 202). */
  retryAfterMs?: number
}

export type PollerStatus = 'idle' | 'waiting' | 'fetching' | 'paused' | 'stopped'

export type PollerStopReason = 'terminal' | 'deadline' | 'auth' | 'lost' | 'unknown-timeout' | 'stopped'

export interface PollerErrorInfo {
  willRetry: boolean
  /** When `willRetry`: the delay before the retry; undefined when paused offline (`online` resumes). */
  nextDelayMs?: number
}

export interface TaskPollerOptions {
  /** One status request. Throw a TaskKitError (`auth`, `not-found`, `rate-limited` ...) on failure. */
  fetchStatus(signal: AbortSignal): Promise<StatusAnswer>
  bounds: PollBounds
  /** The task as the create answered it: polling then starts on the schedule instead of at once. */
  initialTask?: Task
  interval?: PollInterval
  /** Stop WATCHING this long after `start()`; the task itself goes on and stays resumable. */
  deadlineMs?: number
  /** Hidden tab: delay multiplier (default 4, 1 = no slowdown). */
  hiddenMultiplier?: number
  /** A not-found right after create can be replication lag: retry this long before `lost`. */
  notFoundGraceMs?: number
  /** `unknown` keeps polling this long, then stops with an error. */
  maxUnknownMs?: number
  environment?: PollerEnvironment
  /** Fine tuning of the scheduler (jitter, backoff doubling ...). */
  tuning?: Partial<PollTuning>
  /** Called when something visible changed (never for an unchanged answer: see mergeTask). */
  onUpdate?(task: Task): void
  onError?(error: TaskKitError, info: PollerErrorInfo): void
  onStop?(reason: PollerStopReason): void
}

export interface TaskPollerSnapshot {
  readonly status: PollerStatus
  readonly task: Task | undefined
  /** Epoch ms of the scheduled request, when one is scheduled. */
  readonly nextPollAt: number | undefined
  readonly lastDecision: PollDecision | undefined
  readonly consecutiveErrors: number
  /** Status requests started so far. */
  readonly attempt: number
  readonly stopReason: PollerStopReason | undefined
  readonly error: TaskKitError | undefined
}

export const DEFAULT_NOT_FOUND_GRACE_MS = 20_000
export const DEFAULT_MAX_UNKNOWN_MS = 5 * 60_000
/** The rate fit uses three samples of the last minute; a few more cover fast polling, and no more. */
const MAX_PROGRESS_SAMPLES = 16

export class TaskPoller {
  readonly #options: TaskPollerOptions
  readonly #env: PollerEnvironment
  readonly #listeners = new Set<() => void>()

  #task: Task | undefined
  /** When the current state was first seen; also starts the `unknown` clock. */
  #stateSince = 0
  /** When the server looked at the task for the latest answer (the request's midpoint). */
  #observedAt = 0
  #samples: ProgressSample[] = []
  #attempt = 0
  #consecutiveErrors = 0
  #retryAfterMs: number | undefined
  /** Epoch ms before which the server asked us not to come back (Retry-After, from its answer). */
  #retryAfterUntil = 0
  #lastRequestAt: number | undefined
  #notFoundSince: number | undefined
  #error: TaskKitError | undefined

  #watching = false
  #stopReason: PollerStopReason | undefined
  #timer: TimerHandle | undefined
  #nextPollAt: number | undefined
  #deadlineTimer: TimerHandle | undefined
  #lastDecision: PollDecision | undefined
  #inFlight: { readonly controller: AbortController; done: Promise<void> } | undefined
  #unsubscribe: (() => void)[] = []
  #snapshot: TaskPollerSnapshot

  constructor(options: TaskPollerOptions) {
    this.#options = options
    this.#env = options.environment ?? browserEnvironment()
    this.#task = options.initialTask
    this.#snapshot = this.#buildSnapshot()
  }

  /** Starts (or restarts after a stop) watching. No-op while watching. */
  start(): void {
    if (this.#watching) return
    const now = this.#env.now()
    this.#watching = true
    this.#stopReason = undefined
    this.#error = undefined
    this.#consecutiveErrors = 0
    this.#notFoundSince = undefined
    this.#stateSince = now
    this.#observedAt = now
    // The create's answer (or the restored task) is the first progress sample: with the first
    // status answer the scheduler already has a rate to predict from.
    this.#samples = []
    if (this.#task !== undefined) this.#recordProgress(this.#task, now)
    this.#subscribeToEnvironment()
    if (this.#options.deadlineMs !== undefined) {
      this.#deadlineTimer = this.#env.setTimeout(() => this.#onDeadline(), Math.max(0, this.#options.deadlineMs))
    }

    if (this.#task !== undefined && isTerminalState(this.#task.state)) {
      this.#finish('terminal')
    } else if (this.#task === undefined) {
      // Nothing known yet: ask at once (offline: as soon as we are back).
      if (this.#env.isOnline()) void this.#request()
      else this.#notify()
    } else {
      this.#scheduleNext(now)
      this.#notify()
    }
  }

  /** Stops watching: aborts the request in flight, clears every timer. `onStop('stopped')`. */
  stop(): void {
    const wasWatching = this.#watching
    this.#abortInFlight()
    if (!wasWatching) {
      this.#notify()
      return
    }
    this.#finish('stopped')
  }

  /**
   * Asks now, whatever the schedule says (an explicit refresh, so neither `minMs` nor offline holds
   * it back). Joins the request already in flight instead of starting a second one. On a stopped
   * poller it makes one request and stays stopped (a terminal task is never polled again unasked).
   * Resolves when that request's answer has been handled; never rejects (failures go to `onError`).
   */
  pollNow(): Promise<void> {
    if (this.#inFlight) return this.#inFlight.done
    return this.#request()
  }

  getSnapshot(): TaskPollerSnapshot {
    return this.#snapshot
  }

  /** For `useSyncExternalStore` and devtools: called after each snapshot change. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => {
      this.#listeners.delete(listener)
    }
  }

  // ---- one request --------------------------------------------------------------------------

  #request(): Promise<void> {
    this.#clearTimer()
    const controller = new AbortController()
    const startedAt = this.#env.now()
    this.#attempt += 1
    this.#lastRequestAt = startedAt
    // In flight before fetchStatus is called: a fetchStatus that throws synchronously settles
    // this very request, and must find it registered.
    const inFlight = { controller, done: Promise.resolve() }
    this.#inFlight = inFlight
    inFlight.done = this.#run(controller, startedAt)
    if (this.#inFlight === inFlight) this.#notify()
    return inFlight.done
  }

  async #run(controller: AbortController, startedAt: number): Promise<void> {
    try {
      let answer: StatusAnswer
      try {
        answer = await this.#options.fetchStatus(controller.signal)
      } catch (error) {
        if (this.#settle(controller)) this.#handleFailure(toTaskKitError(error))
        return
      }
      if (this.#settle(controller)) this.#handleAnswer(answer, startedAt)
    } catch (callbackError) {
      // Only the app's callbacks can throw here, after the poller's own state is consistent. Let
      // the error surface as uncaught, where the app sees it, but keep `pollNow()` from rejecting.
      queueMicrotask(() => {
        throw callbackError
      })
    }
  }

  /** False when this request was aborted or superseded: its answer must change nothing. */
  #settle(controller: AbortController): boolean {
    if (this.#inFlight?.controller !== controller) return false
    this.#inFlight = undefined
    return true
  }

  #abortInFlight(): void {
    const inFlight = this.#inFlight
    this.#inFlight = undefined
    inFlight?.controller.abort()
  }

  // ---- answers ------------------------------------------------------------------------------

  #handleAnswer(answer: StatusAnswer, startedAt: number): void {
    const now = this.#env.now()
    // The server read the task somewhere between send and answer: the midpoint is the best guess,
    // and it keeps the progress rate and the ETA free of the network's round trip.
    const observedAt = startedAt + (now - startedAt) / 2
    const previous = this.#task
    const task = mergeTask(previous, answer.task)
    this.#recordObservation(previous, task, observedAt)
    this.#task = task
    this.#consecutiveErrors = 0
    this.#notFoundSince = undefined
    this.#error = undefined
    this.#setRetryAfter(answer.retryAfterMs, now)
    const changed = task !== previous

    if (!this.#watching) {
      this.#notify()
      if (changed) this.#options.onUpdate?.(task)
      return
    }
    if (isTerminalState(task.state)) {
      this.#finish('terminal', changed ? task : undefined)
      return
    }
    const maxUnknownMs = this.#options.maxUnknownMs ?? DEFAULT_MAX_UNKNOWN_MS
    if (task.state === 'unknown' && now - this.#stateSince >= maxUnknownMs) {
      const error = new TaskKitError('provider', `${taskLabel(task)} stayed in an unknown status for ${maxUnknownMs} ms`, {
        code: 'status_unknown',
        provider: task.provider,
      })
      this.#finish('unknown-timeout', changed ? task : undefined, error)
      return
    }
    // An unknown status is re-checked no later than its time limit, so the stop comes on time.
    this.#scheduleNext(now, task.state === 'unknown' ? this.#stateSince + maxUnknownMs : undefined)
    this.#notify()
    if (changed) this.#options.onUpdate?.(task)
  }

  #recordObservation(previous: Task | undefined, task: Task, observedAt: number): void {
    if (previous === undefined || previous.state !== task.state) {
      // The state began at the latest when the server read it, not when its answer reached us.
      this.#stateSince = observedAt
      this.#samples = []
    }
    this.#observedAt = observedAt
    this.#recordProgress(task, observedAt)
  }

  #recordProgress(task: Task, at: number): void {
    if (task.state !== 'running' || task.progress === undefined) return
    this.#samples.push({ at, progress: task.progress })
    if (this.#samples.length > MAX_PROGRESS_SAMPLES) this.#samples.shift()
  }

  #handleFailure(error: TaskKitError): void {
    const now = this.#env.now()
    this.#error = error
    if (!this.#watching) {
      this.#notify()
      this.#options.onError?.(error, { willRetry: false })
      return
    }
    if (error.kind === 'auth') {
      this.#finish('auth', undefined, error)
      return
    }

    let retryBy: number | undefined
    if (error.kind === 'not-found') {
      const graceMs = this.#options.notFoundGraceMs ?? DEFAULT_NOT_FOUND_GRACE_MS
      this.#notFoundSince ??= now
      retryBy = this.#notFoundSince + graceMs
      if (now >= retryBy) {
        const lost = new TaskKitError('lost', `${taskLabel(this.#task)} was not found for ${graceMs} ms`, {
          code: error.code,
          status: error.status,
          requestId: error.requestId,
          provider: error.provider,
          cause: error,
        })
        this.#finish('lost', undefined, lost)
        return
      }
    } else {
      this.#notFoundSince = undefined
    }

    this.#consecutiveErrors += 1
    this.#setRetryAfter(error.retryAfterMs, now)
    const decision = this.#scheduleNext(now, retryBy)
    this.#notify()
    this.#options.onError?.(error, { willRetry: true, nextDelayMs: decision?.delayMs })
  }

  // ---- scheduling ---------------------------------------------------------------------------

  /**
   * Schedules the next request, or pauses when offline (the `online` event resumes). `latestAt`
   * pulls the request earlier, e.g. so the last not-found check falls on the end of the grace.
   */
  #scheduleNext(now: number, latestAt?: number): PollDecision | undefined {
    this.#clearTimer()
    if (!this.#env.isOnline()) return undefined
    const options = this.#options
    const decision = nextPollDelay({
      now,
      task: this.#task,
      stateSince: this.#stateSince,
      answeredAt: this.#observedAt,
      attempt: this.#attempt,
      progressSamples: this.#samples,
      consecutiveErrors: this.#consecutiveErrors,
      retryAfterMs: this.#retryAfterMs,
      bounds: options.bounds,
      interval: options.interval,
      hidden: this.#env.isHidden(),
      random: () => this.#env.random(),
      tuning: options.hiddenMultiplier === undefined ? options.tuning : { ...options.tuning, hiddenMultiplier: options.hiddenMultiplier },
    })
    // Pulled earlier for `latestAt`, but never under minMs: a limit is no excuse to hammer.
    const delayMs = latestAt === undefined ? decision.delayMs : Math.min(decision.delayMs, Math.max(options.bounds.minMs, latestAt - now))
    this.#lastDecision = delayMs === decision.delayMs ? decision : { ...decision, delayMs }
    this.#setTimer(now, delayMs)
    return this.#lastDecision
  }

  #setTimer(now: number, delayMs: number): void {
    this.#clearTimer()
    this.#nextPollAt = now + delayMs
    this.#timer = this.#env.setTimeout(() => {
      this.#timer = undefined
      this.#nextPollAt = undefined
      void this.#request()
    }, delayMs)
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) this.#env.clearTimeout(this.#timer)
    this.#timer = undefined
    this.#nextPollAt = undefined
  }

  /**
   * Focus, visible again, back online: ask soon, but not faster than the provider allows (`minMs`
   * since the last request, and any Retry-After), and never a second request in flight.
   */
  #pollSoon(): void {
    if (!this.#watching || this.#inFlight || !this.#env.isOnline()) return
    const now = this.#env.now()
    const earliest = Math.max(now, this.#earliestAllowedAt())
    if (earliest <= now) {
      void this.#request()
    } else if (this.#nextPollAt === undefined || this.#nextPollAt > earliest) {
      this.#setTimer(now, earliest - now)
      this.#notify()
    }
  }

  #earliestAllowedAt(): number {
    const byBounds = this.#lastRequestAt === undefined ? 0 : this.#lastRequestAt + this.#options.bounds.minMs
    return Math.max(byBounds, this.#retryAfterUntil)
  }

  #setRetryAfter(retryAfterMs: number | undefined, now: number): void {
    this.#retryAfterMs = retryAfterMs
    this.#retryAfterUntil = retryAfterMs === undefined ? 0 : now + retryAfterMs
  }

  // ---- environment --------------------------------------------------------------------------

  #subscribeToEnvironment(): void {
    const env = this.#env
    this.#unsubscribe = [
      env.subscribe('offline', () => this.#onOffline()),
      env.subscribe('online', () => this.#pollSoon()),
      env.subscribe('focus', () => this.#pollSoon()),
      env.subscribe('visibilitychange', () => {
        if (!env.isHidden()) this.#pollSoon()
      }),
    ]
  }

  #onOffline(): void {
    // A request in flight is left to finish (or fail); its handler sees offline and pauses.
    if (!this.#watching || this.#timer === undefined) return
    this.#clearTimer()
    this.#notify()
  }

  #onDeadline(): void {
    this.#deadlineTimer = undefined
    if (!this.#watching) return
    const deadlineMs = this.#options.deadlineMs ?? 0
    const error = new TaskKitError('deadline', `Stopped watching ${taskLabel(this.#task)} after ${deadlineMs} ms`, {
      provider: this.#task?.provider,
    })
    this.#finish('deadline', undefined, error)
  }

  // ---- stopping -----------------------------------------------------------------------------

  /**
   * Ends watching for good (until `start()`): state first, then the callbacks, so a callback that
   * reads the snapshot sees the poller stopped, and one that throws cannot leave a timer behind.
   */
  #finish(reason: PollerStopReason, updated?: Task, error?: TaskKitError): void {
    this.#watching = false
    this.#stopReason = reason
    if (error) this.#error = error
    this.#abortInFlight()
    this.#clearTimer()
    if (this.#deadlineTimer !== undefined) this.#env.clearTimeout(this.#deadlineTimer)
    this.#deadlineTimer = undefined
    for (const unsubscribe of this.#unsubscribe) unsubscribe()
    this.#unsubscribe = []
    this.#notify()

    if (updated) this.#options.onUpdate?.(updated)
    if (error) this.#options.onError?.(error, { willRetry: false })
    this.#options.onStop?.(reason)
  }

  // ---- snapshot -----------------------------------------------------------------------------

  #status(): PollerStatus {
    if (this.#inFlight) return 'fetching'
    if (!this.#watching) return this.#stopReason === undefined ? 'idle' : 'stopped'
    return this.#timer === undefined ? 'paused' : 'waiting'
  }

  #buildSnapshot(): TaskPollerSnapshot {
    return Object.freeze({
      status: this.#status(),
      task: this.#task,
      nextPollAt: this.#nextPollAt,
      lastDecision: this.#lastDecision,
      consecutiveErrors: this.#consecutiveErrors,
      attempt: this.#attempt,
      stopReason: this.#stopReason,
      error: this.#error,
    })
  }

  /** A new snapshot object only when a field changed, so subscribers can compare by reference. */
  #notify(): void {
    const next = this.#buildSnapshot()
    const current = this.#snapshot
    const same = (Object.keys(next) as (keyof TaskPollerSnapshot)[]).every((key) => next[key] === current[key])
    if (same) return
    this.#snapshot = next
    for (const listener of [...this.#listeners]) listener()
  }
}

function taskLabel(task: Task | undefined): string {
  return task === undefined ? 'The task' : `Task ${task.id}`
}

function toTaskKitError(error: unknown): TaskKitError {
  if (isTaskKitError(error)) return error
  const message = error instanceof Error ? error.message : String(error)
  // Anything else thrown by a fetch is a transport failure: retryable.
  return new TaskKitError('network', message, { cause: error })
}
