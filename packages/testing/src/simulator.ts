import { systemClock, type Clock } from './clock'
import { FaultPlan, parseFaultList, resolveFault, type ActiveFault, type FaultName, type FaultSpec } from './faults'
import { corsHeaders, headerOf, jsonResponse, malform, parseJsonBody, type SimRequest, type SimResponse } from './http'
import { billingTransactionIdFor, requestIdFor, taskIdFor } from './ids'
import { checkKey, fingerprintKey, readBearerKey, type KeyCheck } from './keys'
import { cancelledPlan, type TaskSnapshot } from './lifecycle'
import { checkSignature, mediaPath, serveMedia, signedQuery, SERVED_MEDIA } from './media'
import { drawTaskPlan, type MediaKind, type TaskPlan } from './plan'
import type { CreateTaskInput, HandlerContext, Personality, SimulatorCore } from './personalities/context'
import { createPersonality } from './personalities/registry'
import type { ProviderName } from './providers'
import { DEFAULT_BASE_URLS } from './providers'
import { createRandom, deriveSeed, pick } from './random'
import { viewTask, type TaskRecord } from './record'
import type { RequestKind } from './requestKind'
import { matchRoute } from './router'
import { TaskStore } from './store'
import { parsePromptTags, stripPromptTags } from './tags'

export interface SimulatorOptions {
  provider: ProviderName
  /** Seed of every random draw (plans, ids, faults, history). Default 1. */
  seed?: number
  /** Time source; pass a manual clock to drive tasks from a test. Default: the system clock. */
  clock?: Clock
  /** Task time runs this many times faster than the clock (60 = a 2-minute video takes 2 s). Default 1. */
  timeScale?: number
  /** Simulator-wide faults (see FaultSpec for names-only defaults). */
  faults?: readonly (FaultName | FaultSpec)[]
  /** Where the provider is mounted; its path (e.g. `/tokenlab`) is stripped before routing. */
  baseUrl?: string
  /** Accepted bearer keys. Default: any non-empty key not starting with `invalid`. */
  keys?: readonly string[]
  /** new-api: pre-seed this many historical tasks per key, for the task-log list. */
  seedHistory?: number
  /** Oldest requests are forgotten beyond this many (a long-running CLI must not grow forever). Default 100 000. */
  maxRecordedRequests?: number
}

export interface RecordedRequest {
  method: string
  /** Path relative to the provider's mount, without the query. */
  path: string
  provider: ProviderName
  kind: RequestKind
  taskId?: string
  /** Simulator-clock time, epoch ms. */
  at: number
  /** HTTP status answered; 0 when the connection was dropped. */
  status: number
  /** Fingerprint of the bearer key (never the key itself), when one was sent and accepted. */
  keyFingerprint?: string
  /** Faults applied to this request. */
  faults?: FaultName[]
}

/** A task as the simulator sees it, for tests that want to look behind the wire format. */
export interface SimulatedTask {
  id: string
  provider: ProviderName
  kind: MediaKind
  model: string
  plan: TaskPlan
  createdAtMs: number
  ownerFingerprint: string
  snapshot: TaskSnapshot
}

export interface Simulator {
  readonly provider: ProviderName
  readonly baseUrl: string
  handle(request: SimRequest): Promise<SimResponse>
  readonly requests: readonly RecordedRequest[]
  setFaults(faults: readonly (FaultName | FaultSpec)[]): void
  /** Forgets tasks and requests and restarts every seeded stream: the next run replays the same workload. */
  reset(): void
  /** Every task the simulator holds (all keys), read at the current clock. */
  tasks(): SimulatedTask[]
}

const STREAM_WORKLOAD = 0
const STREAM_IDS = 1
const STREAM_FAULTS = 2

const CREDITS_BY_KIND: Readonly<Record<MediaKind, readonly number[]>> = {
  image: [2, 4, 6],
  video: [40, 60, 80, 120],
  audio: [10, 12, 20],
  model3d: [20, 30, 40],
  multiview: [10, 20],
}

