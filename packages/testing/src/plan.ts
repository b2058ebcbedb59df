import { pickWeighted } from './random'

export type MediaKind = 'image' | 'video' | 'audio' | 'model3d' | 'multiview'

export const MEDIA_KINDS: readonly MediaKind[] = ['image', 'video', 'audio', 'model3d', 'multiview']

/**
 * How a task's life ends. `no-output` reports success without any media (the seed's "Final media
 * URL missing"); `never` keeps running forever (the seed's "Task never appears to finish").
 */
export type Outcome = 'success' | 'failure' | 'blocked' | 'expired' | 'cancelled' | 'no-output' | 'never'

export const OUTCOMES: readonly Outcome[] = ['success', 'failure', 'blocked', 'expired', 'cancelled', 'no-output', 'never']

/**
 * Everything that decides a task's life, fixed at creation. All durations are in task time
 * (the simulator's clock multiplied by its timeScale). The task is queued for `queueMs`, runs
 * for `runMs`, then reaches `outcome` at `queueMs + runMs`.
 */
export interface TaskPlan {
  kind: MediaKind
  queueMs: number
  /** Position when the task joins the queue; falls to 1 as the queue drains; 0 when there is no queue. */
  initialQueuePosition: number
  runMs: number
  outcome: Outcome
}

/** Running time per kind: [min, mode, max] in ms, drawn from a triangular distribution. */
export const RUN_DURATIONS: Readonly<Record<MediaKind, readonly [number, number, number]>> = {
  image: [5_000, 10_000, 25_000],
  video: [40_000, 90_000, 240_000],
  audio: [20_000, 40_000, 90_000],
  model3d: [20_000, 50_000, 120_000],
  multiview: [10_000, 18_000, 40_000],
}

/** A share of tasks starts at once; the others wait up to 30 s. */
export const QUEUE_SKIP_SHARE = 0.3
export const MAX_QUEUE_MS = 30_000
/** Roughly how long each task ahead in the queue holds us up, which turns a wait into a position. */
export const QUEUE_SLOT_MS = 2_500

/** Weights of the drawn outcomes. Cancellation, no-output and never only happen when asked for. */
export const OUTCOME_WEIGHTS: readonly (readonly [Outcome, number])[] = [
  ['success', 0.87],
  ['failure', 0.07],
  ['blocked', 0.04],
  ['expired', 0.02],
]

/** Moderation rejects early: a blocked task only runs this share of its drawn time. */
const BLOCKED_RUN_SHARE = 0.15

function triangular(u: number, min: number, mode: number, max: number): number {
  const split = (mode - min) / (max - min)
  return u < split ? min + Math.sqrt(u * (max - min) * (mode - min)) : max - Math.sqrt((1 - u) * (max - min) * (max - mode))
}

export function queuePositionFor(queueMs: number): number {
  return queueMs <= 0 ? 0 : Math.max(1, Math.ceil(queueMs / QUEUE_SLOT_MS))
}

/**
 * Draws one task's plan. Always consumes exactly three numbers from `random`, overrides or not,
 * so one overridden task does not shift the plans of every task after it.
 */
export function drawTaskPlan(kind: MediaKind, random: () => number, overrides: Partial<TaskPlan> = {}): TaskPlan {
  const uQueue = random()
  const uRun = random()
  const uOutcome = random()

  const effectiveKind = overrides.kind ?? kind
  const outcome = overrides.outcome ?? pickWeighted(() => uOutcome, OUTCOME_WEIGHTS)

  const drawnQueueMs = uQueue < QUEUE_SKIP_SHARE ? 0 : Math.round(((uQueue - QUEUE_SKIP_SHARE) / (1 - QUEUE_SKIP_SHARE)) * MAX_QUEUE_MS)
  const queueMs = Math.max(0, overrides.queueMs ?? drawnQueueMs)

  const [min, mode, max] = RUN_DURATIONS[effectiveKind]
  const drawnRunMs = Math.round(triangular(uRun, min, mode, max) * (outcome === 'blocked' ? BLOCKED_RUN_SHARE : 1))
  const runMs = Math.max(0, overrides.runMs ?? drawnRunMs)

  const requestedPosition = overrides.initialQueuePosition ?? queuePositionFor(queueMs)
  const initialQueuePosition = queueMs <= 0 ? 0 : Math.max(1, Math.round(requestedPosition))

  return { kind: effectiveKind, queueMs, initialQueuePosition, runMs, outcome }
}
