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

  const merged: Task = {
    ...next,
    progress: mergeProgress(previous, next),
    model: next.model ?? previous.model,
    type: next.type ?? previous.type,
    platform: next.platform ?? previous.platform,
    createdAt: next.createdAt ?? previous.createdAt,
    startedAt: next.startedAt ?? previous.startedAt,
    finishedAt: next.finishedAt ?? previous.finishedAt,
    requestId: next.requestId ?? previous.requestId,
    pollUrl: next.pollUrl ?? previous.pollUrl,
    billing: mergeBilling(previous.billing, next.billing),
  }
  merged.assets = sameAssets(previous.assets, merged.assets) ? previous.assets : merged.assets
  if (sameFailure(previous.error, merged.error)) merged.error = previous.error
  if (sameBilling(previous.billing, merged.billing)) merged.billing = previous.billing

  return sameVisibleTask(previous, merged) ? previous : merged
}

function mergeProgress(previous: Task, next: Task): number | undefined {
  if (next.state === 'succeeded') return 100
  if (next.progress === undefined) return previous.progress
  if (previous.progress === undefined) return next.progress
  return Math.max(previous.progress, next.progress)
}

function mergeBilling(previous: TaskBilling | undefined, next: TaskBilling | undefined): TaskBilling | undefined {
  if (previous === undefined) return next
  if (next === undefined) return previous
  return {
    transactionId: next.transactionId ?? previous.transactionId,
    // Credits can be settled after the reservation: the newer figure wins when there is one.
    credits: next.credits ?? previous.credits,
  }
}

/** Every field but `raw`, by value. */
function sameVisibleTask(a: Task, b: Task): boolean {
  return (
    a.id === b.id &&
    a.provider === b.provider &&
    a.state === b.state &&
    a.rawStatus === b.rawStatus &&
    a.progress === b.progress &&
    a.queuePosition === b.queuePosition &&
    a.etaMs === b.etaMs &&
    a.createdAt === b.createdAt &&
    a.startedAt === b.startedAt &&
    a.finishedAt === b.finishedAt &&
    a.model === b.model &&
    a.type === b.type &&
    a.platform === b.platform &&
    a.cancelled === b.cancelled &&
    a.requestId === b.requestId &&
    a.pollUrl === b.pollUrl &&
    sameAssets(a.assets, b.assets) &&
    sameFailure(a.error, b.error) &&
    sameBilling(a.billing, b.billing)
  )
}

function sameAssets(a: readonly TaskAsset[], b: readonly TaskAsset[]): boolean {
  if (a === b) return true
  if (a.length !== b.length) return false
  return a.every((asset, index) => {
    const other = b[index]
    return (
      other !== undefined &&
      asset.kind === other.kind &&
      asset.url === other.url &&
      asset.role === other.role &&
      asset.expiresAt === other.expiresAt &&
      asset.mimeType === other.mimeType
    )
  })
}

function sameFailure(a: TaskFailure | undefined, b: TaskFailure | undefined): boolean {
  if (a === b) return true
  if (a === undefined || b === undefined) return false
  return a.code === b.code && a.message === b.message
}

function sameBilling(a: TaskBilling | undefined, b: TaskBilling | undefined): boolean {
  if (a === b) return true
  if (a === undefined || b === undefined) return false
  return a.transactionId === b.transactionId && a.credits === b.credits
}
