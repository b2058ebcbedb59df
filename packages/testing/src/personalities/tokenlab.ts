import { jsonResponse, isRecord, stringField, type SimResponse } from '../http'
import type { MediaKind } from '../plan'
import type { TaskRecord, TaskView } from '../record'
import type { Route } from '../router'
import type { HandlerContext, Personality } from './context'
import { failureMessage, seconds, VIEW_FILES } from './shared'

/**
 * TokenLab (and LemonData, which publishes the same docs): media create routes answer a public
 * `ldtask_` id, `GET /v1/tasks/{id}` is the canonical status route, `DELETE /v1/tasks/{id}`
 * cancels queued Seedance tasks only. Errors use the OpenAI-style envelope the LemonData docs
 * show: `{ error: { message, type, code, param } }`.
 */

/** Models whose queued tasks `DELETE /v1/tasks/{id}` may cancel (seed: "Cancellation"). */
export const TOKENLAB_CANCELLABLE_MODELS: readonly string[] = ['seedance-1.5-pro', 'seedance-2.0', 'seedance-2.0-fast']

/** Public status words (seed: "Expected public statuses"). */
const STATUS_BY_PHASE = {
  queued: 'pending',
  running: 'processing',
  succeeded: 'completed',
  failed: 'failed',
  blocked: 'failed',
  expired: 'failed',
  cancelled: 'failed',
} as const

/** Answered instead of a real word by the `unknown-status` fault. */
export const TOKENLAB_UNKNOWN_STATUS = 'queued_upstream'

function errorBody(status: number, message: string, type: string, code: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): SimResponse {
  return jsonResponse(status, { error: { message, type, code, param: null, ...extra } }, headers)
}

const notFound = () => errorBody(404, 'Task not found or no longer available.', 'invalid_request_error', 'async_task_not_found')

/** Create routes: the media families of the TokenLab API reference, plus generic sub-routes. */
const CREATE_ROUTES: readonly (readonly [RegExp, MediaKind, string])[] = [
  [/^\/v1\/images\/(?:generations|edits|variations)$/, 'image', 'images'],
  [/^\/v1\/videos?\/generations$/, 'video', 'videos'],
  [/^\/v1\/videos$/, 'video', 'videos'],
  [/^\/v1\/music\/generations$/, 'audio', 'music'],
  [/^\/v1\/audio\/[\w-]+$/, 'audio', 'audio'],
  [/^\/v1\/3d\/[\w-]+$/, 'model3d', '3d'],
]

function pollPath(id: string): string {
  // Exactly the docs' `/v1/tasks/{id}`, also when mounted under a prefix (`--provider all`): the
  // provider does not know about a proxy's path, so clients resolve it against their base URL.
  return `/v1/tasks/${id}`
}

function mediaFields(ctx: HandlerContext, record: TaskRecord): Record<string, unknown> {
  const url = (name: string) => ctx.sim.mediaUrl(ctx, record, name)
  switch (record.kind) {
    case 'image':
      // LemonData: "Image tasks return URLs in data[].url"; image_url is a convenience alias.
      return { data: [{ url: url('image.png') }], image_url: url('image.png') }
    case 'multiview': {
      const views = VIEW_FILES.map(([, file]) => ({ url: url(file) }))
      return { data: views, image_url: views[0]?.url }
    }
    case 'video':
      return { video_url: url('video.mp4'), video: { url: url('video.mp4'), duration: 5, width: 1280, height: 720 } }
    case 'audio':
      return { audio_url: url('audio.m4a'), title: 'Simulated track' }
    case 'model3d':
      // The 3D status example: model_url, glb_url, fbx_url.
      return { model_url: url('model.glb'), glb_url: url('model.glb'), fbx_url: url('model.fbx') }
  }
}

export function tokenlabTaskBody(ctx: HandlerContext, view: TaskView): Record<string, unknown> {
  const { record, snapshot } = view
  const cancelled = snapshot.phase === 'cancelled'
  const failed = view.terminal && snapshot.phase !== 'succeeded'
  return {
    id: record.id,
    task_id: record.id,
    poll_url: pollPath(record.id),
    status: ctx.unknownStatus ? TOKENLAB_UNKNOWN_STATUS : STATUS_BY_PHASE[snapshot.phase],
    progress: snapshot.progress,
    model: record.model,
    created: seconds(view.createdAtMs),
    updated: seconds(view.finishedAtMs ?? view.nowMs),
    request_id: record.requestId,
    // Settlement happens after the terminal status (seed: "Billing And Settlement").
    ...(view.terminal ? { billing_transaction_id: record.billingTransactionId } : {}),
    ...(cancelled ? { cancelled: true, cancellation_status: 'cancelled' } : {}),
    ...(failed ? { error: failureMessage(view) } : {}),
    ...(view.hasOutput ? mediaFields(ctx, record) : {}),
  }
}

