import type { AdapterResponse, CancelOutcome, PollBounds, TaskAdapter, TaskRef } from '../adapter'
import type { AssetKind, Task } from '../model'
import { asRecord, asString, toEpochMs, toProgress } from '../normalize'
import { addAsset, type AssetSink } from './assets'
import {
  failWithoutOutput,
  failureFrom,
  getJson,
  joinUrl,
  newTask,
  pollBounds,
  postJson,
  requireId,
  okRecord,
  sameOriginUrl,
  stateMapper,
  taskUrl,
  trimBase,
  withDefaultFailure,
} from './common'
import { isErrorStatus, readError, type ErrorReading } from './readError'

/** Qingbo (seed: qingbo-query-task). Its docs contradict themselves twice; both readings are accepted. */

export interface QingboInput {
  /** Model id (`group_name`), e.g. `veo3`. */
  model: string
  /** `generate`, `edit`, `image2video`, ... */
  action?: string
  prompt?: string
  /** "Prefer Webhooks: set callback_url at submission to receive a push on completion" */
  callback_url?: string
  [field: string]: unknown
}

export interface QingboOptions {
  /** Default `https://www.qingbo.dev`. */
  baseUrl?: string
  pollBounds?: Partial<PollBounds>
}

// "queued — Submitted ... processing — In progress ... completed — Done ... failed ... cancelled"
const qingboState = stateMapper({
  queued: 'queued',
  processing: 'running',
  completed: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
})

/** "Polling interval: every 2–5 seconds". (Its "5-minute timeout" is a deadline: the client's `deadlineMs`.) */
const QINGBO_POLL: PollBounds = { minMs: 2000, initialMs: 2000, maxMs: 5000 }

const RESULT_KINDS: ReadonlyArray<readonly [string, AssetKind]> = [
  ['images', 'image'],
  ['videos', 'video'],
  ['audios', 'audio'],
]

export function qingbo(options: QingboOptions = {}): TaskAdapter<QingboInput> {
  const name = 'qingbo'
  const baseUrl = trimBase(options.baseUrl ?? 'https://www.qingbo.dev')
  // "404 task_not_found — task_id does not exist or doesn't belong to the current user"; "401 Authentication failed"
  const reading: ErrorReading = { provider: name, notFoundCodes: ['task_not_found'] }

  function readTask(response: AdapterResponse, ref?: TaskRef, input?: QingboInput): Task {
    const body = okRecord(response, reading)
    const id = requireId(body.task_id ?? body.id, name)
    const rawStatus = asString(body.status) ?? ''
    const task = newTask(name, id, rawStatus, rawStatus === '' && input ? 'queued' : qingboState(rawStatus), body)
    task.progress = toProgress(body.progress)
    task.type = asString(body.action) ?? input?.action
    task.model = asString(body.model) ?? input?.model
    // "Creation time (Unix millisecond timestamp)" but the examples say 1720000000: seconds or ms both read.
    task.createdAt = toEpochMs(body.created_at)
    task.startedAt = toEpochMs(body.start_time)
    task.finishedAt = toEpochMs(body.completed_at)
    // "Convenience action links so clients don't have to assemble URLs: get ... cancel"
    task.pollUrl = sameOriginUrl(asRecord(body.urls)?.get ?? body.poll_url, baseUrl) ?? ref?.pollUrl
    task.requestId = asString(body.request_id) ?? response.headers['x-request-id']
    // "error ... Only present in the failed state: message — Error description; code — (commonly task_failed)"
    if (task.state === 'failed') task.error = failureFrom(body.error)

    // "result ... images / videos / audios (an array). Each item contains: url — string[] array
    // (always an array, even with a single element); expires_at — Unix timestamp" -- yet the
    // examples show `url` as a plain string. Both are read; each URL keeps its item's expiry.
    const result = asRecord(body.result) ?? {}
    const sink: AssetSink = { base: baseUrl, assets: task.assets }
    for (const [field, kind] of RESULT_KINDS) {
      for (const item of Array.isArray(result[field]) ? result[field] : []) {
        const entry = asRecord(item)
        const urls: unknown = entry ? entry.url : item
        const expiresAt = toEpochMs(entry?.expires_at)
        for (const url of Array.isArray(urls) ? urls : [urls]) addAsset(sink, url, { kind, expiresAt })
      }
    }
    return withDefaultFailure(failWithoutOutput(task))
  }

  return {
    name,
    baseUrl,
    pollBounds: pollBounds(QINGBO_POLL, options.pollBounds),

    createRequest: (input) => postJson(joinUrl(baseUrl, '/v1/tasks'), input),
    parseCreate: (response, input) => readTask(response, undefined, input),

    statusRequest: (ref) => getJson(sameOriginUrl(ref.pollUrl, baseUrl) ?? taskUrl(baseUrl, '/v1/tasks', ref.id)),
    parseStatus: (response, ref) => readTask(response, ref),

    // "cancelled — Cancelled (only queued tasks can be cancelled)"
    cancel: {
      request: (task) => postJson(`${taskUrl(baseUrl, '/v1/tasks', task.id)}/cancel`, {}),
      parse(response): CancelOutcome {
        if (!isErrorStatus(response)) {
          return asRecord(response.body)?.status === 'cancelled' ? 'cancelled' : 'requested'
        }
        const error = readError(response, reading)
        // Any other 4xx is the refusal of a task that is no longer queued; its wording is undocumented.
        if (error.kind === 'http' && response.status < 500) return 'not-cancellable'
        throw error
      },
    },
  }
}
