import type { SimRequest, SimResponse } from '../http'
import type { KeyCheck } from '../keys'
import type { MediaKind, TaskPlan } from '../plan'
import type { ProviderName } from '../providers'
import type { TaskRecord, TaskView } from '../record'
import type { Route } from '../router'
import type { TaskStore } from '../store'

/** What a create handler tells the engine about the task it is creating. */
export interface CreateTaskInput {
  /** The kind the route and body imply; a `[sim:kind=...]` tag overrides it. */
  kind: MediaKind
  model: string
  type: string
  platform?: string
  prompt: string
  input?: Record<string, unknown>
  credits?: number
}

/** The engine as personalities see it: tasks, time and URLs, no transport. */
export interface SimulatorCore {
  readonly provider: ProviderName
  readonly store: TaskStore
  readonly timeScale: number
  now(): number
  /** Creates and stores a task for the request's key, drawing its plan from the seeded workload. */
  createTask(ctx: HandlerContext, input: CreateTaskInput): TaskRecord
  view(record: TaskRecord): TaskView
  /** Cancels a queued task now. */
  cancel(record: TaskRecord): void
  /** Absolute URL of a task's media file; `signed` adds Tripo's expiring auth_key. */
  mediaUrl(ctx: HandlerContext, record: TaskRecord, servedName: string, signed?: boolean): string
  /** Draws from the id stream (for ids a personality invents, e.g. clip ids). */
  randomForIds(): number
  /** A fresh per-response id (X-Request-Id, trace ids) that does not disturb the seeded streams. */
  nextResponseId(): string
}

export interface HandlerContext {
  request: SimRequest
  method: string
  url: URL
  /** Path relative to the provider's mount (`/v1/tasks/...`, never `/tokenlab/v1/...`). */
  path: string
  params: Record<string, string>
  bodyText: string
  body: unknown
  /** Origin plus mount path, e.g. `http://127.0.0.1:4010/tokenlab`, for absolute links. */
  publicBase: string
  /** The mount path alone (`''` or `/tokenlab`), for origin-relative links such as poll_url. */
  basePath: string
  auth: KeyCheck
  /** The owner fingerprint; set once auth passed. */
  owner: string
  /** The `unknown-status` fault is active for this request. */
  unknownStatus: boolean
  /** Plan overrides from create faults (never-finish, no-output). */
  createOverrides: Partial<TaskPlan>
  /** Task the request concerns, for the request log. */
  taskId?: string
  sim: SimulatorCore
}

/** One provider's wire format: routes plus the answers the engine needs for faults and misses. */
export interface Personality {
  provider: ProviderName
  routes: readonly Route[]
  unauthorized(ctx: HandlerContext, reason: 'missing' | 'invalid'): SimResponse
  rateLimited(retryAfterSeconds: number): SimResponse
  serverError(status: number): SimResponse
  routeNotFound(ctx: HandlerContext): SimResponse
  /** Called the first time a key is seen (new-api seeds its history for that key here). */
  onFirstSeen?(ctx: HandlerContext): void
  /** Headers every answer carries (e.g. Tripo's X-Tripo-Trace-ID). */
  commonHeaders?(ctx: HandlerContext): Record<string, string>
}
