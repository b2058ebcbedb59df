/**
 * Small readers shared by adapters: providers disagree on units and types, these agree once.
 */

/** Values at or above this are epoch milliseconds; below, epoch seconds (CONTRACTS.md). */
const MS_THRESHOLD = 1e12

/** Epoch ms from seconds, milliseconds, a numeric string or an ISO date; undefined for 0, -1, null, junk. */
export function toEpochMs(value: unknown): number | undefined {
  if (typeof value === 'string') {
    if (value.trim() === '') return undefined
    const asNumber = Number(value)
    if (Number.isFinite(asNumber)) return toEpochMs(asNumber)
    const parsed = Date.parse(value)
    return Number.isFinite(parsed) ? parsed : undefined
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return undefined
  return value >= MS_THRESHOLD ? Math.round(value) : Math.round(value * 1000)
}

/** Progress 0-100 from `45`, `"45%"`, `"45"`, or a 0..1 fraction when `fraction` is set. */
export function toProgress(value: unknown, options: { fraction?: boolean } = {}): number | undefined {
  let n: number
  if (typeof value === 'number') n = value
  else if (typeof value === 'string' && value.trim() !== '') n = Number(value.trim().replace(/%$/, ''))
  else return undefined
  if (!Number.isFinite(n)) return undefined
  if (options.fraction) n *= 100
  return Math.min(100, Math.max(0, n))
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}

export function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return undefined
}

export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value)
  return undefined
}
