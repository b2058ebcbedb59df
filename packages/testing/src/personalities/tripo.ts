import { jsonResponse, isRecord, stringField, type SimResponse } from '../http'
import type { MediaKind } from '../plan'
import type { TaskRecord, TaskView } from '../record'
import type { Route } from '../router'
import type { HandlerContext, Personality } from './context'
import { stripPromptTags } from '../tags'
import { etaSeconds, failureMessage, seconds, VIEW_FILES } from './shared'

/**
 * Tripo: v2 (`/v2/openapi/task`, the seed document) and v3 (`/v3/...`, what the official JS,
 * Python and Rust SDKs speak). Every answer is the `{ code, data }` envelope; errors are
 * `{ code != 0, message, suggestion }` with the HTTP status of Tripo's error table. Output URLs are
 * signed per answer and expire five minutes later (the media route then answers 403).
 */

/** v2 task types by media kind. Unknown types get error 2002. */
const V2_TYPE_KINDS: Readonly<Record<string, MediaKind>> = {
  text_to_model: 'model3d',
  image_to_model: 'model3d',
  multiview_to_model: 'model3d',
  refine_model: 'model3d',
  texture_model: 'model3d',
  convert_model: 'model3d',
  stylize_model: 'model3d',
  animate_prerigcheck: 'model3d',
  animate_rig: 'model3d',
  animate_retarget: 'model3d',
  mesh_segmentation: 'model3d',
  mesh_completion: 'model3d',
  smart_lowpoly: 'model3d',
  text_to_image: 'image',
  generate_image: 'image',
  generate_multiview_image: 'multiview',
  edit_multiview_image: 'multiview',
}

/** v3 create routes (tripo-js-sdk src/client.js) and the task type each reports. */
const V3_ROUTES: Readonly<Record<string, readonly [string, MediaKind]>> = {
  'generation/text-to-model': ['text_to_model', 'model3d'],
  'generation/image-to-model': ['image_to_model', 'model3d'],
  'generation/multiview-to-model': ['multiview_to_model', 'model3d'],
  'generation/text-to-image': ['text_to_image', 'image'],
  'generation/image-to-image': ['image_to_image', 'image'],
  'generation/image-to-multiview': ['generate_multiview_image', 'multiview'],
  'generation/edit-multiview': ['edit_multiview_image', 'multiview'],
  'models/texture': ['texture_model', 'model3d'],
  'models/convert': ['convert_model', 'model3d'],
  'mesh/segment': ['mesh_segmentation', 'model3d'],
  'mesh/complete': ['mesh_completion', 'model3d'],
  'mesh/decimate': ['smart_lowpoly', 'model3d'],
  'animations/rig-check': ['animate_prerigcheck', 'model3d'],
  'animations/rig': ['animate_rig', 'model3d'],
  'animations/retarget': ['animate_retarget', 'model3d'],
}

const STATUS_BY_PHASE = {
  queued: 'queued',
  running: 'running',
  succeeded: 'success',
  failed: 'failed',
  blocked: 'banned',
  expired: 'expired',
  cancelled: 'cancelled',
} as const

/** Answered instead of a real word by the `unknown-status` fault (not one of the eight documented words). */
export const TRIPO_UNKNOWN_STATUS = 'pending_review'

const DEFAULT_V2_MODEL = 'v2.5-20250123'
const DEFAULT_V3_MODEL = 'v3.1-20260211'

function tripoError(status: number, code: number, message: string, suggestion: string, headers: Record<string, string> = {}): SimResponse {
  return jsonResponse(status, { code, message, suggestion }, headers)
}

/** "A task must be queried using the same API key that initiated it ... 'task not found'". */
const taskNotFound = () => tripoError(404, 2001, 'Task not found', 'Check the task_id; a task is only visible to the API key that created it')
const invalidParameter = (message: string) => tripoError(400, 1004, message, 'Refer to the API documentation for parameter requirements')

function ok(data: unknown): SimResponse {
  return jsonResponse(200, { code: 0, data })
}

function failed(view: TaskView): boolean {
  return view.terminal && view.snapshot.phase !== 'succeeded'
}

function errorFields(view: TaskView, messageKey: 'error_msg' | 'error_message'): Record<string, unknown> {
  const phase = view.snapshot.phase
  if (phase === 'failed') return { error_code: 1001, [messageKey]: failureMessage(view) }
  if (phase === 'blocked') return { error_code: 2008, [messageKey]: failureMessage(view) }
  return {}
}

