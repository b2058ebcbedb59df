import type { AdapterResponse, PollBounds, TaskAdapter, TaskRef } from '../adapter'
import { TaskKitError, type TaskKitErrorKind } from '../errors'
import { isTerminalState, type AssetKind, type Task } from '../model'
import { asNumber, asRecord, asString, toEpochMs, toProgress } from '../normalize'
import { addAsset, collectAssets, type AssetSink } from './assets'
import {
  failWithoutOutput,
  failure,
  getJson,
  hasContent,
  joinUrl,
  newTask,
  parseError,
  pollBounds,
  postJson,
  requireEndpoint,
  requireId,
  okRecord,
  readEach,
  requireRecord,
  stateMapper,
  taskUrl,
  trimBase,
  withDefaultFailure,
  withoutKeys,
} from './common'
import { readError, type ErrorDetails, type ErrorReading } from './readError'

/**
 * Tripo 3D (seed: tripo-get-task), API v2 and v3. Status answers of either version are read
 * whatever `apiVersion` says, so a client switched mid-task keeps working.
 */

export type TripoApiVersion = 'v2' | 'v3'

export interface TripoInput {
  /** v2 task type (`text_to_model`, `image_to_model`, ...). On v3 it picks the route and is not sent. */
  type: string
  /** v3 only: a route the type table below does not know, e.g. `/v3/generation/image-to-splat`. */
  endpoint?: string
  [field: string]: unknown
}

export interface TripoOptions {
  /** Default `https://api.tripo3d.ai` (v2) or `https://openapi.tripo3d.ai` (v3: "Base URL (international)"). */
  baseUrl?: string
  /** Default `v2`. */
  apiVersion?: TripoApiVersion
  /** Clock for result URL expiry; default `Date.now`. */
  now?: () => number
  pollBounds?: Partial<PollBounds>
}

// "eight possible status values": queued, running (ongoing); success, failed, banned, expired,
// cancelled, unknown (finalized). `unknown` "may indicate a system-level issue": it stays `unknown`.
const tripoState = stateMapper({
  queued: 'queued',
  running: 'running',
  success: 'succeeded',
  failed: 'failed',
  banned: 'blocked',
  expired: 'expired',
  cancelled: 'cancelled',
  unknown: 'unknown',
})

/** "A URL to download the model, which by default expires after five minutes." */
const URL_LIFETIME_MS = 5 * 60_000

/** The SDK's `waitForTask` polls every 2 s; Tripo's v3 migration guide says "2–5 s is a good range". */
const TRIPO_POLL: PollBounds = { minMs: 2000, initialMs: 2000, maxMs: 5000 }

/** v3 has one create route per capability instead of v2's `POST /task` + `type` (v2 -> v3 guide, §2). */
const V3_ROUTES: Readonly<Record<string, string>> = {
  text_to_model: 'generation/text-to-model',
  image_to_model: 'generation/image-to-model',
  multiview_to_model: 'generation/multiview-to-model',
  text_to_image: 'generation/text-to-image',
  generate_image: 'generation/image-to-image',
  generate_multiview_image: 'generation/image-to-multiview',
  edit_multiview_image: 'generation/edit-multiview',
  texture_model: 'models/texture',
  refine_model: 'models/refine',
  stylize_model: 'models/stylize',
  convert_model: 'models/convert',
  import_model: 'models/import',
  animate_prerigcheck: 'animations/rig-check',
  animate_rig: 'animations/rig',
  animate_retarget: 'animations/retarget',
  mesh_segmentation: 'mesh/segment',
  mesh_completion: 'mesh/complete',
  highpoly_to_lowpoly: 'mesh/decimate',
}

/**
 * Output fields in display order. v2 names them `model`, `pbr_model`...; v3 adds `_url`
 * (`model_url`, `rendered_image_url`). The role drops the suffix so both versions read alike.
 */
const OUTPUTS: ReadonlyArray<readonly [string, AssetKind]> = [
  ['pbr_model', 'model3d'],
  ['model', 'model3d'],
  ['base_model', 'model3d'],
  ['generated_image', 'image'],
  ['rendered_image', 'image'],
  ['rendered_video', 'video'],
  ['rendered_sequence', 'image'],
  ['multiview_basecolor', 'image'],
]
/** "It contains four fixed views in order: front, left, back, right." */
const VIEWS = ['front', 'left', 'back', 'right'] as const

