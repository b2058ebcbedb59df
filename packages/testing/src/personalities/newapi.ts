import { jsonResponse, isRecord, stringField, type SimResponse } from '../http'
import { serveMedia } from '../media'
import type { TaskRecord, TaskView } from '../record'
import type { Route } from '../router'
import type { HandlerContext, Personality } from './context'
import { seedNewApiHistory } from './newapiHistory'
import type { PersonalityOptions } from './registry'
import { failureMessage, seconds } from './shared'

/**
 * new-api (QuantumNous/new-api), the gateway behind task logs such as Tokaify's:
 * - relay routes (router/video-router.go, relay-router.go): `POST /v1/video/generations`,
 *   `GET /v1/video/generations/{id}`, the OpenAI-compatible `POST /v1/videos` + `GET /v1/videos/{id}`,
 *   `POST /suno/submit/{action}`, `GET /suno/fetch/{id}`, `POST /suno/fetch`;
 * - the console list `GET /api/task/self` (controller/task.go GetUserTask) with new-api's page
 *   envelope `{ success, message, data: { page, page_size, total, items } }`.
 * Fetch answers are `dto.TaskResponse` `{ code: "success", message, data }`; a missing task is
 * new-api's TaskError `{ code: "task_not_exist", message, data: null }` with HTTP 400.
 */

/** Answered instead of a real word by the `unknown-status` fault. */
export const NEWAPI_UNKNOWN_STATUS = 'REVIEWING'

/** new-api's ItemsPerPage. */
export const NEWAPI_DEFAULT_PAGE_SIZE = 10

export const NEWAPI_STATUSES = ['NOT_START', 'SUBMITTED', 'QUEUED', 'IN_PROGRESS', 'SUCCESS', 'FAILURE', 'UNKNOWN'] as const

/** Quota units new-api charges per simulated credit. */
export const QUOTA_PER_CREDIT = 1_000

function relayError(status: number, message: string, code = ''): SimResponse {
  return jsonResponse(status, { error: { message, type: 'new_api_error', param: '', code } })
}

const taskNotExist = () => jsonResponse(400, { code: 'task_not_exist', message: 'task_not_exist', data: null })

/** The platform new-api records for a video model. */
export function newApiPlatformOf(model: string): string {
  const name = model.toLowerCase()
  if (name.includes('sora')) return 'sora'
  if (name.includes('jimeng') || name.includes('seedance')) return 'jimeng'
  if (name.includes('vidu')) return 'vidu'
  if (name.includes('hailuo') || name.includes('minimax')) return 'hailuo'
  if (name.includes('veo')) return 'gemini'
  return 'kling'
}

export function newApiStatusOf(ctx: HandlerContext | undefined, view: TaskView): string {
  if (ctx?.unknownStatus && !view.terminal) return NEWAPI_UNKNOWN_STATUS
  if (view.record.statusOverride) return view.record.statusOverride
  const { snapshot, record } = view
  switch (snapshot.phase) {
    case 'queued': {
      // Task time since creation, recovered from the remaining estimate.
      const elapsed = record.plan.queueMs + record.plan.runMs - snapshot.etaMs
      // Fresh submissions read SUBMITTED until the poller first hears from upstream.
      return elapsed * 3 < record.plan.queueMs ? 'SUBMITTED' : 'QUEUED'
    }
    case 'running':
      return 'IN_PROGRESS'
    case 'succeeded':
      return 'SUCCESS'
    default:
      return 'FAILURE'
  }
}

function progressOf(view: TaskView): string {
  if (view.record.statusOverride === 'NOT_START') return '0%'
  // new-api's poller writes 100% when a task ends, failed or not.
  return `${view.terminal ? 100 : view.snapshot.phase === 'queued' ? 0 : view.snapshot.progress}%`
}

function failReasonOf(view: TaskView): string {
  return view.terminal && view.snapshot.phase !== 'succeeded' ? failureMessage(view) : ''
}

function isSuno(record: TaskRecord): boolean {
  return record.platform === 'suno'
}

function resultUrl(ctx: HandlerContext, record: TaskRecord): string {
  return ctx.sim.mediaUrl(ctx, record, isSuno(record) ? 'audio.m4a' : 'video.mp4')
}

