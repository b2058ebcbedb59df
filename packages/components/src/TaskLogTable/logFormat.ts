import { isTerminalState, type Task } from '@taskkit/hooks'

function validTime(ms: number | undefined): ms is number {
  return typeof ms === 'number' && Number.isFinite(ms)
}

// Building an Intl formatter costs far more than using one (about half a millisecond each in
// Chromium): a log re-renders many time cells per keystroke, so formatters are made once per locale.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>()

/** The formatter `make` builds for `locale`, made once per key and locale. */
function cachedFormatter<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, locale: string | undefined, make: (locale?: string) => T): T {
  const id = `${key} ${locale ?? ''}`
  let formatter = formatters.get(id) as T | undefined
  if (formatter === undefined) {
    try {
      formatter = make(locale)
    } catch {
      // An invalid locale tag must not take the table down: the browser's locale instead.
      formatter = make()
    }
    formatters.set(id, formatter)
  }
  return formatter
}

const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'medium' }

/** A date and time in the user's locale (`undefined` = the browser's), e.g. "Jan 15, 2026, 12:00:05 PM". */
export function formatDateTime(ms: number | undefined, locale?: string): string {
  if (!validTime(ms)) return ''
  return cachedFormatter('date', locale, (tag) => new Intl.DateTimeFormat(tag, DATE_TIME)).format(ms)
}

/** A count with the locale's grouping, e.g. "10,000". */
export function formatCount(value: number, locale?: string): string {
  return cachedFormatter('count', locale, (tag) => new Intl.NumberFormat(tag)).format(value)
}

export function isoTime(ms: number | undefined): string | undefined {
  return validTime(ms) ? new Date(ms).toISOString() : undefined
}

/** When a task ended: only for terminal tasks (a running task has no completion time yet). */
export function completedAt(task: Task): number | undefined {
  return isTerminalState(task.state) && validTime(task.finishedAt) ? task.finishedAt : undefined
}

/** How long a finished task took, in ms; undefined while it runs or when a time is missing. */
export function durationMs(task: Task): number | undefined {
  const end = completedAt(task)
  const start = task.startedAt ?? task.createdAt
  if (end === undefined || !validTime(start)) return undefined
  return Math.max(0, end - start)
}

/** "850 ms", "42 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(ms: number | undefined, locale?: string): string {
  if (!validTime(ms)) return ''
  const number = (value: number, digits = 1) =>
    cachedFormatter(`number ${digits}`, locale, (tag) => new Intl.NumberFormat(tag, { minimumIntegerDigits: digits, maximumFractionDigits: 0, useGrouping: false })).format(
      value,
    )
  if (ms < 1000) return `${number(ms)} ms`
  const seconds = Math.round(ms / 1000)
  if (seconds < 60) return `${number(seconds)} s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${number(minutes)} min ${number(seconds % 60, 2)} s`
  return `${number(Math.floor(minutes / 60))} h ${number(minutes % 60, 2)} min`
}

/** The value of an `<input type="datetime-local">` for an epoch ms, in local time. */
export function toLocalInputValue(ms: number | undefined): string {
  if (!validTime(ms)) return ''
  const date = new Date(ms)
  const two = (value: number) => String(value).padStart(2, '0')
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}`
}

/** Epoch ms of a `datetime-local` value (local time); undefined for an empty or invalid value. */
export function fromLocalInputValue(value: string): number | undefined {
  if (!value) return undefined
  const ms = new Date(value).getTime()
  return Number.isFinite(ms) ? ms : undefined
}
