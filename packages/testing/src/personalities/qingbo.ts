import { jsonResponse, isRecord, stringField, type SimResponse } from '../http'
import type { MediaKind } from '../plan'
import type { TaskRecord, TaskView } from '../record'
import type { Route } from '../router'
import type { HandlerContext, Personality } from './context'
import { failureMessage, PRIMARY_FILE, seconds, VIEW_FILES } from './shared'

/**
 * Qingbo: `POST /v1/tasks` -> `task_id`, `GET /v1/tasks/{id}`, `POST /v1/tasks/{id}/cancel`
 * (queued only). Errors use the async-task envelope of its docs: `{ error: { message, code } }`.
 *
 * Its docs contradict themselves; the simulator answers like the examples (times in seconds,
 * `url` a string) and switches to the documented forms with the `[sim:ms-timestamps]` and
 * `[sim:url-array]` prompt tags.
 */

const STATUS_BY_PHASE = {
  queued: 'queued',
  running: 'processing',
  succeeded: 'completed',
  failed: 'failed',
  blocked: 'failed',
  expired: 'failed',
  cancelled: 'cancelled',
} as const

/** Answered instead of a real word by the `unknown-status` fault. */
export const QINGBO_UNKNOWN_STATUS = 'reviewing'

/** Result links expire after three days by default (docs: expires_at). */
export const QINGBO_URL_TTL_SECONDS = 3 * 24 * 60 * 60

/** Quota refunded by a cancel, per credit. */
const QUOTA_PER_CREDIT = 1_000

function qingboError(status: number, code: string, message: string, headers: Record<string, string> = {}): SimResponse {
  return jsonResponse(status, { error: { message, code } }, headers)
}

const taskNotFound = () => qingboError(404, 'task_not_found', 'task_id does not exist or does not belong to the current user')

/** Qingbo names models, not kinds: guess the kind from the model and action as its catalogue reads. */
export function qingboKindOf(model: string, action: string): MediaKind {
  const text = `${model} ${action}`.toLowerCase()
  if (/video|veo|sora|wan|kling|seedance|hailuo|vidu|runway|luma|pika/.test(text)) return 'video'
  if (/suno|music|audio|tts|speech|udio|song/.test(text)) return 'audio'
  if (/3d|tripo|meshy|hunyuan3d|rodin/.test(text)) return 'model3d'
  return 'image'
}

function timestamp(record: TaskRecord, ms: number): number {
  return record.quirks.msTimestamps ? ms : seconds(ms)
}

function links(ctx: HandlerContext, id: string): { get: string; cancel: string } {
  const get = `${ctx.publicBase}/v1/tasks/${id}`
  return { get, cancel: `${get}/cancel` }
}

function resultOf(ctx: HandlerContext, view: TaskView): Record<string, unknown> {
  const { record } = view
  const expiresAt = seconds(view.finishedAtMs ?? view.nowMs) + QINGBO_URL_TTL_SECONDS
  const item = (file: string) => {
    const url = ctx.sim.mediaUrl(ctx, record, file)
    return { url: record.quirks.urlArray ? [url] : url, expires_at: expiresAt }
  }
  // The docs' example always carries `images`, next to `videos` / `audios` for other media.
  if (!view.hasOutput) return { images: [] }
  switch (record.kind) {
    case 'image':
      return { images: [item(PRIMARY_FILE.image)] }
    case 'multiview':
      return { images: VIEW_FILES.map(([, file]) => item(file)) }
    case 'video':
      return { images: [], videos: [item(PRIMARY_FILE.video)] }
    case 'audio':
      return { images: [], audios: [item(PRIMARY_FILE.audio)] }
    case 'model3d':
      return { images: [], models: [item(PRIMARY_FILE.model3d)] }
  }
}