/** new-api stores the upstream's raw answer in `data`: a Kling-style body for video, Suno clips for music. */
function upstreamData(ctx: HandlerContext, view: TaskView): unknown {
  const { record } = view
  const upstreamId = String(842_250_903_629_086_785n + BigInt(record.seq))
  if (isSuno(record)) {
    const clipStatus = view.snapshot.phase === 'queued' ? 'submitted' : view.snapshot.phase === 'running' ? 'streaming' : view.hasOutput ? 'complete' : 'error'
    return [
      {
        id: `clip-${record.seq}`,
        status: clipStatus,
        audio_url: view.hasOutput ? resultUrl(ctx, record) : '',
        video_url: '',
        image_url: view.hasOutput ? ctx.sim.mediaUrl(ctx, record, 'cover.png') : '',
        title: record.prompt.slice(0, 40) || 'Untitled',
        model_name: record.model,
        metadata: { tags: record.prompt.slice(0, 20), duration: view.hasOutput ? 30 : null },
      },
    ]
  }
  if (!view.terminal) return {}
  if (view.snapshot.phase === 'succeeded') {
    const videos = view.hasOutput ? [{ id: String(BigInt(upstreamId) + 1n), url: resultUrl(ctx, record), duration: '5.1' }] : []
    return { code: 0, data: { task_id: upstreamId, task_status: 'succeed', task_result: { videos } } }
  }
  return { code: 0, data: { task_id: upstreamId, task_status: 'failed', task_status_msg: failReasonOf(view) } }
}

/** The fetch answer's `data` (relay TaskModel2Dto as the contract files show it). */
export function newApiFetchData(ctx: HandlerContext, view: TaskView): Record<string, unknown> {
  const { record } = view
  return {
    task_id: record.id,
    action: record.type,
    status: newApiStatusOf(ctx, view),
    fail_reason: failReasonOf(view),
    submit_time: seconds(view.createdAtMs),
    start_time: view.startedAtMs === undefined ? 0 : seconds(view.startedAtMs),
    finish_time: view.finishedAtMs === undefined ? 0 : seconds(view.finishedAtMs),
    progress: progressOf(view),
    data: upstreamData(ctx, view),
  }
}

function userIdOf(owner: string): number {
  return (Number.parseInt(owner.slice(-4), 16) % 999) + 1
}

const CHANNEL_BY_PLATFORM: Readonly<Record<string, number>> = { kling: 3, suno: 5, jimeng: 7, vidu: 8, sora: 11, hailuo: 12, gemini: 14 }

/** One `/api/task/self` item (dto.TaskDto; `data` is null in the console list). */
export function newApiListItem(ctx: HandlerContext, view: TaskView): Record<string, unknown> {
  const { record } = view
  const status = newApiStatusOf(ctx, view)
  return {
    id: record.seq,
    created_at: seconds(view.createdAtMs),
    updated_at: seconds(view.finishedAtMs ?? view.nowMs),
    task_id: record.id,
    platform: record.platform,
    user_id: userIdOf(record.owner),
    group: 'default',
    channel_id: CHANNEL_BY_PLATFORM[record.platform] ?? 1,
    quota: record.credits * QUOTA_PER_CREDIT,
    action: record.type,
    status,
    fail_reason: failReasonOf(view),
    // `result_url,omitempty`: only finished tasks with media carry it.
    ...(status === 'SUCCESS' && view.hasOutput ? { result_url: resultUrl(ctx, record) } : {}),
    submit_time: seconds(view.createdAtMs),
    start_time: view.startedAtMs === undefined ? 0 : seconds(view.startedAtMs),
    finish_time: view.finishedAtMs === undefined ? 0 : seconds(view.finishedAtMs),
    progress: progressOf(view),
    properties: { input: record.prompt, origin_model_name: record.model },
    data: null,
  }
}

const OPENAI_VIDEO_STATUS = { queued: 'queued', running: 'in_progress', succeeded: 'completed' } as const

