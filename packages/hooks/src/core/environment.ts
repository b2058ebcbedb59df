/**
 * Everything the poller needs from the outside world, behind one small interface, so the same
 * poller runs in a browser, on a server (SSR: no window, no document), under Vitest's fake timers
 * and in the bench's virtual time.
 */

export type PollerEvent = 'online' | 'offline' | 'visibilitychange' | 'focus'

/** Opaque: Node returns an object from setTimeout, browsers a number. */
export type TimerHandle = unknown

export interface PollerEnvironment {
  /** Epoch ms. */
  now(): number
  setTimeout(callback: () => void, ms: number): TimerHandle
  clearTimeout(handle: TimerHandle): void
  /** Uniform in [0, 1): the scheduler's jitter. */
  random(): number
  isOnline(): boolean
  isHidden(): boolean
  /** Returns the unsubscribe function. */
  subscribe(event: PollerEvent, callback: () => void): () => void
}

// Timers are looked up on globalThis at call time, not captured once, so that fake timers
// installed after this module loaded (vi.useFakeTimers()) still drive the poller.
function globalSetTimeout(callback: () => void, ms: number): TimerHandle {
  return globalThis.setTimeout(callback, ms)
}

function globalClearTimeout(handle: TimerHandle): void {
  globalThis.clearTimeout(handle as Parameters<typeof globalThis.clearTimeout>[0])
}

const noop = () => {}

/**
 * The real world: `navigator.onLine`, `document.visibilityState`, window and document events.
 * Without a window or a document (SSR, Node) it reports online and visible and never emits.
 */
export function browserEnvironment(): PollerEnvironment {
  return {
    now: () => Date.now(),
    setTimeout: globalSetTimeout,
    clearTimeout: globalClearTimeout,
    random: () => Math.random(),
    // `onLine === false` is reliable; `true` only means "some network", so anything else counts as online.
    isOnline: () => typeof navigator === 'undefined' || navigator.onLine !== false,
    isHidden: () => typeof document !== 'undefined' && document.visibilityState === 'hidden',
    subscribe(event, callback) {
      const target = eventTarget(event)
      if (!target) return noop
      target.addEventListener(event, callback)
      return () => target.removeEventListener(event, callback)
    },
  }
}

function eventTarget(event: PollerEvent): EventTarget | undefined {
  if (event === 'visibilitychange') return typeof document === 'undefined' ? undefined : document
  return typeof window === 'undefined' ? undefined : window
}

export interface TestEnvironment extends PollerEnvironment {
  /** Changes the flag and emits `online` or `offline` when it changed. */
  setOnline(online: boolean): void
  /** Changes the flag and emits `visibilitychange` when it changed. */
  setHidden(hidden: boolean): void
  /** Emits an event without touching the flags (e.g. `focus`). */
  emit(event: PollerEvent): void
  /** Number of live subscriptions, to check that a stopped poller let go of everything. */
  listenerCount(): number
}

export interface TestEnvironmentOptions {
  online?: boolean
  hidden?: boolean
  /** Defaults to 0.5: jitter of exactly zero, so tests can assert exact times. */
  random?: () => number
}

/**
 * A hand-driven environment for tests: flags you set, events you emit, and the global timers and
 * Date.now, so `vi.useFakeTimers()` controls time.
 */
export function createTestEnvironment(options: TestEnvironmentOptions = {}): TestEnvironment {
  let online = options.online ?? true
  let hidden = options.hidden ?? false
  const listeners = new Map<PollerEvent, Set<() => void>>()

  const emit = (event: PollerEvent) => {
    // Copy first: a listener may unsubscribe (or subscribe) while we iterate.
    for (const callback of [...(listeners.get(event) ?? [])]) callback()
  }

  return {
    now: () => Date.now(),
    setTimeout: globalSetTimeout,
    clearTimeout: globalClearTimeout,
    random: options.random ?? (() => 0.5),
    isOnline: () => online,
    isHidden: () => hidden,
    subscribe(event, callback) {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      // Wrap so the same function subscribed twice yields two independent subscriptions.
      const entry = () => callback()
      set.add(entry)
      return () => {
        set.delete(entry)
      }
    },
    setOnline(value) {
      if (value === online) return
      online = value
      emit(value ? 'online' : 'offline')
    },
    setHidden(value) {
      if (value === hidden) return
      hidden = value
      emit('visibilitychange')
    },
    emit,
    listenerCount: () => [...listeners.values()].reduce((sum, set) => sum + set.size, 0),
  }
}
