import type { CancelOutcome, TaskAdapter, TaskHistoryPage, TaskHistoryQuery, TaskRef } from './adapter'
import { cancelStateAfterUpdate, cancelStateFromOutcome, canRequestCancel, type CancelState } from './cancel'
import { retryAfterMs } from './adapters/readError'
import { BatchPoller } from './batchPoller'
import { browserCrossTab, localCrossTab, type CrossTab, type CrossTabMessage } from './crossTab'
import { browserEnvironment, type PollerEnvironment } from './environment'
import { TaskKitError, isTaskKitError } from './errors'
import { sendRequest, type HeadersCallback } from './http'
import { mergeTask } from './mergeTask'
import { isTerminalState, type Task } from './model'
import { recordFromTask, taskFromRecord, type TaskRecord, RECORD_VERSION } from './taskRecord'
import { TaskStore, type StorageLike } from './taskStore'
import { TaskPoller, type TaskPollerOptions } from './taskPoller'

export interface TaskClientOptions<TInput = unknown> {
  adapter: TaskAdapter<TInput>
  /** Auth headers, called for every request. Never persisted, never logged. */
  headers?: HeadersCallback
  /** Namespaces persisted tasks: one browser, many users. Default `'default'`. */
  account?: string
  /** Default: localStorage in a browser. `null` keeps tasks in memory only. */
  storage?: StorageLike | null
  fetch?: typeof fetch
  /** Settled records are pruned after this long (default 7 days). */
  ttlMs?: number
  /** How long a task may be "not found" right after create before it is reported lost (default 20 s). */
  notFoundGraceMs?: number
  /** Polls are this many times slower in a hidden tab (default 4). */
  hiddenMultiplier?: number
  /** Time, timers, online and visibility. Default: the browser's (safe on a server). */
  environment?: PollerEnvironment
  /** One poller per task across tabs. Default: Web Locks + BroadcastChannel where present. */
  crossTab?: CrossTab | false
  warn?: (message: string) => void
}

export interface SubmitOptions {
  /** Your own job id. A second submit with the same id returns the stored task instead of creating another. */
  jobId?: string
  signal?: AbortSignal
}

export interface WatchOptions {
  interval?: TaskPollerOptions['interval']
  /** Stop watching after this long (ms from now). The task goes on and stays resumable. */
  deadlineMs?: number
}

export type WatchStatus = 'idle' | 'watching' | 'following' | 'stopped'

/** Everything a UI needs about one task, shared by every component that watches it. */
export interface TaskSnapshot {
  task: Task | undefined
  error: TaskKitError | undefined
  status: WatchStatus
  stopReason: string | undefined
  cancelState: CancelState
  cancelError: TaskKitError | undefined
}

type SnapshotListener = (snapshot: TaskSnapshot) => void

interface Entry {
  snapshot: TaskSnapshot
  listeners: Set<SnapshotListener>
  options: WatchOptions
  release?: () => void
  unsubscribeChannel?: () => void
  poller?: TaskPoller
  /** Set while the task is polled as part of a batch (`watchMany`). */
  batch?: BatchPoller
  /** Delays the stop after the last observer leaves, so a StrictMode remount keeps the same poller. */
  idleTimer?: ReturnType<typeof setTimeout>
}

const EMPTY: TaskSnapshot = {
  task: undefined,
  error: undefined,
  status: 'idle',
  stopReason: undefined,
  cancelState: 'idle',
  cancelError: undefined,
}

export class TaskClient<TInput = unknown> {
  readonly adapter: TaskAdapter<TInput>
  readonly account: string
  readonly store: TaskStore
  readonly #options: TaskClientOptions<TInput>
  readonly #entries = new Map<string, Entry>()
  readonly #creating = new Map<string, Promise<Task>>()
  #crossTab: CrossTab | undefined
  #environment: PollerEnvironment | undefined

  constructor(options: TaskClientOptions<TInput>) {
    if (!options?.adapter) throw new TypeError('createTaskClient: `adapter` is required (e.g. tokenlab({ baseUrl }))')
    this.#options = options
    this.adapter = options.adapter
    this.account = options.account ?? 'default'
    this.store = new TaskStore({
      storage: options.storage,
      account: this.account,
      provider: options.adapter.name,
      ttlMs: options.ttlMs,
      warn: options.warn,
    })
  }

  /** The TanStack Query key of a task: every component watching it shares one cache entry. */
  queryKey(id: string): readonly ['taskkit', string, string, string] {
    return ['taskkit', this.account, this.adapter.name, id]
  }

