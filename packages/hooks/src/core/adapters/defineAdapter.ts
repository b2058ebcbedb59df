import type {
  AdapterRequest,
  AdapterResponse,
  CancelOutcome,
  CreateContext,
  PollBounds,
  TaskAdapter,
  TaskHistoryQuery,
  TaskRef,
} from '../adapter'
import type { AssetKind, Task, TaskBilling, TaskState } from '../model'
import { asNumber, asRecord, asString, toEpochMs, toProgress } from '../normalize'
import { addAsset, collectAssets, type AssetSink } from './assets'
import {
  failWithoutOutput,
  failureFrom,
  hasContent,
  joinUrl,
  newTask,
  parseError,
  pollBounds,
  requireId,
  historyPage,
  okRecord,
  readEach,
  requireRecord,
  sameOriginUrl,
  stateMapper,
  trimBase,
  withDefaultFailure,
  type StatusMap,
} from './common'
import { isErrorStatus, readError, type ErrorReading } from './readError'

/**
 * An adapter for a provider of your own, from a few readers. Requests may use paths
 * (`/v1/jobs/${id}`): they resolve against `baseUrl`. Values in a `TaskDraft` may be in the
 * provider's units and types: seconds or ms, ISO dates, `"45%"`, relative URLs.
 */

export interface TaskDraftAsset {
  url: unknown
  /** Default: from the URL's extension and the role. */
  kind?: AssetKind
  role?: string
  /** Epoch seconds, ms or an ISO date. */
  expiresAt?: unknown
}

/** What `read` pulls out of a response, unnormalized. Only `id` is required. */
export interface TaskDraft {
  id?: unknown
  /** The provider's status word, mapped through `statusMap` and kept as `rawStatus`. */
  status?: unknown
  /** Overrides the mapped state (when a code or the HTTP status decides). */
  state?: TaskState
  /** 0-100 or `"45%"`; a 0..1 fraction when `progressIsFraction`. */
  progress?: unknown
  progressIsFraction?: boolean
  /** 1-based. */
  queuePosition?: unknown
  etaMs?: unknown
  createdAt?: unknown
  startedAt?: unknown
  finishedAt?: unknown
  model?: unknown
  type?: unknown
  platform?: unknown
  assets?: readonly TaskDraftAsset[]
  /** Scanned for result URLs (fields named `*_url`, strings in `images`, `videos`, `output` ...). Non-URL content counts as output. */
  output?: unknown
  /** A string, or `{message, code}`. */
  error?: unknown
  cancelled?: boolean
  billing?: TaskBilling
  requestId?: unknown
  /** Status URL given by the provider; kept only on `baseUrl`'s origin. */
  pollUrl?: unknown
}

export interface AdapterSpec<TInput> {
  name: string
  baseUrl: string
  /** Default 1-30 s, starting at 2 s. */
  pollBounds?: Partial<PollBounds>
  idempotencyHeader?: string
  /** Status word -> state, case-insensitive; words not listed map to `unknown`. Default: common English words. */
  statusMap?: StatusMap
  /** An error envelope inside a 2xx answer (`{code: 1001, message}`): thrown as a `provider` error. */
  isErrorBody?(body: Record<string, unknown>, answer: 'create' | 'status' | 'list'): boolean
  /** Error codes that mean "no such task" whatever the HTTP status. */
  notFoundCodes?: readonly string[]
  /** Provider-specific error classification, tried before the HTTP status. */
  classifyError?: ErrorReading['classify']
  /** Succeeded without a usable URL and without other output -> failed "Final media URL missing". Default true. */
  requireOutput?: boolean

  createRequest(input: TInput, context: CreateContext): AdapterRequest
  /** Reads a create answer's body. Default: `read`, with a missing status meaning `queued`. */
  readCreate?(body: Record<string, unknown>, response: AdapterResponse, input: TInput): TaskDraft
  statusRequest(ref: TaskRef): AdapterRequest
  read(body: Record<string, unknown>, response: AdapterResponse, ref?: TaskRef): TaskDraft
  /** Lets an error answer be a task state instead (a result URL answering 422 = a failed task). */
  readErrorAsTask?(response: AdapterResponse, ref: TaskRef): TaskDraft | undefined

  cancel?: {
    request(task: Task): AdapterRequest
    /** Undefined = the default: 2xx `requested`, 409 `not-cancellable`, anything else throws. */
    outcome?(response: AdapterResponse, task: Task): CancelOutcome | undefined
  }
  batch?: {
    maxIds: number
    request(ids: readonly string[]): AdapterRequest
    /** The task bodies of a batch answer (which may be a bare array); each is read with `read`. */
    items(body: unknown): unknown
  }
  history?: {
    request(query: TaskHistoryQuery): AdapterRequest
    page(body: Record<string, unknown>): { items: unknown; total?: unknown; page?: unknown; pageSize?: unknown }
    /** The states its status filter knows (default: all). */
    statuses?: readonly TaskState[]
  }
}

const DEFAULT_STATES: StatusMap = {
  queued: 'queued',
  pending: 'queued',
  waiting: 'queued',
  starting: 'queued',
  submitted: 'queued',
  running: 'running',
  processing: 'running',
  in_progress: 'running',
  started: 'running',
  succeeded: 'succeeded',
  success: 'succeeded',
  completed: 'succeeded',
  done: 'succeeded',
  failed: 'failed',
  failure: 'failed',
  error: 'failed',
  cancelled: 'cancelled',
  canceled: 'cancelled',
  expired: 'expired',
}

