import { isRecordSettled, readRecord, type TaskRecord } from './taskRecord'

/** The part of the Web Storage API TaskKit uses (localStorage, sessionStorage, or your own). */
export interface StorageLike {
  readonly length: number
  key(index: number): string | null
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

export interface TaskStoreOptions {
  /** `undefined` = localStorage in a browser; `null` = memory only. */
  storage?: StorageLike | null
  account: string
  provider: string
  /** Settled records older than this are pruned (default 7 days). */
  ttlMs?: number
  /** Unsettled records are kept longer: they may still be resumed (default 30 days). */
  pendingTtlMs?: number
  now?: () => number
  warn?: (message: string) => void
}

const DAY = 24 * 60 * 60 * 1000
const PREFIX = 'taskkit:v1:'

type Listener = () => void

/**
 * Persisted task records of one account and provider. Memory is the source of truth; storage is
 * written through, one key per record so two tabs never overwrite each other's records. Storage
 * that is missing, corrupt, full or throwing degrades to memory with one warning, never a crash,
 * and a record that cannot be read is left where it is.
 *
 * Nothing touches storage until the first read, so a server render never does.
 */
export class TaskStore {
  readonly #options: TaskStoreOptions
  readonly #prefix: string
  readonly #records = new Map<string, TaskRecord>()
  readonly #listeners = new Set<Listener>()
  #storage: StorageLike | null | undefined
  #loaded = false
  #warned = false
  #snapshot: readonly TaskRecord[] | undefined
  #unlistenStorageEvents: (() => void) | undefined

  constructor(options: TaskStoreOptions) {
    this.#options = options
    this.#prefix = `${PREFIX}${encodeURIComponent(options.account)}:${encodeURIComponent(options.provider)}:`
  }

  /** All records of this account and provider, newest first. Same array until something changes. */
  list(): readonly TaskRecord[] {
    this.#load()
    this.#snapshot ??= [...this.#records.values()].sort((a, b) => b.submittedAt - a.submittedAt)
    return this.#snapshot
  }

  get(jobId: string): TaskRecord | undefined {
    this.#load()
    return this.#records.get(jobId)
  }

  findByTaskId(id: string): TaskRecord | undefined {
    return this.list().find((record) => record.id === id)
  }

  put(record: TaskRecord): void {
    this.#load()
    this.#records.set(record.jobId, record)
    this.#write(record)
    this.#changed()
  }

  update(jobId: string, change: (record: TaskRecord) => TaskRecord): TaskRecord | undefined {
    const current = this.get(jobId)
    if (!current) return undefined
    const next = change(current)
    if (next !== current) this.put(next)
    return next
  }

