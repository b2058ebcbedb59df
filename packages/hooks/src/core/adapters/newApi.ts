import type { AdapterResponse, PollBounds, TaskAdapter, TaskHistoryQuery, TaskRef } from '../adapter'
import { TaskKitError } from '../errors'
import type { Task, TaskState } from '../model'
import { asRecord, asString, toEpochMs, toProgress } from '../normalize'
import { addAsset, collectAssets, type AssetSink } from './assets'
import {
  failWithoutOutput,
  failureFrom,
  getJson,
  joinUrl,
  newTask,
  parseError,
  pollBounds,
  postJson,
  requireEndpoint,
  requireId,
  historyPage,
  okRecord,
  readEach,
  requireRecord,
  sameOriginUrl,
  stateMapper,
  taskUrl,
  trimBase,
  withDefaultFailure,
  withoutKeys,
} from './common'
import { readError, type ErrorReading } from './readError'

/**
 * new-api / one-api style gateways (QuantumNous/new-api; seed: tokaify-task-logs). The gateway
 * keeps its own task table (`TaskDto`) and relays the upstream's answer in `data`.
 */

export interface NewApiInput {
  /** Create route; default `/v1/video/generations`. E.g. `/suno/submit/music`, `/v1/videos`. */
  endpoint?: string
  model?: string
  prompt?: string
  [field: string]: unknown
}

export interface NewApiOptions {
  /** The gateway's URL (required: every deployment has its own). */
  baseUrl: string
  pollBounds?: Partial<PollBounds>
}

// model.TaskStatus: NOT_START, SUBMITTED, QUEUED, IN_PROGRESS, SUCCESS, FAILURE, UNKNOWN; '' while
// the gateway is still submitting. Plus the OpenAI-video words of `/v1/videos/{id}` answers.
const newApiState = stateMapper({
  '': 'queued',
  not_start: 'queued',
  submitted: 'queued',
  queued: 'queued',
  in_progress: 'running',
  success: 'succeeded',
  failure: 'failed',
  unknown: 'unknown',
  completed: 'succeeded',
  failed: 'failed',
})

/**
 * The gateway refreshes its task table from upstream every 15 s (service.TaskPollingLoop:
 * "每 15 秒检查一次未完成的任务"), so polling it faster than ~3 s only re-reads the same row.
 */
const NEWAPI_POLL: PollBounds = { minMs: 3000, initialMs: 5000, maxMs: 15_000 }

/** History filter: normalized state -> the gateway's word. `queued` has three; QUEUED is the common one. */
const STATUS_FILTER: Partial<Record<TaskState, string>> = {
  queued: 'QUEUED',
  running: 'IN_PROGRESS',
  succeeded: 'SUCCESS',
  failed: 'FAILURE',
  unknown: 'UNKNOWN',
}

const toSeconds = (ms: number) => String(Math.floor(ms / 1000))

