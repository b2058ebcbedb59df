import type { Task } from '@taskkit/hooks'

/** A fixed "now" for fixtures, so stories and tests render the same times. */
export const FIXTURE_NOW = Date.UTC(2026, 0, 15, 12, 0, 0)

/** A normalized task for stories and tests; override what the case needs. */
export function fixtureTask(overrides: Partial<Task> = {}): Task {
  return {
    id: 'task_01',
    provider: 'tokenlab',
    state: 'running',
    rawStatus: 'in_progress',
    createdAt: FIXTURE_NOW - 65_000,
    model: 'video-gen-2',
    assets: [],
    raw: {},
    ...overrides,
  }
}

/** Media URLs for result fixtures (jsdom tests never load them). */
export const FIXTURE_MEDIA_BASE = 'https://media.example.test/task_01'

/** A succeeded task with the given assets (by default one image). */
export function fixtureResultTask(overrides: Partial<Task> = {}): Task {
  return fixtureTask({
    state: 'succeeded',
    rawStatus: 'completed',
    progress: 100,
    finishedAt: FIXTURE_NOW - 1_000,
    requestId: 'req_abc123',
    billing: { transactionId: 'txn_789' },
    assets: [{ kind: 'image', url: `${FIXTURE_MEDIA_BASE}/image.png` }],
    ...overrides,
  })
}

/** A failed task with a provider error. */
export function fixtureFailedTask(overrides: Partial<Task> = {}): Task {
  return fixtureResultTask({
    state: 'failed',
    rawStatus: 'failed',
    assets: [],
    error: { code: 'task_failed', message: 'The model ran out of memory.' },
    ...overrides,
  })
}
