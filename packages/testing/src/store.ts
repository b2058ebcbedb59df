import type { TaskRecord } from './record'

/**
 * Tasks by owner. Lookups always go through the owner, so a task is invisible to every other
 * key by construction, as with the real providers.
 */
export class TaskStore {
  private readonly byOwner = new Map<string, Map<string, TaskRecord>>()
  private readonly anyOwner = new Map<string, TaskRecord>()
  private seq = 0

  nextSeq(): number {
    this.seq += 1
    return this.seq
  }

  add(record: TaskRecord): void {
    let owned = this.byOwner.get(record.owner)
    if (!owned) {
      owned = new Map()
      this.byOwner.set(record.owner, owned)
    }
    owned.set(record.id, record)
    if (!this.anyOwner.has(record.id)) this.anyOwner.set(record.id, record)
  }

  get(owner: string, id: string): TaskRecord | undefined {
    return this.byOwner.get(owner)?.get(id)
  }

  /** Media links are unauthenticated (like a CDN), so they resolve a task by id alone. */
  findForMedia(id: string): TaskRecord | undefined {
    return this.anyOwner.get(id)
  }

  /** The owner's tasks in creation order. */
  list(owner: string): TaskRecord[] {
    return [...(this.byOwner.get(owner)?.values() ?? [])]
  }

  hasOwner(owner: string): boolean {
    return this.byOwner.has(owner)
  }

  /** Every task, for diagnostics and the CLI's summary. */
  all(): TaskRecord[] {
    return [...this.byOwner.values()].flatMap((owned) => [...owned.values()])
  }

  clear(): void {
    this.byOwner.clear()
    this.anyOwner.clear()
    this.seq = 0
  }
}
