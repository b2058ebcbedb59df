import { createRandom, drawTaskPlan, taskStateAt, type MediaKind, type TaskPlan } from '@taskkit/testing'
import type { PollBounds } from '../packages/hooks/src/core/adapter'
import type { Task, TaskState } from '../packages/hooks/src/core/model'

/**
 * The polling bench's workload: seeded task plans from the simulator (@taskkit/testing), and what a
 * status request would answer about one of them at a given moment, normalized as an adapter would.
 */

/** Image via Qingbo, video via TokenLab, 3D and multiview via Tripo: the seeds' providers. */
export type BenchProvider = 'qingbo' | 'tokenlab' | 'tripo'

export interface WorkloadTask {
  index: number
  kind: MediaKind
  provider: BenchProvider
  plan: TaskPlan
  /** Seed of this task's own random stream (the scheduler's jitter), independent of the policy. */
  seed: number
}

/** Shares of the workload; 3D counts both Tripo kinds. */
export const KIND_MIX: readonly (readonly [MediaKind, number])[] = [
  ['image', 0.4],
  ['video', 0.3],
  ['model3d', 0.2],
  ['multiview', 0.1],
]

const PROVIDER_OF: Record<MediaKind, BenchProvider> = {
  image: 'qingbo',
  video: 'tokenlab',
  audio: 'tokenlab',
  model3d: 'tripo',
  multiview: 'tripo',
}

/**
 * The bounds each adapter in packages/hooks/src/core/adapters ships, from its provider's advice
 * (Qingbo 2-5 s, TokenLab 5-10 s, Tripo about 2 s). Copied, not imported, so the bench reads as a
 * fixed record of what was measured.
 */
export const ADAPTER_BOUNDS: Record<BenchProvider, PollBounds> = {
  qingbo: { minMs: 2000, initialMs: 2000, maxMs: 5000 },
  tokenlab: { minMs: 5000, initialMs: 5000, maxMs: 10_000 },
  tripo: { minMs: 2000, initialMs: 2000, maxMs: 5000 },
}

export function drawWorkload(count: number, seed: number): WorkloadTask[] {
  const random = createRandom(seed)
  const tasks: WorkloadTask[] = []
  for (let index = 0; index < count; index++) {
    const kind = pickKind(random())
    const plan = drawTaskPlan(kind, random)
    tasks.push({ index, kind, provider: PROVIDER_OF[kind], plan, seed: Math.floor(random() * 2 ** 31) })
  }
  return tasks
}

function pickKind(u: number): MediaKind {
  let threshold = u
  for (const [kind, share] of KIND_MIX) {
    threshold -= share
    if (threshold < 0) return kind
  }
  return 'image'
}

/**
 * Which server hints reach the scheduler:
 * - `progress`: progress only, for every provider (all three seeds report 0-100).
 * - `provider`: what each provider really sends: progress everywhere, plus Tripo's queue position
 *   (`queuing_num`) while queued and `running_left_time` (whole seconds) while running.
 */
export type HintSet = 'progress' | 'provider'

const STATE_OF_PHASE: Record<ReturnType<typeof taskStateAt>['phase'], TaskState> = {
  queued: 'queued',
  running: 'running',
  succeeded: 'succeeded',
  failed: 'failed',
  blocked: 'blocked',
  expired: 'expired',
  cancelled: 'cancelled',
}

/** The normalized task a status answer would give `elapsedMs` after creation. */
export function observeTask(task: WorkloadTask, elapsedMs: number, hints: HintSet): Task {
  const snapshot = taskStateAt(task.plan, elapsedMs)
  const state = STATE_OF_PHASE[snapshot.phase]
  const observed: Task = {
    id: `bench-${task.index}`,
    provider: task.provider,
    state,
    rawStatus: snapshot.phase,
    progress: snapshot.progress,
    assets: [],
    raw: undefined,
  }
  if (hints === 'provider' && task.provider === 'tripo') {
    if (state === 'queued' && snapshot.queuePosition > 0) observed.queuePosition = snapshot.queuePosition
    if (state === 'running') observed.etaMs = Math.round(snapshot.etaMs / 1000) * 1000
  }
  return observed
}

/** Task time at which the task became terminal, or undefined if it never does. */
export function finishedAtMs(task: WorkloadTask): number | undefined {
  return task.plan.outcome === 'never' ? undefined : task.plan.queueMs + task.plan.runMs
}