  remove(jobId: string): void {
    this.#load()
    if (!this.#records.delete(jobId)) return
    this.#attempt(() => this.#storage?.removeItem(this.#prefix + encodeURIComponent(jobId)))
    this.#changed()
  }

  /** Called on any change, from this tab or (through the `storage` event) from another. */
  subscribe(listener: Listener): () => void {
    this.#load()
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Whether records survive a reload (false after a fallback to memory). */
  get persistent(): boolean {
    this.#load()
    return Boolean(this.#storage)
  }

  dispose(): void {
    this.#unlistenStorageEvents?.()
    this.#listeners.clear()
  }

  #load(): void {
    if (this.#loaded) return
    this.#loaded = true
    this.#storage = this.#resolveStorage()
    if (!this.#storage) return
    const storage = this.#storage
    const keys = this.#attempt(() => {
      const found: string[] = []
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i)
        if (key?.startsWith(this.#prefix)) found.push(key)
      }
      return found
    })
    let unreadable = 0
    for (const key of keys ?? []) {
      const record = this.#readKey(key)
      if (record) this.#records.set(record.jobId, record)
      else unreadable++
    }
    if (unreadable > 0) this.#warn(`ignored ${unreadable} stored task record(s) it could not read; they were left in storage untouched`)
    this.#prune()
    this.#listenToOtherTabs()
  }

  #resolveStorage(): StorageLike | null {
    if (this.#options.storage !== undefined) return this.#options.storage
    try {
      // Reading `localStorage` itself throws in some sandboxed iframes and privacy modes.
      return typeof window !== 'undefined' && window.localStorage ? window.localStorage : null
    } catch {
      this.#warn('localStorage is not available; tasks are kept in memory and will not survive a reload')
      return null
    }
  }

  #readKey(key: string): TaskRecord | undefined {
    const text = this.#attempt(() => this.#storage?.getItem(key))
    if (typeof text !== 'string') return undefined
    try {
      const record = readRecord(JSON.parse(text))
      return record && record.account === this.#options.account && record.provider === this.#options.provider
        ? record
        : undefined
    } catch {
      return undefined
    }
  }

  #write(record: TaskRecord): void {
    if (!this.#storage) return
    const key = this.#prefix + encodeURIComponent(record.jobId)
    const text = JSON.stringify(record)
    try {
      this.#storage.setItem(key, text)
      return
    } catch {
      // Probably full: make room from our own settled records, then try once more.
    }
    this.#prune(true)
    try {
      this.#storage.setItem(key, text)
    } catch (error) {
      this.#fallBackToMemory(`could not write to storage (${describe(error)})`)
    }
  }

  /** Drops settled records past the TTL (or, when `urgent`, all settled ones but the newest 20). */
  #prune(urgent = false): void {
    const now = this.#now()
    const ttl = this.#options.ttlMs ?? 7 * DAY
    const pendingTtl = this.#options.pendingTtlMs ?? 30 * DAY
    const settled = [...this.#records.values()].filter(isRecordSettled).sort((a, b) => b.updatedAt - a.updatedAt)
    const keepSettled = new Set(urgent ? settled.slice(0, 20).map((r) => r.jobId) : settled.map((r) => r.jobId))
    let removed = false
    for (const record of [...this.#records.values()]) {
      const settledRecord = isRecordSettled(record)
      const age = now - record.updatedAt
      const expired = settledRecord ? age > ttl || !keepSettled.has(record.jobId) : age > pendingTtl
      if (!expired) continue
      this.#records.delete(record.jobId)
      this.#attempt(() => this.#storage?.removeItem(this.#prefix + encodeURIComponent(record.jobId)))
      removed = true
    }
    if (removed) this.#snapshot = undefined
  }

  #listenToOtherTabs(): void {
    if (typeof window === 'undefined' || !this.#storage || typeof window.addEventListener !== 'function') return
    const onStorage = (event: StorageEvent) => {
      if (event.storageArea !== this.#storage) return
      if (event.key === null) {
        // Another tab cleared storage: our memory copy stays (nothing persisted is lost here).
        return
      }
      if (!event.key.startsWith(this.#prefix)) return
      const jobId = decodeURIComponent(event.key.slice(this.#prefix.length))
      if (event.newValue === null) {
        this.#records.delete(jobId)
      } else {
        const record = this.#readKey(event.key)
        if (!record) return
        this.#records.set(record.jobId, record)
      }
      this.#changed()
    }
    window.addEventListener('storage', onStorage)
    this.#unlistenStorageEvents = () => window.removeEventListener('storage', onStorage)
  }

  #fallBackToMemory(reason: string): void {
    this.#warn(`${reason}; tasks are kept in memory from now on and will not survive a reload`)
    this.#unlistenStorageEvents?.()
    this.#storage = null
  }

  #attempt<T>(operation: () => T): T | undefined {
    try {
      return operation()
    } catch (error) {
      this.#fallBackToMemory(`storage failed (${describe(error)})`)
      return undefined
    }
  }

  #changed(): void {
    this.#snapshot = undefined
    for (const listener of [...this.#listeners]) listener()
  }

  #warn(message: string): void {
    if (this.#warned) return
    this.#warned = true
    ;(this.#options.warn ?? ((m: string) => console.warn(m)))(`[taskkit] ${message}`)
  }

  #now(): number {
    return (this.#options.now ?? Date.now)()
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.name || error.message : String(error)
}
