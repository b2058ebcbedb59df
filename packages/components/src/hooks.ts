import { useEffect, useRef, useState } from 'react'
import { formatPercent } from './format'

/**
 * Progress that never moves backwards within one task: keeps the highest value seen for `id`
 * (also when the provider drops back to no value at all), and starts over for another id.
 */
export function useMonotonicProgress(id: string | undefined, progress: number | undefined): number | undefined {
  const [seen, setSeen] = useState<{ id: string | undefined; max: number | undefined }>({ id, max: progress })
  let max = seen.id === id ? seen.max : progress
  if (progress !== undefined && (max === undefined || progress > max)) max = progress
  if (seen.id !== id || seen.max !== max) setSeen({ id, max })
  return max
}

/** Wall-clock time, ticking once a second while `live`, frozen otherwise. */
export function useNow(live: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!live) return
    const tick = () => setNow(Date.now())
    const first = setTimeout(tick, 0)
    const timer = setInterval(tick, intervalMs)
    return () => {
      clearTimeout(first)
      clearInterval(timer)
    }
  }, [live, intervalMs])
  return now
}

export interface ValueTextThrottle {
  /** At most one update per this many ms for small steps. Default 2000. */
  intervalMs?: number
  /** A change of at least this many points is spoken at once. Default 10. */
  step?: number
}

/**
 * The progress text screen readers get (`aria-valuetext`): updated at most every `intervalMs`,
 * or at once on a jump of `step` points, on reaching 100, or for another task, so a bar moving
 * by 1% every poll does not flood the user with announcements.
 */
export function useThrottledValueText(
  id: string | undefined,
  value: number | undefined,
  { intervalMs = 2000, step = 10 }: ValueTextThrottle = {},
): string | undefined {
  const [spoken, setSpoken] = useState<{ id: string | undefined; value: number | undefined }>({ id, value })
  const lastAt = useRef(0)
  useEffect(() => {
    lastAt.current = Date.now()
  }, [])
  useEffect(() => {
    if (spoken.id === id && spoken.value === value) return
    const jump =
      spoken.id !== id ||
      value === undefined ||
      spoken.value === undefined ||
      value === 100 ||
      Math.abs(value - spoken.value) >= step
    const wait = jump ? 0 : Math.max(0, lastAt.current + intervalMs - Date.now())
    const timer = setTimeout(() => {
      lastAt.current = Date.now()
      setSpoken({ id, value })
    }, wait)
    return () => clearTimeout(timer)
  }, [id, value, spoken, intervalMs, step])
  const current = spoken.id === id && spoken.value !== undefined ? spoken.value : value
  return current === undefined ? undefined : formatPercent(current)
}
