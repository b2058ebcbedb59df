import type { Task, TaskState } from './model'
import { isTerminalState } from './model'

/** Bump when the persisted shape changes; older records are ignored, never misread. */
export const RECORD_VERSION = 1

/**
 * What TaskKit keeps about a task across reloads. Deliberately small: no API key (it never has
 * one), no result URL (they are signed and expire), no prompt (it may be private).
 */
export interface TaskRecord {
  v: typeof RECORD_VERSION
  /** The client's job id: written before the create request, so a reload knows a create was sent. */
  jobId: string
  account: string
  provider: string
  /**
   * creating: the create request went out and no answer was stored; after a reload this means
   * "outcome unknown" (the task may exist). created: the provider gave an id. create-failed: the
   * provider refused the create (nothing was made, a new job may be submitted).
   */
  phase: 'creating' | 'created' | 'create-failed'
  id?: string
  pollUrl?: string
  requestId?: string
  endpoint?: string
  model?: string
  type?: string
  platform?: string
  /** When the record was written, just before the create request (epoch ms). */
  submittedAt: number
  updatedAt: number
  state?: TaskState
  rawStatus?: string
  progress?: number
  createdAt?: number
  finishedAt?: number
  error?: { kind?: string; code?: string; message: string }
  billingTransactionId?: string
  /** Set when the client stopped watching (deadline): the task may still finish and can be resumed. */
  watchStoppedAt?: number
}

export function isRecordSettled(record: TaskRecord): boolean {
  if (record.phase === 'create-failed') return true
  return record.state !== undefined && isTerminalState(record.state)
}

/** A poll URL is kept only when it carries no query string, which is where signatures live. */
export function persistablePollUrl(pollUrl: string | undefined): string | undefined {
  if (!pollUrl || pollUrl.includes('?')) return undefined
  return pollUrl
}

/** Copies what may be persisted from a fresh task answer into its record. */
export function recordFromTask(record: TaskRecord, task: Task, now: number): TaskRecord {
  return {
    ...record,
    phase: 'created',
    id: task.id,
    pollUrl: persistablePollUrl(task.pollUrl) ?? record.pollUrl,
    requestId: record.requestId ?? task.requestId,
    model: task.model ?? record.model,
    type: task.type ?? record.type,
    platform: task.platform ?? record.platform,
    updatedAt: now,
    state: task.state,
    rawStatus: task.rawStatus,
    progress: task.progress,
    createdAt: task.createdAt ?? record.createdAt,
    finishedAt: task.finishedAt ?? record.finishedAt,
    error: task.error ? { code: task.error.code, message: task.error.message } : undefined,
    billingTransactionId: task.billing?.transactionId ?? record.billingTransactionId,
  }
}

/** The task as far as the record knows it: what a reloaded page shows before the first poll answers. */
export function taskFromRecord(record: TaskRecord): Task | undefined {
  if (!record.id) return undefined
  return {
    id: record.id,
    provider: record.provider,
    state: record.state ?? 'unknown',
    rawStatus: record.rawStatus ?? '',
    progress: record.progress,
    createdAt: record.createdAt ?? record.submittedAt,
    finishedAt: record.finishedAt,
    model: record.model,
    type: record.type,
    platform: record.platform,
    assets: [],
    error: record.error ? { code: record.error.code, message: record.error.message } : undefined,
    cancelled: record.state === 'cancelled' || undefined,
    billing: record.billingTransactionId ? { transactionId: record.billingTransactionId } : undefined,
    requestId: record.requestId,
    pollUrl: record.pollUrl,
    raw: undefined,
  }
}

/** Validates a parsed value as a record of this version; anything else is treated as absent. */
export function readRecord(value: unknown): TaskRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const r = value as Partial<TaskRecord>
  if (r.v !== RECORD_VERSION) return undefined
  if (typeof r.jobId !== 'string' || typeof r.account !== 'string' || typeof r.provider !== 'string') return undefined
  if (r.phase !== 'creating' && r.phase !== 'created' && r.phase !== 'create-failed') return undefined
  if (typeof r.submittedAt !== 'number' || typeof r.updatedAt !== 'number') return undefined
  if (r.id !== undefined && typeof r.id !== 'string') return undefined
  return r as TaskRecord
}