const DEFAULT_POLL: PollBounds = { minMs: 1000, initialMs: 2000, maxMs: 30_000 }

export function defineAdapter<TInput = Record<string, unknown>>(spec: AdapterSpec<TInput>): TaskAdapter<TInput> {
  const { name } = spec
  const baseUrl = trimBase(spec.baseUrl)
  const stateOf = stateMapper(spec.statusMap ?? DEFAULT_STATES)
  const reading: ErrorReading = { provider: name, notFoundCodes: spec.notFoundCodes, classify: spec.classifyError }

  /** Paths resolve against `baseUrl`; absolute URLs pass untouched. */
  const resolve = (request: AdapterRequest): AdapterRequest =>
    /^[a-z][\w+.-]*:/i.test(request.url) ? request : { ...request, url: joinUrl(baseUrl, request.url) }

  function toTask(draft: TaskDraft, raw: unknown, response: AdapterResponse, ref?: TaskRef): Task {
    const id = requireId(draft.id, name)
    const rawStatus = asString(draft.status) ?? ''
    const task = newTask(name, id, rawStatus, draft.state ?? stateOf(rawStatus), raw)
    task.progress = toProgress(draft.progress, { fraction: draft.progressIsFraction })
    const position = asNumber(draft.queuePosition)
    if (position !== undefined && position >= 1) task.queuePosition = position
    const eta = asNumber(draft.etaMs)
    if (eta !== undefined && eta >= 0) task.etaMs = eta
    task.createdAt = toEpochMs(draft.createdAt)
    task.startedAt = toEpochMs(draft.startedAt)
    task.finishedAt = toEpochMs(draft.finishedAt)
    task.model = asString(draft.model)
    task.type = asString(draft.type)
    task.platform = asString(draft.platform)
    task.requestId = asString(draft.requestId) ?? response.headers['x-request-id']
    task.pollUrl = sameOriginUrl(draft.pollUrl, baseUrl) ?? ref?.pollUrl
    if (draft.cancelled) task.cancelled = true
    if (draft.billing) task.billing = draft.billing
    if (task.state === 'failed' || task.state === 'blocked' || task.state === 'expired') {
      task.error = failureFrom(draft.error)
    }
    const sink: AssetSink = { base: baseUrl, assets: task.assets }
    for (const asset of draft.assets ?? []) {
      addAsset(sink, asset.url, { kind: asset.kind, role: asset.role, expiresAt: toEpochMs(asset.expiresAt) })
    }
    collectAssets(sink, draft.output, 'output')
    const hasOutput = spec.requireOutput === false || hasContent(draft.output)
    return withDefaultFailure(failWithoutOutput(task, hasOutput))
  }

  /** The body of a successful answer; error statuses and error envelopes throw. */
  function okBody(response: AdapterResponse, answer: 'create' | 'status' | 'list'): Record<string, unknown> {
    const body = okRecord(response, reading)
    if (spec.isErrorBody?.(body, answer)) throw readError(response, reading)
    return body
  }

  /** Same, for answers that may be a bare JSON array (batch lists). */
  function okValue(response: AdapterResponse): unknown {
    if (isErrorStatus(response)) throw readError(response, reading)
    const record = asRecord(response.body)
    if (record && spec.isErrorBody?.(record, 'list')) throw readError(response, reading)
    return response.body
  }

  function readBody(response: AdapterResponse, ref?: TaskRef): Task {
    const draft = ref && isErrorStatus(response) ? spec.readErrorAsTask?.(response, ref) : undefined
    if (draft) return toTask(draft, response.body, response, ref)
    return toTask(spec.read(okBody(response, 'status'), response, ref), response.body, response, ref)
  }

  function readList(list: unknown, response: AdapterResponse): Task[] {
    if (!Array.isArray(list)) throw parseError(name, 'answer has no task list')
    // One unreadable entry is left out rather than failing the whole list.
    return readEach(list, (item) => toTask(spec.read(requireRecord(item, name), response), item, response))
  }

  const { cancel, batch, history } = spec
  return {
    name,
    baseUrl,
    pollBounds: pollBounds(DEFAULT_POLL, spec.pollBounds),
    idempotencyHeader: spec.idempotencyHeader,

    createRequest: (input, context) => resolve(spec.createRequest(input, context)),
    parseCreate(response, input) {
      const body = okBody(response, 'create')
      const draft = spec.readCreate ? spec.readCreate(body, response, input) : spec.read(body, response)
      // A create answer without a status is a task that was just accepted.
      const state = draft.state ?? (asString(draft.status) === undefined ? 'queued' : undefined)
      return toTask({ ...draft, state }, response.body, response)
    },
    statusRequest: (ref) => resolve(spec.statusRequest(ref)),
    parseStatus: (response, ref) => readBody(response, ref),

    cancel: cancel && {
      request: (task) => resolve(cancel.request(task)),
      parse(response, task) {
        const outcome = cancel.outcome?.(response, task)
        if (outcome) return outcome
        if (!isErrorStatus(response)) return 'requested'
        if (response.status === 409) return 'not-cancellable'
        throw readError(response, reading)
      },
    },
    batch: batch && {
      maxIds: batch.maxIds,
      request: (ids) => resolve(batch.request(ids)),
      parse(response) {
        return readList(batch.items(okValue(response)), response)
      },
    },
    history: history && {
      statuses: history.statuses,
      request: (query) => resolve(history.request(query)),
      parse(response) {
        const page = history.page(okBody(response, 'list'))
        return historyPage(readList(page.items, response), page)
      },
    },
  }
}