  get environment(): PollerEnvironment {
    return (this.#environment ??= this.#options.environment ?? browserEnvironment())
  }

  /**
   * Creates a task. The record is written before the request, so a reload mid-create knows a
   * create may exist. A create is never retried: if its answer is lost, this throws
   * `outcome-unknown` and the record says so.
   */
  submit(input: TInput, options: SubmitOptions = {}): Promise<Task> {
    const jobId = options.jobId ?? createJobId()
    const inFlight = this.#creating.get(jobId)
    if (inFlight) return inFlight
    const promise = this.#submit(input, jobId, options.signal).finally(() => this.#creating.delete(jobId))
    this.#creating.set(jobId, promise)
    return promise
  }

  async #submit(input: TInput, jobId: string, signal: AbortSignal | undefined): Promise<Task> {
    const existing = this.store.get(jobId)
    if (existing?.phase === 'created' && existing.id) {
      return this.peek(existing.id) ?? (taskFromRecord(existing) as Task)
    }
    if (existing?.phase === 'creating') throw outcomeUnknown(existing, this.adapter.name)

    const request = this.adapter.createRequest(input, { jobId })
    if (this.adapter.idempotencyHeader) {
      request.headers = { ...request.headers, [this.adapter.idempotencyHeader]: jobId }
    }
    const now = this.environment.now()
    const summary = describeInput(input)
    let record: TaskRecord = {
      v: RECORD_VERSION,
      jobId,
      account: this.account,
      provider: this.adapter.name,
      phase: 'creating',
      endpoint: endpointOf(request.url),
      model: summary.model,
      type: summary.type,
      submittedAt: now,
      updatedAt: now,
    }
    this.store.put(record)

    let task: Task
    try {
      const response = await sendRequest(request, this.#sendOptions(signal))
      try {
        task = this.adapter.parseCreate(response, input)
      } catch (error) {
        const refused = isTaskKitError(error) && isDefinitiveRefusal(error)
        if (!refused) throw error
        this.store.put({
          ...record,
          phase: 'create-failed',
          updatedAt: this.environment.now(),
          requestId: error.requestId,
          error: { kind: error.kind, code: error.code, message: error.message },
        })
        throw error
      }
    } catch (error) {
      if (isTaskKitError(error) && error.kind !== 'network' && error.kind !== 'http' && error.kind !== 'parse') throw error
      // The request may have reached the provider: the task may exist. Never send it again.
      throw outcomeUnknown(record, this.adapter.name, error)
    }

    record = recordFromTask(record, task, this.environment.now())
    this.store.put(record)
    this.#update(task.id, { task: mergeTask(this.#entry(task.id).snapshot.task, task) }, false)
    return this.peek(task.id) ?? task
  }

  /** One status request, outside any poller. */
  async fetchTask(ref: TaskRef | string, signal?: AbortSignal): Promise<{ task: Task; retryAfterMs?: number }> {
    const taskRef = typeof ref === 'string' ? this.#refOf(ref) : ref
    const response = await sendRequest(this.adapter.statusRequest(taskRef), this.#sendOptions(signal))
    const task = this.adapter.parseStatus(response, taskRef)
    return { task, retryAfterMs: retryAfterMs(response.headers['retry-after']) }
  }

  /** One page of the provider's own task history (`adapter.history`, new-api `/api/task/self`). */
  async fetchHistory(query: TaskHistoryQuery, signal?: AbortSignal): Promise<TaskHistoryPage> {
    const history = this.adapter.history
    if (!history) throw new TaskKitError('unsupported', `${this.adapter.name} has no task history`, { provider: this.adapter.name })
    return history.parse(await sendRequest(history.request(query), this.#sendOptions(signal)))
  }

  /** The latest known task: from memory, else from the persisted record. */
  peek(id: string): Task | undefined {
    const known = this.#entries.get(id)?.snapshot.task
    if (known) return known
    const record = this.store.findByTaskId(id)
    return record ? taskFromRecord(record) : undefined
  }

  getSnapshot(id: string): TaskSnapshot {
    const entry = this.#entries.get(id)
    if (entry) return entry.snapshot
    const task = this.peek(id)
    return task ? { ...EMPTY, task } : EMPTY
  }

  /**
   * Watches a task: polls it (or follows the tab that does) and calls `listener` on each change.
   * Many watchers of one task share one poller. Returns the unsubscribe function.
   */
  watch(id: string, listener: SnapshotListener, options: WatchOptions = {}): () => void {
    const entry = this.#entry(id)
    if (entry.listeners.size === 0) entry.options = options
    entry.listeners.add(listener)
    if (entry.idleTimer !== undefined) {
      clearTimeout(entry.idleTimer)
      entry.idleTimer = undefined
    }
    if (entry.snapshot.status === 'idle') this.#start(id, entry)
    return () => this.#unsubscribe(id, entry, listener)
  }

  /** Removes a listener; the task's poller stops once nobody listens (after a tick, see below). */
  #unsubscribe(id: string, entry: Entry, listener: SnapshotListener): void {
    entry.listeners.delete(listener)
    if (entry.listeners.size > 0) return
    // A StrictMode remount or a quick re-render resubscribes within the same task: keep the poller.
    entry.idleTimer = setTimeout(() => {
      entry.idleTimer = undefined
      if (entry.listeners.size === 0) this.#stop(id, entry, 'idle')
    }, 0)
  }

  /**
   * Watches many tasks with one stream of requests where the adapter can fetch several at once
   * (`adapter.batch`); otherwise each task is watched on its own. Tasks already polled elsewhere
   * keep their stream and are not asked for twice. Returns the unsubscribe function.
   */
  watchMany(ids: readonly string[], listener: (id: string, snapshot: TaskSnapshot) => void, options: WatchOptions = {}): () => void {
    const batch = this.adapter.batch
    if (!batch || ids.length < 2) {
      const stops = ids.map((id) => this.watch(id, (snapshot) => listener(id, snapshot), options))
      return () => stops.forEach((stop) => stop())
    }
    const subscriptions = ids.map((id) => {
      const entry = this.#entry(id)
      const onSnapshot = (snapshot: TaskSnapshot) => listener(id, snapshot)
      entry.listeners.add(onSnapshot)
      if (entry.idleTimer !== undefined) clearTimeout(entry.idleTimer)
      entry.idleTimer = undefined
      return { id, entry, onSnapshot }
    })
    const batchIds: string[] = []
    for (const { id, entry } of subscriptions) {
      if (entry.snapshot.status !== 'idle') continue
      if (!this.#stopIfSettled(id, this.peek(id))) batchIds.push(id)
    }
    const poller = new BatchPoller({
      ids: batchIds,
      known: (id) => this.peek(id),
      maxIds: batch.maxIds,
      fetchBatch: async (chunk, signal) => {
        const response = await sendRequest(batch.request(chunk), this.#sendOptions(signal))
        return { tasks: batch.parse(response), retryAfterMs: retryAfterMs(response.headers['retry-after']) }
      },
      bounds: this.adapter.pollBounds,
      interval: options.interval,
      environment: this.environment,
      onUpdate: (task) => this.#applyTask(task.id, task),
      onError: (error) => batchIds.forEach((id) => this.#update(id, { error })),
      onStop: (reason) => {
        for (const id of batchIds) {
          const entry = this.#entry(id)
          if (entry.batch === poller) entry.batch = undefined
          // Unsubscribed: idle, so a later watch starts again. Otherwise the batch ended for good.
          this.#update(id, reason === 'stopped' ? { status: 'idle' } : { status: 'stopped', stopReason: reason })
        }
      },
    })
    for (const id of batchIds) {
      this.#entry(id).batch = poller
      this.#update(id, (s) => ({ ...s, task: s.task ?? this.peek(id), status: 'watching', stopReason: undefined }))
    }
    if (batchIds.length > 0) poller.start()
    return () => {
      poller.stop()
      // Tasks another watcher was polling (not in the batch) stop with their last listener too:
      // taking over a single watcher's pending stop and then only deleting the listener leaked
      // its poller (a log whose live rows went from one to two).
      for (const { id, entry, onSnapshot } of subscriptions) this.#unsubscribe(id, entry, onSnapshot)
    }
  }

  /** Polls now, also after the task settled (the only way a settled task is asked again). */
  refresh(id: string): void {
    const entry = this.#entry(id)
    if (entry.poller) {
      void entry.poller.pollNow()
      return
    }
    if (entry.batch) {
      entry.batch.pollNow()
      return
    }
    if (entry.snapshot.status === 'following') return
    this.#start(id, entry, true)
  }

  /** Requests cancellation. Resolves with the resulting cancel state; never throws. */
  async cancel(id: string): Promise<CancelState> {
    const entry = this.#entry(id)
    const task = entry.snapshot.task ?? this.peek(id)
    if (!this.adapter.cancel) {
      this.#update(id, { cancelState: 'unsupported' })
      return 'unsupported'
    }
    if (!canRequestCancel(entry.snapshot.cancelState, task) || !task) return entry.snapshot.cancelState
    this.#update(id, { cancelState: 'requesting', cancelError: undefined })
    let outcome: CancelOutcome
    try {
      const response = await sendRequest(this.adapter.cancel.request(task), this.#sendOptions())
      outcome = this.adapter.cancel.parse(response, task)
    } catch (error) {
      const cancelError = isTaskKitError(error)
        ? error
        : new TaskKitError('network', 'The cancel request failed', { cause: error, provider: this.adapter.name })
      this.#update(id, { cancelState: 'error', cancelError })
      return 'error'
    }
    const next = cancelStateFromOutcome(outcome)
    this.#update(id, (s) => ({ ...s, cancelState: cancelStateAfterUpdate(next, s.task ?? task) }))
    // The provider's word is a request; the task's next answer says what really happened.
    if (next === 'requested' || next === 'cancelled') this.refresh(id)
    return this.#entry(id).snapshot.cancelState
  }

  /** Persisted tasks of this account that are not settled: what to resume after a reload. */
  pendingRecords(): TaskRecord[] {
    return this.store.list().filter((r) => r.phase === 'creating' || (r.phase === 'created' && !isSettledState(r)))
  }

  /** Forgets a record (e.g. an "outcome unknown" create the user has checked). */
  forget(jobId: string): void {
    this.store.remove(jobId)
  }

  #start(id: string, entry: Entry, force = false): void {
    const known = entry.snapshot.task ?? this.peek(id)
    if (!force && this.#stopIfSettled(id, known)) return
    const crossTab = this.#getCrossTab()
    const key = `${this.account}:${this.adapter.name}:${id}`
    this.#update(id, (s) => ({ ...s, task: s.task ?? known, status: 'following', stopReason: undefined }))
    entry.unsubscribeChannel = crossTab.subscribe(key, (message) => this.#onMessage(id, message))
    entry.release = crossTab.lead(key, () => {
      const poller = new TaskPoller({
        fetchStatus: (signal) => this.fetchTask(this.#refOf(id), signal),
        bounds: this.adapter.pollBounds,
        initialTask: this.#entry(id).snapshot.task,
        interval: entry.options.interval,
        deadlineMs: entry.options.deadlineMs,
        hiddenMultiplier: this.#options.hiddenMultiplier,
        notFoundGraceMs: this.#options.notFoundGraceMs,
        environment: this.environment,
        onUpdate: (task) => {
          this.#applyTask(id, task)
          crossTab.publish(key, { type: 'task', task: this.#entry(id).snapshot.task ?? task })
        },
        onError: (error, { willRetry }) => {
          this.#update(id, { error })
          if (!willRetry) {
            const { kind, message, code, status } = error
            crossTab.publish(key, { type: 'stopped', reason: kind, error: { kind, message, code, status } })
          }
        },
        onStop: (reason) => {
          entry.poller = undefined
          if (reason === 'deadline') {
            const record = this.store.findByTaskId(id)
            if (record) this.store.put({ ...record, watchStoppedAt: this.environment.now() })
          }
          if (reason === 'stopped') return
          this.#update(id, { status: 'stopped', stopReason: reason })
          // Done watching: give up the lock and the channel so no tab waits on this task any more.
          queueMicrotask(() => this.#release(entry))
        },
      })
      entry.poller = poller
      this.#update(id, { status: 'watching' })
      if (force && known && isTerminalState(known.state)) void poller.pollNow()
      else poller.start()
      return () => poller.stop()
    })
  }

  /** A task known to be settled is not polled: its snapshot says so at once. Returns whether it was. */
  #stopIfSettled(id: string, known: Task | undefined): boolean {
    if (!known || !isTerminalState(known.state)) return false
    this.#update(id, (s) => ({ ...s, task: s.task ?? known, status: 'stopped', stopReason: 'terminal' }))
    return true
  }

  #stop(id: string, entry: Entry, reason: string): void {
    if (entry.batch) return // the batch that polls it stops it
    this.#release(entry)
    // A stop for good keeps its reason; a watch that simply ended says why it ended.
    entry.snapshot = { ...entry.snapshot, status: 'idle', stopReason: entry.snapshot.status === 'stopped' ? entry.snapshot.stopReason : reason }
  }

  #release(entry: Entry): void {
    entry.release?.()
    entry.unsubscribeChannel?.()
    entry.release = undefined
    entry.unsubscribeChannel = undefined
    entry.poller = undefined
  }

  #onMessage(id: string, message: CrossTabMessage): void {
    const entry = this.#entry(id)
    if (entry.poller) return // this tab leads; its own answers are the truth
    if (message.type === 'task') {
      this.#applyTask(id, message.task)
      if (isTerminalState(message.task.state)) {
        // The leading tab saw the end: stop waiting for its lock, or this tab would poll a finished task.
        this.#release(entry)
        this.#update(id, { status: 'stopped', stopReason: 'terminal' })
      }
    } else if (message.error) {
      const error = new TaskKitError(message.error.kind as TaskKitError['kind'], message.error.message, {
        code: message.error.code,
        status: message.error.status,
        provider: this.adapter.name,
      })
      this.#update(id, { error })
    }
  }

  #applyTask(id: string, task: Task): void {
    const previous = this.#entry(id).snapshot.task
    const merged = mergeTask(previous, task)
    if (merged === previous && this.#entry(id).snapshot.error === undefined) return
    this.#update(id, (s) => ({
      ...s,
      task: merged,
      error: undefined,
      cancelState: cancelStateAfterUpdate(s.cancelState, merged),
    }))
    const record = this.store.findByTaskId(id)
    if (record && merged !== previous) this.store.put(recordFromTask(record, merged, this.environment.now()))
  }

  /** Changes a task's snapshot (a patch, or a function of the current one) and tells its watchers. */
  #update(id: string, change: Partial<TaskSnapshot> | ((snapshot: TaskSnapshot) => TaskSnapshot), notify = true): void {
    const entry = this.#entry(id)
    const next = typeof change === 'function' ? change(entry.snapshot) : { ...entry.snapshot, ...change }
    if (shallowEqual(next, entry.snapshot)) return
    entry.snapshot = next
    if (!notify) return
    for (const listener of [...entry.listeners]) listener(next)
  }

  #entry(id: string): Entry {
    let entry = this.#entries.get(id)
    if (!entry) {
      entry = { snapshot: EMPTY, listeners: new Set(), options: {} }
      this.#entries.set(id, entry)
    }
    return entry
  }

  #refOf(id: string): TaskRef {
    const pollUrl = this.#entries.get(id)?.snapshot.task?.pollUrl ?? this.store.findByTaskId(id)?.pollUrl
    return pollUrl ? { id, pollUrl } : { id }
  }

  #sendOptions(signal?: AbortSignal) {
    return { adapter: this.adapter, headers: this.#options.headers, fetch: this.#options.fetch, signal }
  }

  #getCrossTab(): CrossTab {
    if (this.#crossTab) return this.#crossTab
    const option = this.#options.crossTab
    this.#crossTab = option === false ? localCrossTab() : (option ?? browserCrossTab())
    return this.#crossTab
  }
}

export function createTaskClient<TInput>(options: TaskClientOptions<TInput>): TaskClient<TInput> {
  return new TaskClient(options)
}

function outcomeUnknown(record: TaskRecord, provider: string, cause?: unknown): TaskKitError {
  const when = new Date(record.submittedAt).toISOString()
  return new TaskKitError(
    'outcome-unknown',
    `A create request (job ${record.jobId}, ${record.endpoint ?? 'create'}${record.model ? `, model ${record.model}` : ''}, sent ${when}) got no answer. The task may exist: check the provider's task list before submitting again.`,
    { provider, cause, retryable: false, requestId: record.requestId },
  )
}

/** A 4xx answer to a create means nothing was made: it is safe to submit a new job. */
function isDefinitiveRefusal(error: TaskKitError): boolean {
  if (error.kind === 'auth' || error.kind === 'rate-limited' || error.kind === 'invalid-input') return true
  if (error.kind === 'provider') return true
  return error.status !== undefined && error.status >= 400 && error.status < 500
}

function isSettledState(record: TaskRecord): boolean {
  return record.state !== undefined && isTerminalState(record.state)
}

function describeInput(input: unknown): { model?: string; type?: string } {
  if (typeof input !== 'object' || input === null) return {}
  const { model, type } = input as { model?: unknown; type?: unknown }
  return {
    model: typeof model === 'string' ? model : undefined,
    type: typeof type === 'string' ? type : undefined,
  }
}

function endpointOf(url: string): string {
  try {
    return new URL(url, 'http://relative.invalid').pathname
  } catch {
    return url
  }
}

function createJobId(): string {
  const random = globalThis.crypto?.randomUUID?.()
  return random ?? `job_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 10)}`
}

/** Every snapshot carries all its fields (see EMPTY), so comparing the keys of one covers both. */
function shallowEqual(a: TaskSnapshot, b: TaskSnapshot): boolean {
  return (Object.keys(a) as (keyof TaskSnapshot)[]).every((key) => a[key] === b[key])
}