export function qingboTaskBody(ctx: HandlerContext, view: TaskView): Record<string, unknown> {
  const { record, snapshot } = view
  const status = STATUS_BY_PHASE[snapshot.phase]
  return {
    task_id: record.id,
    status: ctx.unknownStatus ? QINGBO_UNKNOWN_STATUS : status,
    action: record.type,
    model: record.model,
    // "0 for queued / failed / cancelled, 100 for completed"
    progress: status === 'processing' ? snapshot.progress : status === 'completed' ? 100 : 0,
    created_at: timestamp(record, view.createdAtMs),
    ...(view.startedAtMs === undefined ? {} : { start_time: timestamp(record, view.startedAtMs) }),
    ...(view.finishedAtMs === undefined ? {} : { completed_at: timestamp(record, view.finishedAtMs) }),
    ...(status === 'completed' ? { result: resultOf(ctx, view) } : {}),
    ...(status === 'failed' ? { error: { message: failureMessage(view), code: 'task_failed' } } : {}),
    // The sync endpoint's example carries poll_url too: `/v1/tasks/{id}`, like TokenLab's, also under a mount prefix.
    poll_url: `/v1/tasks/${record.id}`,
    urls: links(ctx, record.id),
  }
}

function create(ctx: HandlerContext): SimResponse {
  if (!isRecord(ctx.body)) return qingboError(400, 'invalid_request', 'Request body must be a JSON object')
  const model = stringField(ctx.body, 'model')
  if (!model) return qingboError(400, 'invalid_request', 'model is required')
  const action = stringField(ctx.body, 'action') ?? 'generate'
  const record = ctx.sim.createTask(ctx, {
    kind: qingboKindOf(model, action),
    model,
    type: action,
    prompt: stringField(ctx.body, 'prompt') ?? '',
  })
  const body = qingboTaskBody(ctx, ctx.sim.view(record))
  return jsonResponse(200, {
    task_id: body.task_id,
    model: body.model,
    action: body.action,
    status: body.status,
    created_at: body.created_at,
    progress: body.progress,
    poll_url: body.poll_url,
    urls: body.urls,
  })
}

function status(ctx: HandlerContext): SimResponse {
  const record = ctx.sim.store.get(ctx.owner, ctx.params.id ?? '')
  return record ? jsonResponse(200, qingboTaskBody(ctx, ctx.sim.view(record))) : taskNotFound()
}

/**
 * "Only tasks in queued status can be cancelled." The refusal is not documented; the simulator
 * answers 400 `{ error: { code: "task_not_cancellable" } }` (400 = "Invalid request" in Qingbo's table).
 */
function cancel(ctx: HandlerContext): SimResponse {
  const record = ctx.sim.store.get(ctx.owner, ctx.params.id ?? '')
  if (!record) return taskNotFound()
  const phase = ctx.sim.view(record).snapshot.phase
  if (phase !== 'queued') {
    return qingboError(400, 'task_not_cancellable', `Only queued tasks can be cancelled; this task is ${STATUS_BY_PHASE[phase]}`)
  }
  ctx.sim.cancel(record)
  return jsonResponse(200, { task_id: record.id, status: 'cancelled', refunded: true, refunded_quota: record.credits * QUOTA_PER_CREDIT })
}

export function createQingboPersonality(): Personality {
  const routes: Route[] = [
    { methods: ['POST'], pattern: /^\/v1\/tasks$/, kind: 'create', handle: create },
    { methods: ['GET'], pattern: /^\/v1\/tasks\/(?<id>[^/]+)$/, kind: 'status', handle: status },
    { methods: ['POST'], pattern: /^\/v1\/tasks\/(?<id>[^/]+)\/cancel$/, kind: 'cancel', handle: cancel },
  ]
  return {
    provider: 'qingbo',
    routes,
    unauthorized: () => qingboError(401, 'authentication_failed', 'Authentication failed: invalid API key'),
    rateLimited: (retryAfterSeconds) => qingboError(429, 'rate_limit_exceeded', 'Rate limit exceeded', { 'retry-after': String(retryAfterSeconds) }),
    serverError: (status) => qingboError(status, 'internal_error', 'Internal server error, retry later'),
    routeNotFound: (ctx) => qingboError(404, 'not_found', `Unknown route ${ctx.method} ${ctx.path}`),
  }
}
