import { isTerminalPhase, taskStateAt, type TaskSnapshot } from './lifecycle'
import type { MediaKind, TaskPlan } from './plan'
import type { ProviderName } from './providers'
import type { Quirks, TaskFault } from './tags'

/** One simulated task as the simulator keeps it. Never holds the API key, only its fingerprint. */
export interface TaskRecord {
  id: string
  /** Creation order within the simulator; new-api exposes it as the numeric `id`. */
  seq: number
  /** Fingerprint of the key that created the task: only that key can see it. */
  owner: string
  provider: ProviderName
  kind: MediaKind
  plan: TaskPlan
  /** Simulator-clock time of creation, epoch ms. */
  createdAtMs: number
  model: string
  /** The provider's word for what the task does: Tripo `type`, Qingbo/new-api `action`, TokenLab endpoint family. */
  type: string
  /** new-api `platform`. */
  platform: string
  /** The create path, e.g. `/v1/videos/generations` (support packets name the endpoint). */
  route: string
  /** Prompt without its `[sim:...]` tags. */
  prompt: string
  /** What the create request asked for, echoed where providers echo it (Tripo `input`). */
  input: Record<string, unknown>
  requestId: string
  billingTransactionId: string
  credits: number
  taskFaults: TaskFault[]
  quirks: Quirks
  /** A fixed raw status word (seeded history uses it for new-api's rarer words). */
  statusOverride?: string
}

export interface TaskView {
  record: TaskRecord
  snapshot: TaskSnapshot
  terminal: boolean
  /** Succeeded with media to show (a `no-output` task succeeds without any). */
  hasOutput: boolean
  createdAtMs: number
  /** Simulator-clock time the task left the queue, if it has. */
  startedAtMs?: number
  /** Simulator-clock time it became terminal, if it has. */
  finishedAtMs?: number
  nowMs: number
}

/** Reads a task at simulator time `nowMs`; `timeScale` speeds task time up against the clock. */
export function viewTask(record: TaskRecord, nowMs: number, timeScale: number): TaskView {
  const elapsedMs = Math.max(0, nowMs - record.createdAtMs) * timeScale
  const snapshot = taskStateAt(record.plan, elapsedMs)
  const terminal = isTerminalPhase(snapshot.phase)
  const toClock = (taskMs: number) => record.createdAtMs + Math.round(taskMs / timeScale)
  const started = snapshot.phase !== 'queued' && !(snapshot.phase === 'cancelled' && record.plan.runMs === 0)
  return {
    record,
    snapshot,
    terminal,
    hasOutput: snapshot.phase === 'succeeded' && record.plan.outcome !== 'no-output',
    createdAtMs: record.createdAtMs,
    startedAtMs: started ? toClock(record.plan.queueMs) : undefined,
    finishedAtMs: snapshot.finishedAtMs === undefined ? undefined : toClock(snapshot.finishedAtMs),
    nowMs,
  }
}
