import type { Task, TaskAsset, TaskBilling, TaskFailure } from './model'

/**
 * Folds a new status answer into what we already know of the same task.
 *
 * Rules (DESIGN.md "The normalized task"):
 * - Progress never goes backwards: the larger value wins, and an answer without progress keeps the
 *   last one (a provider that stops reporting progress has not undone work). A success is 100.
 * - Facts fixed at create time survive an answer that omits them: `model`, `type`, `platform`,
 *   `createdAt`, `startedAt`, `finishedAt`, `requestId`, `pollUrl`, and billing fields. Status routes
 *   often answer with less than the create did, and the support packet needs these.
 * - Everything that describes the *current* moment is taken from the newer answer as is, even when
 *   it omits it: `state`, `rawStatus`, `queuePosition`, `etaMs`, `error`, `cancelled` and `assets`.
 *   Keeping old assets would be unsafe: result URLs are signed and expire.
 * - When nothing a user could see changed, the PREVIOUS object is returned, same reference, so an
 *   unchanged poll causes no re-render. `raw` does not count: providers put per-request noise
 *   there (request ids, `updated_at`), and anything that matters in it (a fresh signed URL, a new
 *   status) shows up in the normalized fields too. So after an unchanged poll `raw` is the answer
 *   that last changed something, not the very latest one.
 * - When something changed, unchanged nested parts (`assets`, `error`, `billing`) keep the previous
 *   references, so memoized children that only read them do not re-render either.
 * - A different `id` is a different task: the next answer is taken whole.
 */
export function mergeTask(previous: Task | undefined, next: Task): Task {
  if (previous === undefined || previous.id !== next.id) return next

  const merged: Task = { ...next, progress: mergeProgress(previous, next) }
  for (const key of STICKY_FIELDS) (merged as unknown as Record<string, unknown>)[key] ??= previous[key]
  const { billing } = previous
  merged.billing =
    next.billing && billing
      ? // Credits can be settled after the reservation: the newer figure wins when there is one.
        { transactionId: next.billing.transactionId ?? billing.transactionId, credits: next.billing.credits ?? billing.credits }
      : (next.billing ?? billing)

  let changed = false
  for (const key of VISIBLE_FIELDS) if (previous[key] !== merged[key]) changed = true
  if (sameList(previous.assets, merged.assets, ASSET_FIELDS)) merged.assets = previous.assets
  else changed = true
  if (same(previous.error, merged.error, FAILURE_FIELDS)) merged.error = previous.error
  else changed = true
  if (same(previous.billing, merged.billing, BILLING_FIELDS)) merged.billing = previous.billing
  else changed = true

  return changed ? merged : previous
}

/** Facts fixed at create time: an answer that omits them keeps the known value. */
const STICKY_FIELDS = ['model', 'type', 'platform', 'createdAt', 'startedAt', 'finishedAt', 'requestId', 'pollUrl'] as const

/** Every plain field a user can see (`raw` excluded, nested parts compared below). */
const VISIBLE_FIELDS = [
  'id',
  'provider',
  'state',
  'rawStatus',
  'progress',
  'queuePosition',
  'etaMs',
  'cancelled',
  ...STICKY_FIELDS,
] as const satisfies readonly (keyof Task)[]

const ASSET_FIELDS = ['kind', 'url', 'role', 'expiresAt', 'mimeType'] as const satisfies readonly (keyof TaskAsset)[]
const FAILURE_FIELDS = ['code', 'message'] as const satisfies readonly (keyof TaskFailure)[]
const BILLING_FIELDS = ['transactionId', 'credits'] as const satisfies readonly (keyof TaskBilling)[]

function mergeProgress(previous: Task, next: Task): number | undefined {
  if (next.state === 'succeeded') return 100
  if (next.progress === undefined) return previous.progress
  if (previous.progress === undefined) return next.progress
  return Math.max(previous.progress, next.progress)
}

/** Same object, or both present with equal `fields`. */
function same<T extends object>(a: T | undefined, b: T | undefined, fields: readonly (keyof T)[]): boolean {
  return a === b || (a !== undefined && b !== undefined && fields.every((field) => a[field] === b[field]))
}

function sameList<T extends object>(a: readonly T[], b: readonly T[], fields: readonly (keyof T)[]): boolean {
  return a === b || (a.length === b.length && a.every((item, index) => same(item, b[index], fields)))
}