function multiviewUrls(url: (name: string) => string): Record<string, string> {
  return Object.fromEntries(VIEW_FILES.map(([view, file]) => [`${view}_view_url`, url(file)]))
}

function v2Output(ctx: HandlerContext, record: TaskRecord): Record<string, unknown> {
  // Fresh signed URLs on every answer, each valid for five minutes.
  const url = (name: string) => ctx.sim.mediaUrl(ctx, record, name, true)
  switch (record.kind) {
    case 'image':
      return { generated_image: url('image.png') }
    case 'multiview':
      return { generate_multiview_image: multiviewUrls(url) }
    default:
      return { model: url('model.glb'), base_model: url('base.glb'), pbr_model: url('pbr.glb'), rendered_image: url('preview.png') }
  }
}

function v3Output(ctx: HandlerContext, record: TaskRecord): Record<string, unknown> {
  const url = (name: string) => ctx.sim.mediaUrl(ctx, record, name, true)
  switch (record.kind) {
    case 'image':
      return { generated_image_url: url('image.png') }
    case 'multiview':
      return { generate_multiview_image: multiviewUrls(url) }
    default:
      return { model_url: url('model.glb'), base_model_url: url('base.glb'), pbr_model_url: url('pbr.glb'), rendered_image_url: url('preview.png') }
  }
}

function statusWord(ctx: HandlerContext, view: TaskView): string {
  return ctx.unknownStatus ? TRIPO_UNKNOWN_STATUS : STATUS_BY_PHASE[view.snapshot.phase]
}

function progressOf(view: TaskView): number {
  // "When status is queued, the progress value will be 0 ... success, progress will be marked as 100."
  return view.snapshot.phase === 'queued' ? 0 : view.snapshot.progress
}

function queueFields(ctx: HandlerContext, view: TaskView): { queuing_num: number; running_left_time: number } {
  return {
    queuing_num: view.snapshot.phase === 'queued' ? view.snapshot.queuePosition : -1,
    running_left_time: view.terminal ? -1 : etaSeconds(view, ctx.sim.timeScale),
  }
}

export function tripoV2TaskData(ctx: HandlerContext, view: TaskView): Record<string, unknown> {
  const { record } = view
  return {
    task_id: record.id,
    type: record.type,
    status: statusWord(ctx, view),
    input: record.input,
    output: view.hasOutput ? v2Output(ctx, record) : {},
    progress: progressOf(view),
    create_time: seconds(record.createdAtMs),
    ...queueFields(ctx, view),
    // "if the task failed, it will be 0"
    consumed_credit: failed(view) ? 0 : record.credits,
    ...errorFields(view, 'error_msg'),
  }
}

export function tripoV3TaskData(ctx: HandlerContext, view: TaskView): Record<string, unknown> {
  const { record } = view
  return {
    task_id: record.id,
    type: record.type,
    status: statusWord(ctx, view),
    progress: progressOf(view),
    input: record.input,
    output: view.hasOutput ? v3Output(ctx, record) : {},
    credits_consumed: failed(view) ? 0 : record.credits,
    created_at: new Date(record.createdAtMs).toISOString(),
    ...(view.finishedAtMs === undefined ? {} : { completed_at: new Date(view.finishedAtMs).toISOString() }),
    ...queueFields(ctx, view),
    ...errorFields(view, 'error_message'),
  }
}

/** What the task echoes as `input`: the request minus its `type`, prompts without `[sim:...]` tags. */
function echoInput(body: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(body)) {
    if (key !== 'type') input[key] = typeof value === 'string' ? stripPromptTags(value) : value
  }
  return { ...input, ...extra }
}

function promptOf(body: Record<string, unknown>): string {
  return stringField(body, 'prompt') ?? stringField(body, 'text_prompt') ?? ''
}

function createV2(ctx: HandlerContext): SimResponse {
  if (!isRecord(ctx.body)) return tripoError(400, 1003, 'The request body is malformed', 'Refer to the API documentation for request schema')
  const type = stringField(ctx.body, 'type')
  if (!type) return invalidParameter('One or more of your parameter is invalid: type is required')
  const kind = V2_TYPE_KINDS[type]
  if (!kind) return tripoError(400, 2002, 'The task type is unsupported', 'Refer to the API documentation for supported task types')
  const model = stringField(ctx.body, 'model_version') ?? DEFAULT_V2_MODEL
  const record = ctx.sim.createTask(ctx, { kind, model, type, prompt: promptOf(ctx.body), input: echoInput(ctx.body, { model_version: model }) })
  return ok({ task_id: record.id })
}

