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
