import type { CancelState, TaskState } from '@taskkit/hooks'

/** Human label for each normalized state (the provider's own word is shown next to it). */
export const STATE_LABELS: Record<TaskState, string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  expired: 'Expired',
  blocked: 'Blocked by moderation',
  unknown: 'Status unknown',
}

export function stateLabel(state: TaskState): string {
  return STATE_LABELS[state] ?? STATE_LABELS.unknown
}

/** Cancellation is a request, not a guaranteed stop: the wording says what the provider did. */
export const CANCEL_LABELS: Record<CancelState, string> = {
  idle: 'Request cancellation',
  requesting: 'Requesting…',
  requested: 'Cancellation requested',
  cancelled: 'Cancelled',
  'completed-anyway': 'Finished before it could be cancelled',
  'not-cancellable': "Can't cancel: already running",
  unsupported: 'Not supported for this model',
  error: 'Cancel failed, try again',
}

export function cancelLabel(state: CancelState): string {
  return CANCEL_LABELS[state] ?? CANCEL_LABELS.idle
}

export function formatQueuePosition(position: number): string {
  return `#${Math.max(1, Math.round(position))} in queue`
}

/** Clamps to 0-100; NaN and non-numbers become undefined (indeterminate). */
export function clampProgress(progress: number | undefined): number | undefined {
  if (typeof progress !== 'number' || Number.isNaN(progress)) return undefined
  return Math.min(100, Math.max(0, progress))
}

export function formatPercent(progress: number): string {
  return `${Math.round(progress)}%`
}

function unit(value: number, unitName: 'second' | 'minute' | 'hour', locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'unit', unit: unitName, unitDisplay: 'short', maximumFractionDigits: 0 }).format(value)
}

/** "about 2 min left", "about 45 sec left", "about 2 hr left"; undefined for no or negative hints. */
export function formatEta(etaMs: number | undefined, locale = 'en-US'): string | undefined {
  if (typeof etaMs !== 'number' || !Number.isFinite(etaMs) || etaMs < 0) return undefined
  const seconds = etaMs / 1000
  if (seconds < 10) return 'a few seconds left'
  if (seconds < 60) return `about ${unit(Math.round(seconds / 5) * 5, 'second', locale)} left`
  const minutes = seconds / 60
  if (minutes < 60) return `about ${unit(Math.round(minutes), 'minute', locale)} left`
  return `about ${unit(Math.round(minutes / 60), 'hour', locale)} left`
}

/** Clock-style elapsed time: "0:07", "12:05", "1:02:03". */
export function formatElapsed(ms: number, locale = 'en-US'): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = total % 60
  const two = new Intl.NumberFormat(locale, { minimumIntegerDigits: 2, useGrouping: false })
  const plain = new Intl.NumberFormat(locale, { useGrouping: false })
  return hours > 0
    ? `${plain.format(hours)}:${two.format(minutes)}:${two.format(seconds)}`
    : `${plain.format(minutes)}:${two.format(seconds)}`
}
