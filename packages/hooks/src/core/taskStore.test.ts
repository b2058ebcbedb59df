import { describe, expect, it, vi } from 'vitest'
import { RECORD_VERSION, type TaskRecord } from './taskRecord'
import { TaskStore, type StorageLike } from './taskStore'

/** A Map-backed Web Storage with switches for the failures real browsers produce. */
class FakeStorage implements StorageLike {
  readonly data = new Map<string, string>()
  full = false
  broken = false
  get length() {
    return this.data.size
  }
  key(index: number) {
    return [...this.data.keys()][index] ?? null
  }
  getItem(key: string) {
    if (this.broken) throw new Error('SecurityError')
    return this.data.get(key) ?? null
  }
  setItem(key: string, value: string) {
    if (this.broken) throw new Error('SecurityError')
    if (this.full) throw new DOMException('quota', 'QuotaExceededError')
    this.data.set(key, value)
  }
  removeItem(key: string) {
    this.data.delete(key)
  }
}

const NOW = 1_767_000_000_000

function record(jobId: string, overrides: Partial<TaskRecord> = {}): TaskRecord {
  return {
    v: RECORD_VERSION,
    jobId,
    account: 'alice',
    provider: 'tokenlab',
    phase: 'created',
    id: `task_${jobId}`,
    submittedAt: NOW,
    updatedAt: NOW,
    state: 'running',
    ...overrides,
  }
}

function makeStore(storage: StorageLike | null, overrides: Partial<ConstructorParameters<typeof TaskStore>[0]> = {}) {
  const warn = vi.fn()
  const store = new TaskStore({ storage, account: 'alice', provider: 'tokenlab', now: () => NOW, warn, ...overrides })
  return { store, warn }
}

describe('TaskStore', () => {
  it('persists records so a new store (a reloaded page) reads them back', () => {
    const storage = new FakeStorage()
    makeStore(storage).store.put(record('a'))
    const reloaded = makeStore(storage).store
    expect(reloaded.get('a')?.id).toBe('task_a')
    expect(reloaded.findByTaskId('task_a')?.jobId).toBe('a')
  })

  it('namespaces records by account: another user in the same browser sees none of them', () => {
    const storage = new FakeStorage()
    makeStore(storage).store.put(record('a'))
    const bob = makeStore(storage, { account: 'bob' }).store
    expect(bob.list()).toEqual([])
  })

  it('never stores a prompt, a key or a result URL: only the record fields', () => {
    const storage = new FakeStorage()
    makeStore(storage).store.put(record('a', { model: 'veo3.1' }))
    const text = [...storage.data.values()].join('')
    expect(text).not.toMatch(/prompt|authorization|bearer|https?:/i)
  })

  it('skips a corrupt or foreign-version record with one warning and leaves it in storage', () => {
    const storage = new FakeStorage()
    makeStore(storage).store.put(record('good'))
    storage.data.set('taskkit:v1:alice:tokenlab:bad', '{not json')
    storage.data.set('taskkit:v1:alice:tokenlab:old', JSON.stringify({ ...record('old'), v: 0 }))
    const { store, warn } = makeStore(storage)
    expect(store.list().map((r) => r.jobId)).toEqual(['good'])
    expect(warn).toHaveBeenCalledTimes(1)
    expect(storage.data.has('taskkit:v1:alice:tokenlab:bad')).toBe(true)
  })

  it('falls back to memory with one warning when storage is full, keeping every record', () => {
    const storage = new FakeStorage()
    const { store, warn } = makeStore(storage)
    store.put(record('a'))
    storage.full = true
    store.put(record('b'))
    store.put(record('c'))
    expect(store.list().map((r) => r.jobId).sort()).toEqual(['a', 'b', 'c'])
    expect(store.persistent).toBe(false)
    expect(warn).toHaveBeenCalledTimes(1)
    expect(storage.data.size).toBe(1)
  })

  it('makes room by pruning its own old settled records before giving up on a full storage', () => {
    const storage = new FakeStorage()
    const { store, warn } = makeStore(storage)
    for (let i = 0; i < 25; i++) store.put(record(`done${i}`, { state: 'succeeded', updatedAt: NOW - i }))
    let writes = 0
    const setItem = storage.setItem.bind(storage)
    storage.setItem = (key, value) => {
      writes++
      if (writes === 1) throw new DOMException('quota', 'QuotaExceededError')
      setItem(key, value)
    }
    store.put(record('new'))
    expect(store.persistent).toBe(true)
    expect(warn).not.toHaveBeenCalled()
    expect(store.list()).toHaveLength(21)
    expect(store.get('new')).toBeDefined()
  })

  it('works in memory when storage throws on access (sandboxed iframe)', () => {
    const storage = new FakeStorage()
    storage.broken = true
    const { store, warn } = makeStore(storage)
    store.put(record('a'))
    expect(store.get('a')).toBeDefined()
    expect(warn).toHaveBeenCalledTimes(1)
  })

  it('keeps memory only with storage: null and never warns', () => {
    const { store, warn } = makeStore(null)
    store.put(record('a'))
    expect(store.persistent).toBe(false)
    expect(warn).not.toHaveBeenCalled()
  })

  it('prunes settled records after the TTL but keeps unsettled ones to resume', () => {
    const storage = new FakeStorage()
    const old = NOW - 8 * 24 * 3600 * 1000
    makeStore(storage).store.put(record('done', { state: 'succeeded', updatedAt: old }))
    makeStore(storage).store.put(record('live', { state: 'running', updatedAt: old }))
    const { store } = makeStore(storage)
    expect(store.list().map((r) => r.jobId)).toEqual(['live'])
    expect([...storage.data.keys()].some((k) => k.endsWith(':done'))).toBe(false)
  })

  it('returns the same list until something changes and notifies subscribers', () => {
    const { store } = makeStore(new FakeStorage())
    const listener = vi.fn()
    store.subscribe(listener)
    const first = store.list()
    expect(store.list()).toBe(first)
    store.put(record('a'))
    expect(listener).toHaveBeenCalledTimes(1)
    expect(store.list()).not.toBe(first)
  })
})
