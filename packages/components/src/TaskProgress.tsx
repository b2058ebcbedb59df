import { isTerminalState, useTask, type CancelState, type Task, type TaskKitError } from '@taskkit/hooks'
import { forwardRef, useSyncExternalStore, type ComponentPropsWithoutRef } from 'react'
import { Progress } from 'radix-ui'
import { cancelLabel, clampProgress, formatElapsed, formatEta, formatQueuePosition, stateLabel } from './format'
import { useMonotonicProgress, useNow, useThrottledValueText, type ValueTextThrottle } from './hooks'
import { withClassName } from './className'

export type TaskProgressVariant = 'full' | 'compact'

type RootProps = Omit<ComponentPropsWithoutRef<'div'>, 'children'>

export interface TaskProgressViewProps extends RootProps {
  /** The task to show; undefined while it is loading. */
  task: Task | undefined
  /** Where a cancellation request stands (DESIGN.md "Cancel"). Default `idle`. */
  cancelState?: CancelState
  /** Shows the cancel control; called when the user requests cancellation. */
  onCancel?: () => void
  /** A watching error (network, auth, deadline...), shown under the task. */
  error?: TaskKitError | Error
  /** `full` (default) or `compact` (one line: state, bar, cancel). */
  variant?: TaskProgressVariant
  /** Accessible name of the group. Default: "Task <id>". */
  label?: string
  /** Locale for numbers and durations. Default `en-US` (the labels are English). */
  locale?: string
  /** How often `aria-valuetext` may change. */
  valueTextThrottle?: ValueTextThrottle
  /**
   * The browser is offline: polling is paused. Shown while the task is not terminal. The `taskId`
   * form reads it from `navigator.onLine` unless given.
   */
  offline?: boolean
  /**
   * The create request got no answer (timeout, dropped connection): a job may or may not exist.
   * Shown when there is no task, so the user checks before submitting again.
   */
  outcomeUnknown?: OutcomeUnknown
}

/** What is known about a create request that got no answer. */
export interface OutcomeUnknown {
  /** The job id sent with the create (idempotency key). */
  jobId: string
  endpoint?: string
  model?: string
  /** When the create was sent (epoch ms). */
  submittedAt: number
}

export const OFFLINE_MESSAGE = 'Offline — will resume when you reconnect'
export const OUTCOME_UNKNOWN_MESSAGE = 'Outcome unknown: the create request got no answer. Check before submitting again.'

/** Cancel states that are settled: no more button, just what happened. */
const CANCEL_BUTTON_STATES: readonly CancelState[] = ['idle', 'requesting', 'error']

/**
 * Presentational task progress: state, provider status word, progress bar, queue position, time
 * left and elapsed, and a cancel control worded as a request.
 */