/** dto.OpenAIVideo, what `POST /v1/video/generations` and the `/v1/videos` routes answer. */
function openAiVideo(ctx: HandlerContext, view: TaskView): Record<string, unknown> {
  const { record, snapshot } = view
  const status: string = ctx.unknownStatus && !view.terminal ? 'unknown' : (OPENAI_VIDEO_STATUS[snapshot.phase as keyof typeof OPENAI_VIDEO_STATUS] ?? 'failed')
  return {
    id: record.id,
    task_id: record.id,
    object: 'video',
    model: record.model,
    status,
    progress: view.terminal ? 100 : snapshot.phase === 'queued' ? 0 : snapshot.progress,
    created_at: seconds(view.createdAtMs),
    ...(view.finishedAtMs === undefined ? {} : { completed_at: seconds(view.finishedAtMs) }),
    seconds: '5',
    size: '1280x720',
    ...(status === 'failed' ? { error: { message: failReasonOf(view), code: snapshot.phase === 'blocked' ? 'content_policy_violation' : 'task_failed' } } : {}),
  }
}

function requireJson(ctx: HandlerContext): Record<string, unknown> | SimResponse {
  return isRecord(ctx.body) ? ctx.body : relayError(400, 'invalid request body', 'invalid_request')
}

function createVideo(ctx: HandlerContext): SimResponse {
  const body = requireJson(ctx)
  if (!isRecord(body)) return body
  const model = stringField(body, 'model') ?? ''
  if (!model) return relayError(400, 'model is required', 'invalid_request')
  // new-api: image-to-video is "generate", text-only is "textGenerate".
  const hasImage = ['image', 'images', 'input_reference', 'image_url'].some((key) => body[key] !== undefined)
  const record = ctx.sim.createTask(ctx, {
    kind: 'video',
    model,
    type: hasImage ? 'generate' : 'textGenerate',
    platform: newApiPlatformOf(model),
    prompt: stringField(body, 'prompt') ?? '',
  })
  return jsonResponse(200, openAiVideo(ctx, ctx.sim.view(record)))
}

function createSuno(ctx: HandlerContext): SimResponse {
  const body = requireJson(ctx)
  if (!isRecord(body)) return body
  const action = (ctx.params.action ?? '').toUpperCase()
  if (action !== 'MUSIC' && action !== 'LYRICS') return jsonResponse(400, { code: 'invalid_request', message: `unsupported action: ${ctx.params.action}`, data: null })
  const prompt = stringField(body, 'prompt') ?? stringField(body, 'gpt_description_prompt') ?? stringField(body, 'tags') ?? ''
  const record = ctx.sim.createTask(ctx, {
    kind: 'audio',
    model: stringField(body, 'mv') ?? 'chirp-v4',
    type: action,
    platform: 'suno',
    prompt,
  })
  return jsonResponse(200, { code: 'success', message: '', data: record.id })
}

function ownTask(ctx: HandlerContext): TaskRecord | undefined {
  return ctx.sim.store.get(ctx.owner, ctx.params.id ?? '')
}

function fetchTask(ctx: HandlerContext): SimResponse {
  const record = ownTask(ctx)
  return record ? jsonResponse(200, { code: 'success', message: '', data: newApiFetchData(ctx, ctx.sim.view(record)) }) : taskNotExist()
}

function fetchSunoBatch(ctx: HandlerContext): SimResponse {
  const ids = isRecord(ctx.body) && Array.isArray(ctx.body.ids) ? ctx.body.ids : []
  const data = ids.flatMap((id) => {
    const record = typeof id === 'string' ? ctx.sim.store.get(ctx.owner, id) : undefined
    return record ? [newApiFetchData(ctx, ctx.sim.view(record))] : []
  })
  return jsonResponse(200, { code: 'success', message: '', data })
}

function getOpenAiVideo(ctx: HandlerContext): SimResponse {
  const record = ownTask(ctx)
  return record ? jsonResponse(200, openAiVideo(ctx, ctx.sim.view(record))) : taskNotExist()
}

function videoContent(ctx: HandlerContext): SimResponse {
  const record = ownTask(ctx)
  if (!record || !ctx.sim.view(record).hasOutput) return taskNotExist()
  return serveMedia('video.mp4', 'GET', undefined, {})
}

function intParam(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name)
  if (raw === null || raw === '') return undefined
  const value = Number(raw)
  return Number.isFinite(value) ? Math.trunc(value) : undefined
}

