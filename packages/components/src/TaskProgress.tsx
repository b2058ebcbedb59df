import { isTerminalState, useTask, type CancelState, type Task, type TaskKitError } from '@taskkit/hooks'
import { forwardRef, type ComponentPropsWithoutRef } from 'react'
import { Progress } from 'radix-ui'
import { cancelLabel, clampProgress, formatElapsed, formatEta, formatQueuePosition, stateLabel } from './format'
import { useMonotonicProgress, useNow, useThrottledValueText, type ValueTextThrottle } from './hooks'

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
}

function cx(...names: (string | false | undefined)[]): string {
  return names.filter(Boolean).join(' ')
}

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

  return (
    <div
      ref={ref}
      role="group"
      aria-label={groupLabel}
      aria-busy={live || undefined}
      data-status={state ?? 'loading'}
      data-variant={variant}
      data-cancel-state={cancelState}
      className={cx('tk-progress', className)}
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
      {error ? <p className="tk-progress__watch-error">{error.message}</p> : null}
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

const TaskProgressById = forwardRef<HTMLDivElement, Omit<TaskProgressProps, 'task'> & { taskId: string }>(
  function TaskProgressById({ taskId, onCancel, cancelState: cancelStateProp, error: errorProp, ...rest }, ref) {
    const { task, error, cancel, cancelState } = useTask(taskId)
    return (
      <TaskProgressView
        ref={ref}
        task={task}
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
