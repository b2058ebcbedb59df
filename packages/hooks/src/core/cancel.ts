import type { CancelOutcome } from './adapter'
import type { Task } from './model'
import { isTerminalState } from './model'

/**
 * Cancellation is a request, not a guaranteed stop (TokenLab seed): the UI must say what the
 * provider actually did. idle -> requesting -> requested -> cancelled | completed-anyway, or
 * straight to not-cancellable | unsupported | error.
 */
export type CancelState =
  | 'idle'
  | 'requesting'
  | 'requested'
  | 'cancelled'
  | 'completed-anyway'
  | 'not-cancellable'
  | 'unsupported'
  | 'error'

/** The state after the provider answered a cancel request: each outcome has a state of the same name. */
export function cancelStateFromOutcome(outcome: CancelOutcome): CancelState {
  return outcome
}

/**
 * A requested cancellation is settled by the task itself: it ends as cancelled, or it completes
 * (or fails) anyway because the provider could not stop it in time.
 */
export function cancelStateAfterUpdate(current: CancelState, task: Task): CancelState {
  if (current !== 'requested' && current !== 'requesting') return current
  if (!isTerminalState(task.state)) return current
  return task.state === 'cancelled' ? 'cancelled' : 'completed-anyway'
}

/** Whether a cancel request may be sent now (never twice, never for a finished task). */
export function canRequestCancel(current: CancelState, task: Task | undefined): boolean {
  if (!task || isTerminalState(task.state)) return false
  return current === 'idle' || current === 'error'
}
