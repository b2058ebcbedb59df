/**
 * Every failure TaskKit reports is a TaskKitError with a `kind` a UI can switch on.
 */
export type TaskKitErrorKind =
  /** fetch itself failed: offline, DNS, dropped connection, CORS. Retryable. */
  | 'network'
  /** 401/403: the key is missing, wrong or not allowed. Polling stops. */
  | 'auth'
  /** The provider does not know this task (or it belongs to another key). Terminal after a grace period. */
  | 'not-found'
  /** 429: too many requests; `retryAfterMs` says when to try again. */
  | 'rate-limited'
  /** 5xx or another unexpected HTTP status. Retryable for 5xx. */
  | 'http'
  /** The body was not JSON or not the shape the adapter expects. */
  | 'parse'
  /** The provider answered with an error envelope (Tripo `code != 0`, new-api `success: false`). */
  | 'provider'
  /** The task could not be found after the grace period: it is gone for this client. */
  | 'lost'
  /** The client deadline passed: watching stopped, the task may still finish. */
  | 'deadline'
  /** The input was rejected before any request was sent. */
  | 'invalid-input'
  /** The operation is not supported by this provider (e.g. cancel on Tripo). */
  | 'unsupported'
  /** A create went out but its answer never came: the task may or may not exist. */
  | 'outcome-unknown'

export interface TaskKitErrorOptions {
  code?: string
  status?: number
  requestId?: string
  retryable?: boolean
  retryAfterMs?: number
  provider?: string
  /** The provider's advice on what to do (Tripo's error envelope: `{code, message, suggestion}`). */
  suggestion?: string
  cause?: unknown
}

export class TaskKitError extends Error {
  override readonly name = 'TaskKitError'
  readonly kind: TaskKitErrorKind
  /** Provider's error code (`async_task_not_found`, `task_not_found`, `2010`, ...). */
  readonly code?: string
  /** HTTP status, when the error came from a response. */
  readonly status?: number
  readonly requestId?: string
  /** Whether trying the same request again later may succeed. */
  readonly retryable: boolean
  /** Server's `Retry-After`, in ms, when it sent one. */
  readonly retryAfterMs?: number
  readonly provider?: string
  /** The provider's advice on what to do, when it gives one (Tripo `suggestion`). */
  readonly suggestion?: string

  constructor(kind: TaskKitErrorKind, message: string, options: TaskKitErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.kind = kind
    this.code = options.code
    this.status = options.status
    this.requestId = options.requestId
    this.retryable = options.retryable ?? defaultRetryable(kind, options.status)
    this.retryAfterMs = options.retryAfterMs
    this.provider = options.provider
    this.suggestion = options.suggestion
  }
}

function defaultRetryable(kind: TaskKitErrorKind, status: number | undefined): boolean {
  if (kind === 'network' || kind === 'rate-limited') return true
  if (kind === 'http') return status === undefined || status >= 500
  // A not-found right after create can be the provider's replication lag: retry within the grace period.
  if (kind === 'not-found') return true
  return false
}

export function isTaskKitError(value: unknown): value is TaskKitError {
  return value instanceof TaskKitError
}

/** Anything else thrown while fetching is a transport failure: a retryable `network` error. */
export function toTaskKitError(error: unknown): TaskKitError {
  if (isTaskKitError(error)) return error
  return new TaskKitError('network', error instanceof Error ? error.message : String(error), { cause: error })
}