export function createSimulator(options: SimulatorOptions): Simulator {
  const provider = options.provider
  const seed = options.seed ?? 1
  const clock = options.clock ?? systemClock
  const timeScale = options.timeScale ?? 1
  if (!(timeScale > 0) || !Number.isFinite(timeScale)) throw new RangeError(`timeScale must be a positive number, got ${timeScale}`)
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URLS[provider]).replace(/\/+$/, '')
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '')
  const allowedKeys = options.keys ? new Set(options.keys) : undefined
  const maxRecorded = options.maxRecordedRequests ?? 100_000
  const mediaSecret = `taskkit-sim-${seed}`

  const store = new TaskStore()
  const requests: RecordedRequest[] = []
  const seenOwners = new Set<string>()
  let workloadRandom = createRandom(deriveSeed(seed, STREAM_WORKLOAD))
  let idRandom = createRandom(deriveSeed(seed, STREAM_IDS))
  let faultRandom = createRandom(deriveSeed(seed, STREAM_FAULTS))
  const initialFaults = options.faults ?? []
  const faultPlan = new FaultPlan(initialFaults, () => faultRandom())
  let anchorMs = clock.now()
  let responseCounter = 0

  const core: SimulatorCore = {
    provider,
    store,
    timeScale,
    now: () => clock.now(),
    createTask(ctx, input) {
      return createTaskRecord(ctx, input)
    },
    view: (record) => viewTask(record, clock.now(), timeScale),
    cancel(record) {
      const elapsed = Math.max(0, clock.now() - record.createdAtMs) * timeScale
      record.plan = cancelledPlan(record.plan, elapsed)
    },
    mediaUrl(ctx, record, servedName, signed = false) {
      const query = signed ? signedQuery(record.id, servedName, clock.now(), mediaSecret) : ''
      return `${ctx.publicBase}${mediaPath(record.id, servedName)}${query}`
    },
    randomForIds: () => idRandom(),
    nextResponseId() {
      responseCounter += 1
      return fingerprintKey(`${seed}/${responseCounter}`).slice(4)
    },
  }

  const personality: Personality = createPersonality(provider, {
    seed,
    seedHistory: options.seedHistory ?? 0,
    historyAnchorMs: () => anchorMs,
  })

  function createTaskRecord(ctx: HandlerContext, input: CreateTaskInput): TaskRecord {
    const tags = parsePromptTags(ctx.bodyText)
    // Precedence: simulator-wide fault, then the prompt's tags, then the request's own header.
    const overrides: Partial<TaskPlan> = { ...ctx.createOverrides, ...tags.plan, ...requestOverrides.get(ctx) }
    const kind = tags.kind ?? input.kind
    const plan = drawTaskPlan(kind, workloadRandom, overrides)
    const record: TaskRecord = {
      id: taskIdFor(provider, idRandom),
      seq: store.nextSeq(),
      owner: ctx.owner,
      provider,
      kind: plan.kind,
      plan,
      createdAtMs: clock.now(),
      model: input.model,
      type: input.type,
      platform: input.platform ?? '',
      route: ctx.path,
      prompt: stripPromptTags(input.prompt),
      input: input.input ?? {},
      requestId: requestIdFor(idRandom),
      billingTransactionId: billingTransactionIdFor(idRandom),
      credits: input.credits ?? pick(idRandom, CREDITS_BY_KIND[plan.kind]),
      taskFaults: tags.taskFaults.map((fault) => ({ ...fault })),
      quirks: tags.quirks,
    }
    store.add(record)
    ctx.taskId = record.id
    return record
  }

  // Header-chosen create overrides, kept beside the context so they can win over prompt tags.
  const requestOverrides = new WeakMap<HandlerContext, Partial<TaskPlan>>()

  function record(entry: RecordedRequest): void {
    requests.push(entry)
    if (requests.length > maxRecorded) requests.splice(0, requests.length - maxRecorded)
  }

  /** Faults a task chose for itself with prompt tags, used up by its own status requests. */
  function taskFaultsFor(kind: RequestKind, auth: KeyCheck, taskId: string | undefined): ActiveFault[] {
    if (kind !== 'status' || auth.status !== 'valid' || !taskId) return []
    const task = store.get(auth.fingerprint, taskId)
    if (!task) return []
    const active: ActiveFault[] = []
    for (const fault of task.taskFaults) {
      if (fault.remaining <= 0) continue
      fault.remaining -= 1
      active.push(fault.fault === 'latency' ? { fault: 'latency', latencyMs: fault.latencyMs ?? 1_000 } : resolveFault({ fault: fault.fault }, faultRandom))
    }
    return active
  }

  async function handle(request: SimRequest): Promise<SimResponse> {
    const method = request.method.toUpperCase()
    const url = new URL(request.url)
    const origin = headerOf(request, 'origin')
    const cors = corsHeaders(origin)

    if (method === 'OPTIONS') return { status: 204, headers: { ...cors, 'content-length': '0' }, body: null }

    const inMount = basePath === '' || url.pathname === basePath || url.pathname.startsWith(`${basePath}/`)
    const path = inMount ? url.pathname.slice(basePath.length) || '/' : url.pathname
    const key = readBearerKey(headerOf(request, 'authorization'), { allowBare: provider === 'newapi' })
    const auth = checkKey(key, allowedKeys)
    const bodyText = request.body ?? ''

    const ctx: HandlerContext = {
      request,
      method,
      url,
      path,
      params: {},
      bodyText,
      body: parseJsonBody(bodyText),
      publicBase: `${url.origin}${basePath}`,
      basePath,
      auth,
      owner: auth.status === 'valid' ? auth.fingerprint : '',
      unknownStatus: false,
      createOverrides: {},
      sim: core,
    }

    let kind: RequestKind = 'other'
    let response: SimResponse
    let applied: ActiveFault[] = []

    try {
      if (!inMount) {
        response = jsonResponse(404, { error: `Not mounted here: ${url.pathname} (this simulator serves ${basePath}/...)` })
      } else if (/^\/media\//.test(path)) {
        kind = 'media'
        ;({ response, applied } = answerWithFaults(ctx, kind, () => answerMedia(ctx)))
      } else {
        const match = matchRoute(personality.routes, method, path)
        if (match === undefined || match === 'method') {
          response = personality.routeNotFound(ctx)
        } else {
          kind = match.route.kind
          ctx.params = match.params
          ctx.taskId = match.params.id
          const route = match.route
          ;({ response, applied } = answerWithFaults(ctx, kind, () => {
            if (route.auth !== false && auth.status !== 'valid') {
              return (route.unauthorized ?? personality.unauthorized)(ctx, auth.status)
            }
            if (auth.status === 'valid' && !seenOwners.has(auth.fingerprint)) {
              seenOwners.add(auth.fingerprint)
              personality.onFirstSeen?.(ctx)
            }
            return route.handle(ctx)
          }))
        }
      }
    } catch (error) {
      response = jsonResponse(500, { error: `simulator error: ${error instanceof Error ? error.message : String(error)}` })
    }

    response = {
      ...response,
      headers: { ...(inMount ? personality.commonHeaders?.(ctx) : undefined), ...response.headers, ...cors },
    }

    record({
      method,
      path,
      provider,
      kind,
      ...(ctx.taskId ? { taskId: ctx.taskId } : {}),
      at: clock.now(),
      status: response.drop ? 0 : response.status,
      ...(auth.status === 'valid' ? { keyFingerprint: auth.fingerprint } : {}),
      ...(applied.length > 0 ? { faults: applied.map((fault) => fault.fault) } : {}),
    })
    return response
  }

  /** Draws this request's faults and wraps the real answer in them. */
  function answerWithFaults(ctx: HandlerContext, kind: RequestKind, answer: () => SimResponse): { response: SimResponse; applied: ActiveFault[] } {
    const requested = [...parseFaultList(headerOf(ctx.request, 'x-sim-fault')), ...parseFaultList(ctx.url.searchParams.get('sim_fault'))]
    const applied = [
      ...faultPlan.draw(kind),
      ...requested.map((spec) => resolveFault(spec, faultRandom)),
      ...taskFaultsFor(kind, ctx.auth, ctx.params.id),
    ].filter((fault) => appliesTo(fault.fault, kind))
    const has = (name: FaultName) => applied.some((fault) => fault.fault === name)
    const delayMs = applied.reduce((sum, fault) => sum + (fault.latencyMs ?? 0), 0)
    const withDelay = (response: SimResponse): SimResponse => (delayMs > 0 ? { ...response, delayMs } : response)

    if (kind === 'create') {
      const simWide = applied.filter((fault) => fault.fault === 'never-finish' || fault.fault === 'no-output')
      for (const fault of simWide) ctx.createOverrides.outcome = fault.fault === 'never-finish' ? 'never' : 'no-output'
      const fromHeader = requested.filter((spec) => spec.fault === 'never-finish' || spec.fault === 'no-output')
      if (fromHeader.length > 0) requestOverrides.set(ctx, { outcome: fromHeader.at(-1)?.fault === 'never-finish' ? 'never' : 'no-output' })
    }

    // A dropped create still lands (the answer is lost on the way back): the case that makes
    // clients create duplicates if they blindly retry.
    if (has('drop') && kind !== 'create') return { response: withDelay({ status: 0, headers: {}, body: null, drop: true }), applied }
    const retry = applied.find((fault) => fault.fault === 'rate-limit')
    if (retry) return { response: withDelay(personality.rateLimited(retry.retryAfterSeconds ?? 2)), applied }
    const serverError = applied.find((fault) => fault.fault === 'server-error')
    if (serverError) return { response: withDelay(personality.serverError(serverError.status ?? 500)), applied }

    ctx.unknownStatus = has('unknown-status')
    let response = answer()
    if (has('drop')) response = { status: 0, headers: {}, body: null, drop: true }
    else if (has('malformed-json') && typeof response.body === 'string' && /json/.test(response.headers['content-type'] ?? '')) {
      response = { ...response, body: malform(response.body) }
    }
    return { response: withDelay(response), applied }
  }

  function answerMedia(ctx: HandlerContext): SimResponse {
    const match = /^\/media\/([^/]+)\/([^/]+)$/.exec(ctx.path)
    const notFound = jsonResponse(404, { error: 'media not found' })
    if (!match?.[1] || !match[2] || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return notFound
    const taskId = decodeURIComponent(match[1])
    const servedName = match[2]
    ctx.taskId = taskId
    const task = store.findForMedia(taskId)
    if (!task || !SERVED_MEDIA[servedName] || !core.view(task).hasOutput) return notFound
    if (provider === 'tripo') {
      const check = checkSignature(taskId, servedName, ctx.url.searchParams.get('auth_key'), clock.now(), mediaSecret)
      if (check !== 'ok') {
        return jsonResponse(403, {
          code: 'AccessDenied',
          message: check === 'expired' ? 'Request has expired: the auth_key is older than 5 minutes' : 'Access denied: missing or invalid auth_key',
        })
      }
    }
    return serveMedia(servedName, ctx.method, headerOf(ctx.request, 'range'), {})
  }

  return {
    provider,
    baseUrl,
    handle,
    get requests() {
      return requests
    },
    setFaults(faults) {
      faultPlan.replace(faults)
    },
    reset() {
      store.clear()
      requests.length = 0
      seenOwners.clear()
      workloadRandom = createRandom(deriveSeed(seed, STREAM_WORKLOAD))
      idRandom = createRandom(deriveSeed(seed, STREAM_IDS))
      faultRandom = createRandom(deriveSeed(seed, STREAM_FAULTS))
      faultPlan.replace(initialFaults)
      anchorMs = clock.now()
      responseCounter = 0
    },
    tasks() {
      return store.all().map((task) => ({
        id: task.id,
        provider: task.provider,
        kind: task.kind,
        model: task.model,
        plan: { ...task.plan },
        createdAtMs: task.createdAtMs,
        ownerFingerprint: task.owner,
        snapshot: core.view(task).snapshot,
      }))
    },
  }
}

/** Faults only make sense on some requests: never-finish/no-output shape a create, unknown-status a status answer. */
function appliesTo(fault: FaultName, kind: RequestKind): boolean {
  if (fault === 'never-finish' || fault === 'no-output') return kind === 'create'
  if (fault === 'unknown-status') return kind === 'status' || kind === 'list'
  return true
}
