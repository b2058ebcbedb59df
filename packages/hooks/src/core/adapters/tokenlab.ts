import type { AdapterResponse, CancelOutcome, PollBounds, TaskAdapter, TaskRef } from '../adapter'
import type { Task } from '../model'
import { asRecord, asString, toEpochMs, toProgress } from '../normalize'
import { collectAssets } from './assets'
import {
  failWithoutOutput,
  failureFrom,
  getJson,
  newTask,
  pollBounds,
  postJson,
  requireEndpoint,
  requireId,
  okRecord,
  sameOriginUrl,
  stateMapper,
  taskUrl,
  trimBase,
  withDefaultFailure,
  withoutKeys,
} from './common'
import { isErrorStatus, readError, type ErrorReading } from './readError'

/**
 * TokenLab (seed: tokenlab-async-tasks). LemonData publishes the same docs with the same
 * `ldtask_` ids, so this adapter serves both: `tokenlab({ baseUrl: 'https://api.lemondata.cc' })`.
 */

export interface TokenLabInput {
  /** The media endpoint that creates the task, e.g. `/v1/videos/generations`. Not sent in the body. */
  endpoint: string
  /** "send the create call with an explicit model" */
  model: string
  prompt?: string
  [field: string]: unknown
}

export interface TokenLabOptions {
  /** Default `https://api.tokenlab.sh`. */
  baseUrl?: string
  pollBounds?: Partial<PollBounds>
}

// "Expected public statuses are pending, processing, completed, and failed."
const tokenlabState = stateMapper({
  pending: 'queued',
  processing: 'running',
  completed: 'succeeded',
  failed: 'failed',
})

/** "Poll every 5-10s for long-running media tasks." The doc advises no slower cap, so none is taken. */
const TOKENLAB_POLL: PollBounds = { minMs: 5000, initialMs: 5000, maxMs: 10_000 }

export function tokenlab(options: TokenLabOptions = {}): TaskAdapter<TokenLabInput> {
  const name = 'tokenlab'
  const baseUrl = trimBase(options.baseUrl ?? 'https://api.tokenlab.sh')
  const reading: ErrorReading = { provider: name, notFoundCodes: ['async_task_not_found'] }

  function readTask(response: AdapterResponse, ref?: TaskRef, input?: TokenLabInput): Task {
    const body = okRecord(response, reading)
    // "task_id: Compatibility alias for the same public task identity"
    const id = requireId(body.id ?? body.task_id, name)
    const rawStatus = asString(body.status) ?? ''
    // A create answer without a status is a task that was just accepted.
    let state = rawStatus === '' && input ? 'queued' : tokenlabState(rawStatus)
    // "Cancelled tasks are represented as failed with cancelled: true and cancellation_status: "cancelled""
    const cancelled = body.cancelled === true || body.cancellation_status === 'cancelled'
    if (cancelled && state === 'failed') state = 'cancelled'

    const task = newTask(name, id, rawStatus, state, body)
    task.progress = toProgress(body.progress)
    task.model = asString(body.model) ?? input?.model
    task.type = asString(body.type)
    task.createdAt = toEpochMs(body.created_at)
    task.startedAt = toEpochMs(body.started_at)
    task.finishedAt = toEpochMs(body.completed_at ?? body.finished_at)
    task.requestId = asString(body.request_id) ?? response.headers['x-request-id']
    // "poll_url: Preferred status URL. Use this first when present" (relative in the docs' examples).
    task.pollUrl = sameOriginUrl(body.poll_url, baseUrl) ?? ref?.pollUrl
    // "task status responses can expose billing_transaction_id and the X-Billing-Transaction-ID header"
    const transactionId = asString(body.billing_transaction_id) ?? response.headers['x-billing-transaction-id']
    if (transactionId !== undefined) task.billing = { transactionId }
    if (cancelled) task.cancelled = true
    if (state === 'failed') task.error = failureFrom(body.error, body.error_message, body.message)

    // "On completed, read the media-specific result fields": 3D `model_url`/`glb_url`/`fbx_url`,
    // and whatever the image/video/music endpoints name theirs.
    collectAssets({ base: baseUrl, assets: task.assets }, body)
    return withDefaultFailure(failWithoutOutput(task))
  }

  return {
    name,
    baseUrl,
    pollBounds: pollBounds(TOKENLAB_POLL, options.pollBounds),
    // The docs name no idempotency header: duplicates are avoided by never re-sending a create.
    idempotencyHeader: undefined,

    createRequest(input) {
      const endpoint = requireEndpoint(input.endpoint, name)
      return postJson(`${baseUrl}${endpoint}`, withoutKeys(input, 'endpoint'))
    },
    parseCreate: (response, input) => readTask(response, undefined, input),

    // "/v1/tasks/{id} is the canonical fixed status endpoint ... prefer poll_url or /v1/tasks/{id}"
    statusRequest: (ref) => getJson(sameOriginUrl(ref.pollUrl, baseUrl) ?? taskUrl(baseUrl, '/v1/tasks', ref.id)),
    parseStatus: (response, ref) => readTask(response, ref),

    // "DELETE /v1/tasks/{id} is intentionally narrow ... Build cancellation UI as 'request cancellation'"
    cancel: {
      request: (task) => ({ method: 'DELETE', url: taskUrl(baseUrl, '/v1/tasks', task.id) }),
      parse(response): CancelOutcome {
        if (!isErrorStatus(response)) {
          const body = asRecord(response.body)
          const done =
            body?.cancelled === true || body?.cancellation_status === 'cancelled' || body?.status === 'cancelled'
          return done ? 'cancelled' : 'requested'
        }
        const error = readError(response, reading)
        // "Unsupported tasks return 400 unsupported_task_cancel."
        if (error.code === 'unsupported_task_cancel') return 'unsupported'
        // "Tasks that are already running or terminal return 409 task_not_cancellable."
        if (error.code === 'task_not_cancellable' || response.status === 409) return 'not-cancellable'
        throw error
      },
    },
  }
}