export const TaskProgressView = forwardRef<HTMLDivElement, TaskProgressViewProps>(function TaskProgressView(
  {
    task,
    cancelState = 'idle',
    onCancel,
    error,
    variant = 'full',
    label,
    locale = 'en-US',
    valueTextThrottle,
    offline = false,
    outcomeUnknown,
    className,
    ...rest
  },
  ref,
) {
  const state = task?.state
  const terminal = state ? isTerminalState(state) : false
  const live = !!task && !terminal
  const seen = useMonotonicProgress(task?.id, clampProgress(task?.progress))
  const value = state === 'succeeded' ? 100 : seen
  const valueText = useThrottledValueText(task?.id, value, valueTextThrottle)
  const now = useNow(live)
  const compact = variant === 'compact'

  const groupLabel = label ?? (task ? `Task ${task.id}` : 'Task')
  const showBar = !terminal || value !== undefined
  const startedAt = task?.createdAt ?? task?.startedAt
  const endAt = terminal ? (task?.finishedAt ?? now) : now
  const elapsed = startedAt !== undefined ? formatElapsed(endAt - startedAt, locale) : undefined
  const eta = live ? formatEta(task?.etaMs, locale) : undefined
  const queue = state === 'queued' && task?.queuePosition !== undefined ? formatQueuePosition(task.queuePosition) : undefined
  const showCancel = !!onCancel && !!task && (!terminal || cancelState !== 'idle')
  const cancelIsButton = CANCEL_BUTTON_STATES.includes(cancelState) && !terminal
  const showOffline = offline && !terminal

  if (!task && outcomeUnknown) {
    const submitted = new Date(outcomeUnknown.submittedAt)
    return (
      <div
        ref={ref}
        role="group"
        aria-label={label ?? `Job ${outcomeUnknown.jobId}`}
        data-status="outcome-unknown"
        data-variant={variant}
        data-offline={offline || undefined}
        className={withClassName('tk-progress', className)}
        {...rest}
      >
        <div className="tk-progress__header">
          <span className="tk-progress__state" role="status" aria-live="polite">
            {OUTCOME_UNKNOWN_MESSAGE}
          </span>
        </div>
        <dl className="tk-progress__outcome">
          <dt>Job ID</dt>
          <dd>
            <code className="tk-progress__code">{outcomeUnknown.jobId}</code>
          </dd>
          {outcomeUnknown.endpoint ? (
            <>
              <dt>Endpoint</dt>
              <dd>
                <code className="tk-progress__code">{outcomeUnknown.endpoint}</code>
              </dd>
            </>
          ) : null}
          {outcomeUnknown.model ? (
            <>
              <dt>Model</dt>
              <dd>{outcomeUnknown.model}</dd>
            </>
          ) : null}
          <dt>Submitted</dt>
          <dd>
            <time dateTime={submitted.toISOString()}>
              {submitted.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'medium' })}
            </time>
          </dd>
        </dl>
      </div>
    )
  }

  return (
    <div
      ref={ref}
      role="group"
      aria-label={groupLabel}
      aria-busy={live || undefined}
      data-status={state ?? 'loading'}
      data-variant={variant}
      data-cancel-state={cancelState}
      data-offline={showOffline || undefined}
      className={withClassName('tk-progress', className)}
      {...rest}
    >
      <div className="tk-progress__header">
        <span className="tk-progress__state" role="status" aria-live="polite">
          {task ? stateLabel(task.state) : 'Loading task…'}
        </span>
        {task && !compact && task.rawStatus ? (
          <span className="tk-progress__raw" title="Provider status">
            {' '}
            ({task.rawStatus})
          </span>
        ) : null}
        {queue ? <span className="tk-progress__queue"> {queue}</span> : null}
      </div>
      {showBar ? (
        <Progress.Root
          className="tk-progress__bar"
          value={value ?? null}
          max={100}
          aria-label={`${groupLabel} progress`}
          getValueLabel={() => valueText ?? ''}
        >
          <Progress.Indicator
            className="tk-progress__indicator"
            style={value !== undefined ? { width: `${value}%` } : undefined}
          />
        </Progress.Root>
      ) : null}
      {!compact && (eta || elapsed) ? (
        <div className="tk-progress__times">
          {eta ? <span className="tk-progress__eta">{eta}</span> : null}
          {eta && elapsed ? ' · ' : null}
          {elapsed ? (
            <span className="tk-progress__elapsed">
              Elapsed <time dateTime={`PT${Math.max(0, Math.floor((endAt - (startedAt ?? endAt)) / 1000))}S`}>{elapsed}</time>
            </span>
          ) : null}
        </div>
      ) : null}
      {task?.error && (state === 'failed' || state === 'blocked' || state === 'expired' || state === 'cancelled') ? (
        <p className="tk-progress__error">
          {task.error.message}
          {task.error.code ? <code className="tk-progress__code"> ({task.error.code})</code> : null}
        </p>
      ) : null}
      {showOffline ? (
        <p className="tk-progress__offline" role="status" aria-live="polite">
          {OFFLINE_MESSAGE}
        </p>
      ) : null}
      {error ? (
        // A passing error (the poller retries) is announced politely; one that stopped watching is an alert.
        <p className="tk-progress__watch-error" role={isRetrying(error) ? 'status' : 'alert'}>
          {error.message}
        </p>
      ) : null}
      {showCancel ? (
        <div className="tk-progress__cancel" data-cancel-state={cancelState}>
          {cancelIsButton ? (
            <button
              type="button"
              className="tk-progress__cancel-button"
              disabled={cancelState === 'requesting'}
              onClick={onCancel}
            >
              {cancelLabel(cancelState)}
            </button>
          ) : (
            <span className="tk-progress__cancel-status" role="status" aria-live="polite">
              {cancelLabel(cancelState)}
            </span>
          )}
        </div>
      ) : null}
    </div>
  )
})

export interface TaskProgressProps extends Omit<TaskProgressViewProps, 'task'> {
  /** The task to show (presentational form). */
  task?: Task
  /** Reads the task through `useTask(taskId)`; cancel uses the hook's `cancel()` unless `onCancel` is given. */
  taskId?: string
}

function subscribeOnline(onChange: () => void): () => void {
  window.addEventListener('online', onChange)
  window.addEventListener('offline', onChange)
  return () => {
    window.removeEventListener('online', onChange)
    window.removeEventListener('offline', onChange)
  }
}

const readOffline = (): boolean => typeof navigator !== 'undefined' && navigator.onLine === false
/** On the server (and while hydrating) the browser is taken to be online. */
const readOfflineOnServer = (): boolean => false

/** `true` while the browser reports no network (`navigator.onLine` + online/offline events). */
export function useOffline(): boolean {
  return useSyncExternalStore(subscribeOnline, readOffline, readOfflineOnServer)
}

const TaskProgressById = forwardRef<HTMLDivElement, Omit<TaskProgressProps, 'task'> & { taskId: string }>(
  function TaskProgressById({ taskId, onCancel, cancelState: cancelStateProp, error: errorProp, offline: offlineProp, ...rest }, ref) {
    const { task, error, cancel, cancelState } = useTask(taskId)
    const offline = useOffline()
    return (
      <TaskProgressView
        ref={ref}
        task={task}
        offline={offlineProp ?? offline}
        cancelState={cancelStateProp ?? cancelState}
        error={errorProp ?? error}
        onCancel={onCancel ?? (() => void cancel())}
        {...rest}
      />
    )
  },
)

/**
 * Progress of one asynchronous generation task. Pass `task` (presentational) or `taskId` (reads
 * through `useTask`, which needs a `TaskKitProvider`).
 */
export const TaskProgress = forwardRef<HTMLDivElement, TaskProgressProps>(function TaskProgress(
  { task, taskId, ...rest },
  ref,
) {
  if (task || taskId === undefined) return <TaskProgressView ref={ref} task={task} {...rest} />
  return <TaskProgressById ref={ref} taskId={taskId} {...rest} />
})

function isRetrying(error: Error): boolean {
  return (error as { retryable?: unknown }).retryable === true
}
