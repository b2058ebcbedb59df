import type { Task, TaskState } from './model'

/**
 * Adapters are pure: they build requests and read responses. The HTTP layer sends them, so an
 * adapter can be tested against a JSON file and nothing else.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE'

export interface AdapterRequest {
  method: HttpMethod
  /** Absolute URL, or a path resolved against the adapter's `baseUrl`. */
  url: string
  /** Extra headers (content type, idempotency key). Auth comes from the client's `headers` callback. */
  headers?: Record<string, string>
  /** JSON-serialisable body. */
  body?: unknown
}

export interface AdapterResponse {
  status: number
  /** Lower-case header names. */
  headers: Record<string, string>
  /** The parsed JSON body, or undefined when the body was empty. */
  body: unknown
}

/** How often this provider wants to be asked, from its own documentation. */
export interface PollBounds {
  /** Never poll faster than this (also the floor for server hints). */
  minMs: number
  /** Never wait longer than this between polls of a live task. */
  maxMs: number
  /** The interval to start with when nothing better is known. */
  initialMs: number
}

export type CancelOutcome =
  /** The provider accepted the request; the task will (probably) end as cancelled. */
  | 'requested'
  /** The provider says the task is cancelled already. */
  | 'cancelled'
  /** The provider refused: the task is running or terminal (TokenLab 409, Qingbo not queued). */
  | 'not-cancellable'
  /** The provider does not cancel this kind of task (TokenLab 400 `unsupported_task_cancel`). */
  | 'unsupported'

export interface CancelSupport {
  request(task: Task): AdapterRequest
  /** Reads the answer; throws a TaskKitError for failures that are not a clear refusal. */
  parse(response: AdapterResponse, task: Task): CancelOutcome
}

export interface TaskRef {
  id: string
  pollUrl?: string
}

export interface CreateContext {
  /** The client's own job id, also sent as an idempotency key where the adapter supports one. */
  jobId: string
}

export interface TaskAdapter<TInput = unknown> {
  /** Short stable name, used in query keys and persisted records. */
  readonly name: string
  readonly baseUrl: string
  readonly pollBounds: PollBounds
  /** Header to carry the client job id so the provider can dedupe creates, if it supports one. */
  readonly idempotencyHeader?: string

  createRequest(input: TInput, context: CreateContext): AdapterRequest
  /** Reads a create answer. Throws a TaskKitError on an error answer. */
  parseCreate(response: AdapterResponse, input: TInput): Task

  statusRequest(ref: TaskRef): AdapterRequest
  /** Reads a status answer. Throws a TaskKitError (kind `not-found`, `auth`, ...) on an error answer. */
  parseStatus(response: AdapterResponse, ref: TaskRef): Task

  /** Undefined = the provider has no cancel: TaskKit reports `unsupported` without a request. */
  readonly cancel?: CancelSupport

  /** Fetch many tasks in one request, where the provider can (new-api list, Tripo v3 list). */
  readonly batch?: {
    maxIds: number
    request(ids: readonly string[]): AdapterRequest
    parse(response: AdapterResponse): Task[]
  }

  /** A server-side history with paging and filters (new-api `/api/task/self`). */
  readonly history?: {
    request(query: TaskHistoryQuery): AdapterRequest
    parse(response: AdapterResponse): TaskHistoryPage
    /** The states its status filter knows (default: all); a log offers only these. */
    readonly statuses?: readonly TaskState[]
  }
}

export interface TaskHistoryQuery {
  /** 1-based page. */
  page: number
  pageSize: number
  taskId?: string
  /** Epoch ms, inclusive. */
  from?: number
  /** Epoch ms, inclusive. */
  to?: number
  type?: string
  platform?: string
  status?: string
}

export interface TaskHistoryPage {
  items: Task[]
  total: number
  page: number
  pageSize: number
}