export function newApi(options: NewApiOptions): TaskAdapter<NewApiInput> {
  const name = 'newapi'
  if (!options?.baseUrl?.trim()) {
    throw new TaskKitError('invalid-input', 'newapi: `baseUrl` (the gateway URL) is required', { provider: name })
  }
  const baseUrl = trimBase(options.baseUrl)
  // controller: 400 `task_not_exist` for an unknown id ("task_not_exist", http.StatusBadRequest).
  const reading: ErrorReading = { provider: name, notFoundCodes: ['task_not_exist', 'task_not_found'] }

  /** The task record of an answer: `{code: "success", data}`, `{success: true, data}`, or the task itself. */
  function readBody(response: AdapterResponse): Record<string, unknown> {
    const body = okRecord(response, reading)
    // "{success:false, message} with HTTP 200" (the /api routes), or a relay error envelope.
    if (body.success === false || (typeof body.code === 'string' && body.code !== 'success')) {
      throw readError(response, reading)
    }
    return body
  }

  function unwrap(body: Record<string, unknown>): unknown {
    return body.code === 'success' || body.success === true ? body.data : body
  }

  function readTask(value: unknown, response: AdapterResponse, ref?: TaskRef, raw: unknown = response.body): Task {
    const record = requireRecord(value, name, 'task')
    // TaskDto: `id` is the gateway's row number, `task_id` the public id. OpenAI video: `id`.
    const id = requireId(record.task_id ?? record.id, name)
    const rawStatus = asString(record.status) ?? ''
    const task = newTask(name, id, rawStatus, newApiState(rawStatus), raw)
    // TaskDto progress is a string ("30%"); the OpenAI video shape uses a number.
    task.progress = toProgress(record.progress)
    // TaskDto times are seconds; the OpenAI video shape's `created_at` may be ms ("note created_at in ms!").
    task.createdAt = toEpochMs(record.submit_time ?? record.created_at)
    task.startedAt = toEpochMs(record.start_time)
    task.finishedAt = toEpochMs(record.finish_time ?? record.completed_at)
    task.type = asString(record.action)
    task.platform = asString(record.platform)
    const properties = asRecord(record.properties)
    task.model =
      asString(record.model) ?? asString(properties?.origin_model_name) ?? asString(properties?.upstream_model_name)
    task.requestId = response.headers['x-request-id']
    task.pollUrl = ref?.pollUrl
    if (task.state === 'failed') task.error = failureFrom(record.error, record.fail_reason)

    // Suno results are music; the other task routes are video (Kling, Sora, Veo, ...).
    const music = /suno|music|song/i.test(`${task.platform ?? ''} ${task.type ?? ''}`)
    const sink: AssetSink = { base: baseUrl, assets: task.assets, fallbackKind: music ? 'audio' : 'video' }
    addAsset(sink, record.result_url, { role: 'result' })
    // The upstream's raw answer: Kling `task_result.videos[].url`, Suno clips `audio_url`/`video_url`/`image_url`.
    collectAssets(sink, record.data, 'data')
    if (record.object === 'video') {
      for (const value of [record.video_url, record.url, asRecord(record.output)?.video_url, asRecord(record.metadata)?.url]) {
        addAsset(sink, value, { kind: 'video' })
      }
      // OpenAI-compatible videos are fetched through the gateway's proxy (GET /v1/videos/:task_id/content).
      if (task.state === 'succeeded' && task.assets.length === 0) {
        addAsset(sink, `${taskUrl(baseUrl, '/v1/videos', id)}/content`, { kind: 'video', role: 'content' })
      }
    }
    // Lyrics tasks finish with text, not media.
    return withDefaultFailure(failWithoutOutput(task, /lyric/i.test(task.type ?? '')))
  }

  /** An unreadable row is left out rather than failing the whole page. */
  const readItems = (items: unknown[], response: AdapterResponse): Task[] =>
    readEach(items, (item) => readTask(item, response, undefined, item))

  /** Where the created task is read back: Suno tasks at /suno/fetch/{id}, OpenAI videos at /v1/videos/{id}. */
  function pollUrlFor(endpoint: string, id: string): string | undefined {
    if (endpoint.startsWith('/suno/')) return taskUrl(baseUrl, '/suno/fetch', id)
    if (endpoint === '/v1/videos') return taskUrl(baseUrl, '/v1/videos', id)
    return undefined
  }

  return {
    name,
    baseUrl,
    pollBounds: pollBounds(NEWAPI_POLL, options.pollBounds),

    createRequest(input) {
      const endpoint = requireEndpoint(input.endpoint ?? '/v1/video/generations', name)
      return postJson(`${baseUrl}${endpoint}`, withoutKeys(input, 'endpoint'))
    },
    parseCreate(response, input) {
      const body = readBody(response)
      const data = body.data
      // Video routes answer with the task (`task_id`/`id`); Suno with `{code: "success", data: "<id>"}`.
      const id = requireId(
        body.task_id ?? (typeof data === 'string' ? data : undefined) ?? asRecord(data)?.task_id ?? body.id,
        name,
      )
      const task = body.status === undefined ? newTask(name, id, '', 'queued', body) : readTask({ ...body, task_id: id }, response)
      task.model ??= input.model
      task.pollUrl = pollUrlFor(input.endpoint ?? '', id)
      return task
    },

    statusRequest: (ref) =>
      getJson(sameOriginUrl(ref.pollUrl, baseUrl) ?? taskUrl(baseUrl, '/v1/video/generations', ref.id)),
    parseStatus: (response, ref) => readTask(unwrap(readBody(response)), response, ref),

    // No cancel: the gateway has no cancel route.

    // POST /suno/fetch {ids} reads any of the user's tasks by public id (relay sunoFetchRespBodyBuilder:
    // model.GetByTaskIds(userId, ids)); the /api/task/self list filters by one task_id only.
    batch: {
      maxIds: 50,
      request: (ids) => postJson(joinUrl(baseUrl, '/suno/fetch'), { ids }),
      parse(response) {
        const items = unwrap(readBody(response))
        if (!Array.isArray(items)) throw parseError(name, 'batch answer has no task list')
        return readItems(items, response)
      },
    },

    // GET /api/task/self (controller.GetUserTask): page `p`, filters, times in seconds.
    history: {
      // blocked, cancelled and expired have no word of their own on the gateway.
      statuses: Object.keys(STATUS_FILTER) as TaskState[],
      request(query: TaskHistoryQuery) {
        const params = new URLSearchParams({ p: String(query.page), page_size: String(query.pageSize) })
        const status =
          query.status !== undefined && Object.hasOwn(STATUS_FILTER, query.status)
            ? STATUS_FILTER[query.status as TaskState]
            : query.status
        const filters: Array<[string, string | undefined]> = [
          ['task_id', query.taskId],
          ['platform', query.platform],
          ['status', status],
          ['action', query.type],
          ['start_timestamp', query.from === undefined ? undefined : toSeconds(query.from)],
          ['end_timestamp', query.to === undefined ? undefined : toSeconds(query.to)],
        ]
        for (const [key, value] of filters) if (value) params.set(key, value)
        return getJson(`${joinUrl(baseUrl, '/api/task/self')}?${params}`)
      },
      parse(response) {
        const page = requireRecord(unwrap(readBody(response)), name, '`data`')
        if (!Array.isArray(page.items)) throw parseError(name, 'history answer has no `items`')
        return historyPage(readItems(page.items, response), { ...page, pageSize: page.page_size })
      },
    },
  }
}
