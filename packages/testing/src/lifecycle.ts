import type { TaskPlan } from './plan'

export type TaskPhase = 'queued' | 'running' | 'succeeded' | 'failed' | 'blocked' | 'expired' | 'cancelled'

export interface TaskSnapshot {
  phase: TaskPhase
  /** 0-100, never decreasing; 100 only on success; frozen where it stopped for other endings. */
  progress: number
  /** Place in the queue, falling to 1; 0 when not queued. */
  queuePosition: number
  /**
   * Time left until the planned terminal moment. A `never` task keeps claiming it is almost done:
   * its estimate runs out and stays at 0 while it keeps running (what a stuck task looks like).
   */
  etaMs: number
  /** Task time (ms since creation) at which it became terminal. */
  finishedAtMs?: number
}

export const TERMINAL_PHASES: readonly TaskPhase[] = ['succeeded', 'failed', 'blocked', 'expired', 'cancelled']

export function isTerminalPhase(phase: TaskPhase): boolean {
  return phase !== 'queued' && phase !== 'running'
}

/** Highest progress a task shows while running: 100 is kept for success. */
const RUNNING_PROGRESS_CAP = 99

/**
 * Progress while running. Eases out (fast start, slow finish), which is how real generators
 * report, and is strictly monotonic in elapsed time.
 */
function runningProgress(runElapsedMs: number, runMs: number): number {
  if (runMs <= 0) return RUNNING_PROGRESS_CAP
  const share = Math.min(1, Math.max(0, runElapsedMs / runMs))
  return Math.min(RUNNING_PROGRESS_CAP, Math.floor(100 * (1 - (1 - share) ** 1.6)))
}

const PHASE_BY_OUTCOME = {
  success: 'succeeded',
  'no-output': 'succeeded',
  failure: 'failed',
  blocked: 'blocked',
  expired: 'expired',
  cancelled: 'cancelled',
} as const

/**
 * The state of a planned task `elapsedMs` after its creation. Pure: the same plan and time give
 * the same snapshot, so a benchmark can replay thousands of plans in virtual time.
 */
export function taskStateAt(plan: TaskPlan, elapsedMs: number): TaskSnapshot {
  const elapsed = Math.max(0, elapsedMs)
  const terminalAt = plan.queueMs + plan.runMs

  if (elapsed < plan.queueMs) {
    const remainingShare = (plan.queueMs - elapsed) / plan.queueMs
    const queuePosition = Math.max(1, Math.ceil(plan.initialQueuePosition * remainingShare))
    return { phase: 'queued', progress: 0, queuePosition, etaMs: terminalAt - elapsed }
  }

  if (plan.outcome === 'never') {
    return { phase: 'running', progress: runningProgress(elapsed - plan.queueMs, plan.runMs), queuePosition: 0, etaMs: Math.max(0, terminalAt - elapsed) }
  }

  if (elapsed < terminalAt) {
    return { phase: 'running', progress: runningProgress(elapsed - plan.queueMs, plan.runMs), queuePosition: 0, etaMs: terminalAt - elapsed }
  }

  const phase = PHASE_BY_OUTCOME[plan.outcome]
  // Other endings keep the progress reached just before they stopped.
  const progress = phase === 'succeeded' ? 100 : plan.runMs > 0 ? runningProgress(plan.runMs - 1, plan.runMs) : 0
  return { phase, progress, queuePosition: 0, etaMs: 0, finishedAtMs: terminalAt }
}

/** The plan of a task cancelled at `elapsedMs` while queued: it ends there, cancelled. */
export function cancelledPlan(plan: TaskPlan, elapsedMs: number): TaskPlan {
  return { ...plan, queueMs: Math.max(0, Math.min(elapsedMs, plan.queueMs)), runMs: 0, outcome: 'cancelled' }
}