function taskAnswer(ctx: HandlerContext, view: TaskView): SimResponse {
  const headers: Record<string, string> = { 'x-request-id': `req_${ctx.sim.nextResponseId()}` }
  if (view.terminal) headers['x-billing-transaction-id'] = view.record.billingTransactionId
  return jsonResponse(200, tokenlabTaskBody(ctx, view), headers)
}

function create(kind: MediaKind, family: string) {
  return (ctx: HandlerContext): SimResponse => {
    if (!isRecord(ctx.body)) return errorBody(400, 'Request body must be a JSON object', 'invalid_request_error', 'invalid_request')
    const model = stringField(ctx.body, 'model')
    // The docs ask for "an explicit model": a create without one is a client bug worth catching.
    if (!model) return errorBody(400, 'model is required', 'invalid_request_error', 'missing_required_parameter', { param: 'model' })
    const record = ctx.sim.createTask(ctx, { kind, model, type: family, prompt: stringField(ctx.body, 'prompt') ?? '' })
    const view = ctx.sim.view(record)
    const status = STATUS_BY_PHASE[view.snapshot.phase]
    return jsonResponse(
      200,
      { id: record.id, task_id: record.id, status, poll_url: pollPath(record.id), model, request_id: record.requestId },
      { 'x-request-id': record.requestId },
    )
  }
}

function status(ctx: HandlerContext): SimResponse {
  const record = ctx.sim.store.get(ctx.owner, ctx.params.id ?? '')
  return record ? taskAnswer(ctx, ctx.sim.view(record)) : notFound()
}

function cancel(ctx: HandlerContext): SimResponse {
  const record = ctx.sim.store.get(ctx.owner, ctx.params.id ?? '')
  if (!record) return notFound()
  if (!TOKENLAB_CANCELLABLE_MODELS.includes(record.model)) {
    return errorBody(400, `Cancellation is not supported for model ${record.model}`, 'invalid_request_error', 'unsupported_task_cancel')
  }
  if (ctx.sim.view(record).snapshot.phase !== 'queued') {
    return errorBody(409, 'Task is already running or finished and can no longer be cancelled', 'invalid_request_error', 'task_not_cancellable')
  }
  ctx.sim.cancel(record)
  return taskAnswer(ctx, ctx.sim.view(record))
}

export function createTokenlabPersonality(): Personality {
  const routes: Route[] = [
    { methods: ['GET'], pattern: /^\/v1\/tasks\/(?<id>[^/]+)$/, kind: 'status', handle: status },
    { methods: ['DELETE'], pattern: /^\/v1\/tasks\/(?<id>[^/]+)$/, kind: 'cancel', handle: cancel },
    // Media-specific status routes "may exist for compatibility" (seed).
    { methods: ['GET'], pattern: /^\/v1\/(?:images|videos?|music|audio|3d)\/generations\/(?<id>[^/]+)$/, kind: 'status', handle: status },
    ...CREATE_ROUTES.map(([pattern, kind, family]): Route => ({ methods: ['POST'], pattern, kind: 'create', handle: create(kind, family) })),
  ]
  return {
    provider: 'tokenlab',
    routes,
    unauthorized: () => errorBody(401, 'Invalid or missing API key', 'invalid_api_key', 'invalid_api_key'),
    rateLimited: (retryAfterSeconds) =>
      errorBody(429, 'Rate limit exceeded, please retry later', 'rate_limit_error', 'rate_limit_exceeded', { retryable: true, retry_after: retryAfterSeconds }, { 'retry-after': String(retryAfterSeconds) }),
    serverError: (statusCode) =>
      statusCode === 502
        ? errorBody(502, 'Upstream provider error', 'upstream_error', 'upstream_error', { retryable: true })
        : statusCode === 503
          ? errorBody(503, 'Service temporarily unavailable', 'service_unavailable', 'service_unavailable', { retryable: true })
          : errorBody(statusCode, 'Internal server error', 'server_error', 'internal_error', { retryable: true }),
    routeNotFound: (ctx) => errorBody(404, `Unknown route ${ctx.method} ${ctx.path}`, 'invalid_request_error', 'not_found'),
  }
}
