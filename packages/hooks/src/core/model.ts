/**
 * The normalized task: one shape for every provider (see DESIGN.md "The normalized task").
 * Adapters produce it; the scheduler, the store and the React layer only ever read it.
 */

export type TaskState =
  | 'queued'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'cancelled'
  | 'expired'
  | 'blocked'
  | 'unknown'

export const TASK_STATES: readonly TaskState[] = [
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
  'expired',
  'blocked',
  'unknown',
]

/** Terminal = no further change will come from the provider. `unknown` keeps polling (bounded). */
export function isTerminalState(state: TaskState): boolean {
  return state !== 'queued' && state !== 'running' && state !== 'unknown'
}

export type AssetKind = 'image' | 'video' | 'audio' | 'model3d' | 'file'

export interface TaskAsset {
  kind: AssetKind
  url: string
  /** Provider's name for this output: `pbr_model`, `front`, `rendered_image`, ... */
  role?: string
  /** Epoch ms after which the URL stops working (Tripo: 5 minutes, Qingbo: `expires_at`). */
  expiresAt?: number
  mimeType?: string
}

export interface TaskFailure {
  /** Provider's error code (`task_failed`, `SAFETY.INPUT.TEXT`, ...), if any. */
  code?: string
  message: string
}

export interface TaskBilling {
  transactionId?: string
  credits?: number
}

export interface Task {
  /** Public task id (`id`, `task_id` and other aliases are read into this). */
  id: string
  /** Adapter name: `tokenlab`, `tripo`, `qingbo`, `newapi` or a custom one. */
  provider: string
  state: TaskState
  /** The provider's own status word, kept for display and support. */
  rawStatus: string
  /** 0-100, or undefined when the provider gives none (indeterminate). */
  progress?: number
  /** 1-based position in the provider's queue, when known. */
  queuePosition?: number
  /** Estimated time left, in ms, when the provider hints at it. */
  etaMs?: number
  createdAt?: number
  startedAt?: number
  finishedAt?: number
  model?: string
  type?: string
  platform?: string
  assets: TaskAsset[]
  error?: TaskFailure
  /** True when the provider says the task was cancelled (TokenLab: `failed` + `cancelled: true`). */
  cancelled?: boolean
  billing?: TaskBilling
  requestId?: string
  /** Preferred status URL from the provider, used before the canonical route. */
  pollUrl?: string
  /** The provider's response, untouched. */
  raw: unknown
}