function createV3(ctx: HandlerContext): SimResponse {
  const entry = V3_ROUTES[ctx.params.route ?? '']
  if (!entry) return tripoError(404, 1004, `Unknown endpoint ${ctx.path}`, 'Refer to the API documentation for available endpoints')
  if (!isRecord(ctx.body)) return tripoError(400, 1003, 'The request body is malformed', 'Refer to the API documentation for request schema')
  const [type, kind] = entry
  const model = stringField(ctx.body, 'model') ?? DEFAULT_V3_MODEL
  const record = ctx.sim.createTask(ctx, { kind, model, type, prompt: promptOf(ctx.body), input: echoInput(ctx.body, { model }) })
  return ok({ task_id: record.id })
}

function statusV2(ctx: HandlerContext): SimResponse {
  const record = ctx.sim.store.get(ctx.owner, ctx.params.id ?? '')
  return record ? ok(tripoV2TaskData(ctx, ctx.sim.view(record))) : taskNotFound()
}

function statusV3(ctx: HandlerContext): SimResponse {
  const record = ctx.sim.store.get(ctx.owner, ctx.params.id ?? '')
  return record ? ok(tripoV3TaskData(ctx, ctx.sim.view(record))) : taskNotFound()
}

/** `POST /v3/tasks/list { task_ids }` -> `{ tasks }`; ids this key cannot see are left out. */
function listV3(ctx: HandlerContext): SimResponse {
  const ids = isRecord(ctx.body) ? ctx.body.task_ids : undefined
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string')) {
    return invalidParameter('One or more of your parameter is invalid: task_ids must be a non-empty array of strings')
  }
  const tasks = (ids as string[]).flatMap((id) => {
    const record = ctx.sim.store.get(ctx.owner, id)
    return record ? [tripoV3TaskData(ctx, ctx.sim.view(record))] : []
  })
  return ok({ tasks })
}

function balance(ctx: HandlerContext): SimResponse {
  const spent = ctx.sim.store.list(ctx.owner).reduce((sum, record) => sum + record.credits, 0)
  return ok({ balance: Math.max(0, 10_000 - spent), frozen: 0 })
}

function traceId(ctx: HandlerContext): string {
  const hex = `${ctx.sim.nextResponseId()}${ctx.sim.nextResponseId()}`
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

export function createTripoPersonality(): Personality {
  const routes: Route[] = [
    { methods: ['POST'], pattern: /^\/v2\/openapi\/task$/, kind: 'create', handle: createV2 },
    { methods: ['GET'], pattern: /^\/v2\/openapi\/task\/(?<id>[^/]+)$/, kind: 'status', handle: statusV2 },
    { methods: ['GET'], pattern: /^\/v2\/openapi\/user\/balance$/, kind: 'other', handle: balance },
    { methods: ['POST'], pattern: /^\/v3\/tasks\/list$/, kind: 'list', handle: listV3 },
    { methods: ['GET'], pattern: /^\/v3\/tasks\/(?<id>[^/]+)$/, kind: 'status', handle: statusV3 },
    { methods: ['GET'], pattern: /^\/v3\/account\/balance$/, kind: 'other', handle: balance },
    { methods: ['POST'], pattern: /^\/v3\/(?<route>(?:generation|models|mesh|animations)\/[\w-]+)$/, kind: 'create', handle: createV3 },
  ]
  return {
    provider: 'tripo',
    routes,
    unauthorized: () => tripoError(401, 1002, 'Authentication failed', 'Check if your credentials is valid, and ensure you set it correctly'),
    rateLimited: (retryAfterSeconds) =>
      tripoError(429, 2000, 'You have exceeded the limit of generation', 'Please retry later', { 'retry-after': String(retryAfterSeconds) }),
    serverError: (status) =>
      tripoError(status, status === 500 ? 1000 : 1001, status === 500 ? 'Unknown error on sever side' : 'Fatal error on server side', 'Please contact the support with request id'),
    routeNotFound: (ctx) => tripoError(404, 1004, `Unknown endpoint ${ctx.method} ${ctx.path}`, 'Refer to the API documentation for available endpoints'),
    commonHeaders: (ctx) => ({ 'x-tripo-trace-id': traceId(ctx) }),
  }
}
