import type { Task, TaskState } from '@taskkit/hooks'
import type { TaskListResult } from './types'

/** Fixed clock for tests and stories: 2026-01-15 12:00:00 UTC. */
export const LOG_NOW = Date.UTC(2026, 0, 15, 12, 0, 0)

const PLATFORMS = ['kling', 'suno', 'sora'] as const
const TYPES: Record<(typeof PLATFORMS)[number], string> = { kling: 'generate', suno: 'MUSIC', sora: 'textGenerate' }
const MODELS: Record<(typeof PLATFORMS)[number], string> = { kling: 'kling-v2-6', suno: 'chirp-v4', sora: 'sora-2' }
const CYCLE: readonly TaskState[] = ['succeeded', 'running', 'failed', 'queued', 'succeeded', 'blocked', 'succeeded', 'unknown']
const RAW: Record<TaskState, string> = {
  queued: 'QUEUED',
  running: 'IN_PROGRESS',
  succeeded: 'SUCCESS',
  failed: 'FAILURE',
  cancelled: 'CANCELLED',
  expired: 'FAILURE',
  blocked: 'FAILURE',
  unknown: 'UNKNOWN',
}

/** The n-th task of a deterministic history, newest first (one every 7 minutes before LOG_NOW). */
export function logTask(index: number, overrides: Partial<Task> = {}): Task {
  const platform = PLATFORMS[index % PLATFORMS.length] ?? 'kling'
  const state = CYCLE[index % CYCLE.length] ?? 'succeeded'
  const createdAt = LOG_NOW - (index + 1) * 7 * 60_000
  const terminal = state !== 'running' && state !== 'queued' && state !== 'unknown'
  const id = `task_${String(index).padStart(5, '0')}`
  return {
    id,
    provider: 'newapi',
    state,
    rawStatus: RAW[state],
    progress: state === 'running' ? 40 : state === 'succeeded' ? 100 : state === 'queued' ? 0 : undefined,
    createdAt,
    startedAt: createdAt + 5_000,
    finishedAt: terminal ? createdAt + 5_000 + 95_000 : undefined,
    model: MODELS[platform],
    type: TYPES[platform],
    platform,
    assets: state === 'succeeded' ? [{ kind: platform === 'suno' ? 'audio' : 'video', url: `https://media.example.test/${id}/out.mp4` }] : [],
    error:
      state === 'failed'
        ? { code: 'task_failed', message: 'Upstream rejected the input image.' }
        : state === 'blocked'
          ? { code: 'moderation', message: 'The prompt was blocked by moderation.' }
          : undefined,
    requestId: `req_${index}`,
    raw: { task_id: id, status: RAW[state], platform, fail_reason: state === 'failed' ? 'Upstream rejected the input image.' : '' },
    ...overrides,
  }
}

export function logTasks(count: number, start = 0): Task[] {
  return Array.from({ length: count }, (_, index) => logTask(start + index))
}

/** A TaskListResult around rows, for the presentational view. */
export function listResult(rows: readonly Task[], overrides: Partial<TaskListResult> = {}): TaskListResult {
  const pageSize = overrides.pageSize ?? 20
  const total = overrides.total ?? rows.length
  return {
    source: 'server',
    rows,
    total,
    page: 1,
    pageSize,
    pageCount: Math.max(1, Math.ceil(total / pageSize)),
    isLoading: false,
    isFetching: false,
    isPlaceholderData: false,
    error: null,
    refetch: () => {},
    ...overrides,
  }
}