/** `GET /api/task/self`: the key's tasks, newest first, filtered and paged like new-api's SQL. */
function listSelf(ctx: HandlerContext): SimResponse {
  const query = ctx.url.searchParams
  const page = Math.max(1, intParam(query, 'p') ?? 1)
  const requestedSize = intParam(query, 'page_size') ?? 0
  const pageSize = requestedSize > 0 ? requestedSize : NEWAPI_DEFAULT_PAGE_SIZE
  const taskId = query.get('task_id') || undefined
  const platform = query.get('platform') || undefined
  const status = query.get('status') || undefined
  const action = query.get('action') || undefined
  const start = intParam(query, 'start_timestamp') ?? 0
  const end = intParam(query, 'end_timestamp') ?? 0

  const matching: Record<string, unknown>[] = []
  const owned = ctx.sim.store.list(ctx.owner)
  for (let i = owned.length - 1; i >= 0; i--) {
    const record = owned[i]
    if (!record) continue
    if (taskId && record.id !== taskId) continue
    if (platform && record.platform !== platform) continue
    if (action && record.type !== action) continue
    const submitTime = seconds(record.createdAtMs)
    if (start && submitTime < start) continue
    if (end && submitTime > end) continue
    const view = ctx.sim.view(record)
    if (status && newApiStatusOf(undefined, view) !== status) continue
    matching.push(newApiListItem(ctx, view))
  }
  const items = matching.slice((page - 1) * pageSize, page * pageSize)
  return jsonResponse(200, {
    success: true,
    message: '',
    // start/end_timestamp have no form tags in common.PageInfo, so new-api echoes them as 0.
    data: { page, page_size: pageSize, start_timestamp: 0, end_timestamp: 0, total: matching.length, items },
  })
}

/** Console routes answer like new-api's dashboard auth: 401 without a token, HTTP 200 `success:false` with a bad one. */
function consoleUnauthorized(_ctx: HandlerContext, reason: 'missing' | 'invalid'): SimResponse {
  return reason === 'missing'
    ? jsonResponse(401, { success: false, message: '无权进行此操作，未登录且未提供 access token' })
    : jsonResponse(200, { success: false, message: '无权进行此操作，access token 无效' })
}

export function createNewApiPersonality(options: PersonalityOptions): Personality {
  const routes: Route[] = [
    { methods: ['POST'], pattern: /^\/v1\/video\/generations$/, kind: 'create', handle: createVideo },
    { methods: ['GET'], pattern: /^\/v1\/video\/generations\/(?<id>[^/]+)$/, kind: 'status', handle: fetchTask },
    { methods: ['POST'], pattern: /^\/v1\/videos$/, kind: 'create', handle: createVideo },
    { methods: ['GET'], pattern: /^\/v1\/videos\/(?<id>[^/]+)\/content$/, kind: 'media', handle: videoContent },
    { methods: ['GET'], pattern: /^\/v1\/videos\/(?<id>[^/]+)$/, kind: 'status', handle: getOpenAiVideo },
    { methods: ['POST'], pattern: /^\/suno\/submit\/(?<action>[^/]+)$/, kind: 'create', handle: createSuno },
    { methods: ['GET'], pattern: /^\/suno\/fetch\/(?<id>[^/]+)$/, kind: 'status', handle: fetchTask },
    { methods: ['POST'], pattern: /^\/suno\/fetch$/, kind: 'list', handle: fetchSunoBatch },
    { methods: ['GET'], pattern: /^\/api\/task\/self$/, kind: 'list', handle: listSelf, unauthorized: consoleUnauthorized },
  ]
  return {
    provider: 'newapi',
    routes,
    unauthorized: (_ctx, reason) => relayError(401, reason === 'missing' ? '未提供令牌' : '无效的令牌'),
    rateLimited: (retryAfterSeconds) => ({
      ...relayError(429, 'Too many requests, please retry later', 'rate_limit_exceeded'),
      headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(retryAfterSeconds) },
    }),
    serverError: (status) => relayError(status, 'upstream error: do request failed', 'do_request_failed'),
    routeNotFound: (ctx) => jsonResponse(404, { error: { message: `Invalid URL (${ctx.method} ${ctx.path})`, type: 'invalid_request_error', param: '', code: '' } }),
    onFirstSeen: (ctx) => {
      if (options.seedHistory > 0) seedNewApiHistory(ctx, options.seedHistory, options.seed, options.historyAnchorMs())
    },
  }
}
