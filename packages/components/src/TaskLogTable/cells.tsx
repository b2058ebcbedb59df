import { isTerminalState, safeUrl, type Task } from '@taskkit/hooks'
import type { CSSProperties, ReactNode } from 'react'
import { clampProgress, formatPercent, stateLabel } from '../format'
import { formatDateTime, formatDuration, isoTime } from './logFormat'

// The cells below are plain functions of their props, without hooks: `renderTaskCell` calls them
// directly for every visible cell. Keep them that way (state belongs to the view).

/** Text for screen readers only (the class is defined in styles.css; inline style keeps it hidden unstyled too). */
export function VisuallyHidden({ children }: { children: ReactNode }) {
  return (
    <span
      className="tk-log__visually-hidden"
      style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clipPath: 'inset(50%)', whiteSpace: 'nowrap' }}
    >
      {children}
    </span>
  )
}

export function TimeCell({ ms, locale }: { ms: number | undefined; locale: string | undefined }) {
  const iso = isoTime(ms)
  if (!iso) return null
  return <time dateTime={iso}>{formatDateTime(ms, locale)}</time>
}

export function DurationCell({ ms, locale }: { ms: number | undefined; locale: string | undefined }) {
  if (ms === undefined) return null
  return <time dateTime={`PT${Math.round(ms / 1000)}S`}>{formatDuration(ms, locale)}</time>
}

export function TaskIdCell({ id, onCopy }: { id: string; onCopy: (id: string) => void }) {
  return (
    <span className="tk-log__id">
      <code className="tk-log__id-text" title={id}>
        {id}
      </code>
      <button type="button" className="tk-log__button tk-log__copy" onClick={() => onCopy(id)} aria-label={`Copy task ID ${id}`}>
        Copy
      </button>
    </span>
  )
}

/** The normalized state as a label, the provider's own word beside it. */
export function StatusCell({ task }: { task: Task }) {
  return (
    <span className="tk-log__status" data-status={task.state}>
      <span className="tk-log__state">{stateLabel(task.state)}</span>
      {task.rawStatus ? <span className="tk-log__raw" title="Provider status">{task.rawStatus}</span> : null}
    </span>
  )
}

/** The value the progress column shows: 100 once succeeded, nothing for a task that ended without one. */
export function progressValue(task: Task): number | undefined {
  if (task.state === 'succeeded') return 100
  return clampProgress(task.progress)
}

export function ProgressCell({ task }: { task: Task }) {
  const value = progressValue(task)
  if (value === undefined) {
    if (isTerminalState(task.state)) return null
    // A queued task is waiting, not working: a still, empty track. Motion is for running tasks
    // whose progress is unknown (and each moving bar costs the page a composited animation).
    const waiting = task.state === 'queued'
    return (
      <span className="tk-log__progress" data-state={waiting ? 'waiting' : 'indeterminate'}>
        <span className="tk-log__progress-track" aria-hidden="true" />
        <VisuallyHidden>{waiting ? 'Not started' : 'Progress unknown'}</VisuallyHidden>
      </span>
    )
  }
  return (
    <span className="tk-log__progress" data-state={value >= 100 ? 'complete' : 'partial'}>
      <span className="tk-log__progress-track" aria-hidden="true" style={{ '--tk-log-progress': `${value}%` } as CSSProperties} />
      <span className="tk-log__progress-text">{formatPercent(value)}</span>
    </span>
  )
}

/** The first result URL that is safe to link to (http, https, blob), if any. */
export function resultUrl(task: Task): string | undefined {
  if (task.state !== 'succeeded') return undefined
  for (const asset of task.assets) {
    const url = safeUrl(asset.url)
    if (url) return url
  }
  return undefined
}

export function DetailsCell({ task, onOpen }: { task: Task; onOpen: (task: Task) => void }) {
  const url = resultUrl(task)
  return (
    <span className="tk-log__details">
      {url ? (
        <a className="tk-log__link" href={url} target="_blank" rel="noopener noreferrer" aria-label={`Result of task ${task.id}`}>
          Result
        </a>
      ) : task.error?.message && isTerminalState(task.state) ? (
        <span className="tk-log__reason" title={task.error.message}>
          {task.error.message}
        </span>
      ) : null}
      <button type="button" className="tk-log__button tk-log__open" onClick={() => onOpen(task)} aria-label={`Details of task ${task.id}`}>
        Details
      </button>
    </span>
  )
}