/**
 * Error envelope `{code != 0, message, suggestion}`. Codes from the v2 -> v3 guide (§8): 2001
 * task not found, 1007/2000 rate and concurrency limits, 1000/1001 server errors. "Auth failure:
 * match on HTTP 401" (v3 body code is 2, v2 was 1002). 2010 (insufficient credit) comes with a
 * 403 but is not an auth problem, so an envelope code wins over the 403.
 */
function classifyTripoError({ status, code, message }: ErrorDetails): TaskKitErrorKind | undefined {
  if (status === 401) return 'auth'
  // "the API will return a "task not found" error" (another key, or an unknown id)
  if (code === '2001' || /task not found/i.test(message)) return 'not-found'
  if (status === 429 || code === '1007' || code === '2000') return 'rate-limited'
  if (status >= 500 || code === '1000' || code === '1001') return 'http'
  return code === undefined ? undefined : 'provider'
}

export function tripo(options: TripoOptions = {}): TaskAdapter<TripoInput> {
  const name = 'tripo'
  const apiVersion = options.apiVersion ?? 'v2'
  const baseUrl = trimBase(options.baseUrl ?? (apiVersion === 'v3' ? 'https://openapi.tripo3d.ai' : 'https://api.tripo3d.ai'))
  const now = options.now ?? Date.now
  const reading: ErrorReading = { provider: name, classify: classifyTripoError, now }

  /** `{code: 0, data}` (v2), `{code: 0, status: "success", data}` (v3); anything else throws. */
  function readEnvelope(response: AdapterResponse): Record<string, unknown> {
    const body = okRecord(response, reading)
    if (body.code !== undefined && body.code !== 0 && body.code !== '0') throw readError(response, reading)
    const data = asRecord(body.data)
    if (!data) throw parseError(name, 'response has no `data`')
    return data
  }

  function readTask(data: Record<string, unknown>, response: AdapterResponse, ref?: TaskRef, raw: unknown = response.body): Task {
    const id = requireId(data.task_id, name)
    const rawStatus = asString(data.status) ?? ''
    let state = tripoState(rawStatus)
    const errorCode = asString(data.error_code)
    // v3 "`banned` (moderation rejection) → now `failed` with `error_code: 2008`",
    // "`expired` (timed out in queue) → now `failed` with `error_code: 2018`".
    if (state === 'failed' && errorCode === '2008') state = 'blocked'
    if (state === 'failed' && errorCode === '2018') state = 'expired'

    const task = newTask(name, id, rawStatus, state, raw)
    // "progress ... When status is queued ... 0 ... running ... indicates the task's progress ...
    // success ... 100. In all other cases, progress value should not be considered meaningful."
    if (state === 'queued' || state === 'running') task.progress = toProgress(data.progress)
    if (state === 'succeeded') task.progress = 100
    // "queuing_num: The current queue position for this task. Returns -1 when the task is not in
    // queue." -1 as the "absent" value makes 0 a position: 0-based, so +1 for our 1-based field.
    const queuing = asNumber(data.queuing_num)
    if (queuing !== undefined && queuing >= 0 && !isTerminalState(state)) task.queuePosition = queuing + 1
    // "running_left_time: Estimated remaining running time in seconds. Returns -1 when the task finalized."
    const left = asNumber(data.running_left_time)
    if (left !== undefined && left >= 0 && !isTerminalState(state)) task.etaMs = left * 1000
    // v2 `create_time` (unix seconds); v3 ISO `created_at` and `completed_at`.
    task.createdAt = toEpochMs(data.create_time ?? data.created_at)
    task.finishedAt = toEpochMs(data.completed_at)
    task.type = asString(data.type)
    const input = asRecord(data.input)
    task.model = asString(input?.model_version ?? input?.model ?? data.model)
    // "consumed_credit: The number of credits consumed by this task, if the task failed, it will be 0."
    const credits = asNumber(data.consumed_credit ?? data.credits_consumed)
    if (credits !== undefined) task.billing = { credits }
    task.requestId = response.headers['x-request-id'] ?? asString(asRecord(response.body)?.request_id)
    task.pollUrl = ref?.pollUrl
    // The error field is `error_msg` in one SDK and `error_message` in another.
    const message = asString(data.error_msg) ?? asString(data.error_message)
    if (message !== undefined && (state === 'failed' || state === 'blocked' || state === 'expired')) {
      task.error = failure(message, errorCode)
    }

    const output = asRecord(data.output) ?? {}
    const sink: AssetSink = { base: baseUrl, assets: task.assets, expiresAt: now() + URL_LIFETIME_MS }
    for (const [field, kind] of OUTPUTS) {
      // Also top-level: the captured v2 running answer carries `pbr_model`, `rendered_sequence` in `data`.
      for (const value of [output[field], output[`${field}_url`], data[field]]) {
        addAsset(sink, value, { kind, role: field })
      }
    }
    for (const url of Array.isArray(output.model_urls) ? output.model_urls : []) {
      addAsset(sink, url, { kind: 'model3d', role: 'model' })
    }
    const views = asRecord(output.generate_multiview_image) ?? output
    for (const view of VIEWS) addAsset(sink, views[`${view}_view_url`], { kind: 'image', role: view })
    // "The output field may occasionally contain additional, undocumented fields": list their URLs last.
    collectAssets(sink, output)

    // A rig check answers `riggable`, not a file: only an output with nothing in it is "missing".
    return withDefaultFailure(failWithoutOutput(task, hasContent(output)), errorCode)
  }

  const createdTask = (data: Record<string, unknown>, response: AdapterResponse, input: TripoInput): Task => {
    const task = newTask(name, requireId(data.task_id, name), asString(data.status) ?? '', 'queued', response.body)
    task.type = asString(data.type) ?? asString(input.type)
    task.model = asString(input.model_version ?? input.model)
    task.requestId = response.headers['x-request-id']
    return task
  }

  return {
    name,
    baseUrl,
    pollBounds: pollBounds(TRIPO_POLL, options.pollBounds),

    createRequest(input) {
      if (apiVersion === 'v2') return postJson(joinUrl(baseUrl, '/v2/openapi/task'), input)
      const route = input.endpoint ?? (V3_ROUTES[input.type] === undefined ? undefined : `/v3/${V3_ROUTES[input.type]}`)
      if (route === undefined) {
        throw new TaskKitError('invalid-input', `tripo: no v3 route for type "${input.type}"; pass \`endpoint\``, {
          provider: name,
        })
      }
      // "no `type` field in the body (remove it; a leftover `type` field is harmlessly ignored ...)"
      return postJson(`${baseUrl}${requireEndpoint(route, name)}`, withoutKeys(input, 'type', 'endpoint'))
    },
    parseCreate: (response, input) => createdTask(readEnvelope(response), response, input),

    statusRequest: (ref) =>
      getJson(taskUrl(baseUrl, apiVersion === 'v3' ? '/v3/tasks' : '/v2/openapi/task', ref.id)),
    parseStatus: (response, ref) => readTask(readEnvelope(response), response, ref),

    // No cancel: the docs have no route ("Task cancel / task list APIs never existed in V2 either").

    // v3 `POST /v3/tasks/list {task_ids}` (SDK `listTasks`): `{tasks: [...]}` in the SDK's types,
    // `{tasks: {id: detail}, missed: [...]}` in the migration guide: both are read.
    batch:
      apiVersion === 'v3'
        ? {
            maxIds: 100,
            request: (ids) => postJson(joinUrl(baseUrl, '/v3/tasks/list'), { task_ids: ids }),
            parse(response) {
              const tasks = readEnvelope(response).tasks
              const entries: [string | undefined, unknown][] = Array.isArray(tasks)
                ? tasks.map((item) => [undefined, item])
                : Object.entries(asRecord(tasks) ?? {})
              // One unreadable entry must not hide the others; its id is simply not in the answer.
              return readEach(entries, ([key, item]) => readTask({ task_id: key, ...requireRecord(item, name) }, response, undefined, item))
            },
          }
        : undefined,
  }
}
