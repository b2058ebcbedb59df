import { afterEach, describe, expect, it, vi } from 'vitest'
import { browserEnvironment, createTestEnvironment } from './environment'

afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('browserEnvironment', () => {
  it('is safe without window, document or navigator (SSR, Node)', () => {
    vi.stubGlobal('window', undefined)
    vi.stubGlobal('document', undefined)
    vi.stubGlobal('navigator', undefined)
    const env = browserEnvironment()
    expect(env.isOnline()).toBe(true)
    expect(env.isHidden()).toBe(false)
    const unsubscribe = env.subscribe('focus', () => {})
    expect(() => unsubscribe()).not.toThrow()
  })

  it('reads navigator.onLine and document.visibilityState, and listens on window and document', () => {
    const win = new EventTarget()
    const doc = Object.assign(new EventTarget(), { visibilityState: 'hidden' })
    vi.stubGlobal('window', win)
    vi.stubGlobal('document', doc)
    vi.stubGlobal('navigator', { onLine: false })
    const env = browserEnvironment()
    expect(env.isOnline()).toBe(false)
    expect(env.isHidden()).toBe(true)

    const seen: string[] = []
    const off = env.subscribe('online', () => seen.push('online'))
    env.subscribe('visibilitychange', () => seen.push('visibility'))
    win.dispatchEvent(new Event('online'))
    doc.dispatchEvent(new Event('visibilitychange'))
    off()
    win.dispatchEvent(new Event('online'))
    expect(seen).toEqual(['online', 'visibility'])
  })

  it('uses the timers installed at call time, so fake timers drive it', () => {
    const env = browserEnvironment()
    vi.useFakeTimers()
    const fired = vi.fn()
    env.setTimeout(fired, 1000)
    vi.advanceTimersByTime(1000)
    expect(fired).toHaveBeenCalledTimes(1)
    const cancelled = vi.fn()
    env.clearTimeout(env.setTimeout(cancelled, 10))
    vi.advanceTimersByTime(100)
    expect(cancelled).not.toHaveBeenCalled()
  })
})

describe('createTestEnvironment', () => {
  it('emits online/offline and visibilitychange only when a flag changes', () => {
    const env = createTestEnvironment()
    const seen: string[] = []
    for (const event of ['online', 'offline', 'visibilitychange', 'focus'] as const) env.subscribe(event, () => seen.push(event))
    env.setOnline(true)
    env.setOnline(false)
    env.setHidden(true)
    env.setHidden(true)
    env.emit('focus')
    expect(seen).toEqual(['offline', 'visibilitychange', 'focus'])
    expect(env.isOnline()).toBe(false)
    expect(env.isHidden()).toBe(true)
  })

  it('counts live subscriptions, and a jitter-free random by default', () => {
    const env = createTestEnvironment()
    const off = env.subscribe('focus', () => {})
    env.subscribe('focus', () => {})
    expect(env.listenerCount()).toBe(2)
    off()
    expect(env.listenerCount()).toBe(1)
    expect(env.random()).toBe(0.5)
  })
})
