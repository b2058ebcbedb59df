import { describe, expect, it } from 'vitest'
import { liveTaskIds, localTaskList, matchesTaskListFilters } from './localTaskList'
import { DEFAULT_TASK_LIST_PAGE_SIZE, historyQueryOf } from './taskList'
import { RECORD_VERSION, type TaskRecord } from './taskRecord'

const T0 = Date.UTC(2026, 10, 1, 12, 0, 0)

function record(jobId: string, fields: Partial<TaskRecord> = {}): TaskRecord {
  return {
    v: RECORD_VERSION,
    jobId,
    account: 'alice',
    provider: 'newapi',
    phase: 'created',
    id: `task_${jobId}`,
    submittedAt: T0,
    updatedAt: T0,
    state: 'succeeded',
    rawStatus: 'SUCCESS',
    ...fields,
  }
}

describe('localTaskList', () => {
  it('lists tasks newest first by their submitted time, ties in local submit order', () => {
    const records = [
      record('old', { submittedAt: T0, createdAt: T0 }),
      // Provider times are whole seconds: these two share one.
      record('tie-first', { submittedAt: T0 + 60_100, createdAt: T0 + 60_000 }),
      record('tie-second', { submittedAt: T0 + 60_400, createdAt: T0 + 60_000 }),
      // No provider time yet: the local submit time stands in.
      record('newest', { submittedAt: T0 + 120_000 }),
    ]
    expect(localTaskList(records).map((task) => task.id)).toEqual([
      'task_newest',
      'task_tie-second',
      'task_tie-first',
      'task_old',
    ])
  })

  it('leaves out records without a task id: unknown create outcomes and refused creates', () => {
    const records = [
      record('made'),
      record('lost', { phase: 'creating', id: undefined, state: undefined, rawStatus: undefined }),
      record('refused', { phase: 'create-failed', id: undefined, error: { kind: 'invalid-input', message: 'bad model' } }),
    ]
    expect(localTaskList(records).map((task) => task.id)).toEqual(['task_made'])
  })

  it('reads what the record knows into the row, and an unsettled record without a state as unknown', () => {
    const [failed, pending] = localTaskList([
      record('f', {
        state: 'failed',
        rawStatus: 'FAILURE',
        platform: 'kling',
        type: 'generate',
        model: 'kling-v2-6',
        error: { code: 'task_failed', message: 'upstream refused' },
        finishedAt: T0 + 5000,
      }),
      record('p', { submittedAt: T0 - 1000, state: undefined, rawStatus: undefined }),
    ])
    expect(failed).toMatchObject({
      id: 'task_f',
      provider: 'newapi',
      state: 'failed',
      platform: 'kling',
      type: 'generate',
      model: 'kling-v2-6',
      createdAt: T0,
      finishedAt: T0 + 5000,
      error: { code: 'task_failed', message: 'upstream refused' },
      assets: [],
    })
    expect(pending?.state).toBe('unknown')
  })

  it('gives the same row object for the same record, so a change elsewhere re-renders one row', () => {
    const a = record('a')
    const b = record('b', { submittedAt: T0 + 1 })
    const first = localTaskList([a, b])
    const changedB = { ...b, progress: 40, state: 'running' as const }
    const second = localTaskList([a, changedB])
    expect(second[1]).toBe(first[1])
    expect(second[0]).not.toBe(first[0])
    expect(second[0]?.progress).toBe(40)
  })

  describe('filters', () => {
    const records = [
      record('1', { id: 'task_AbC123', createdAt: T0, type: 'MUSIC', platform: 'suno', state: 'succeeded' }),
      record('2', { id: 'task_xyz', createdAt: T0 + 1000, type: 'generate', platform: 'kling', state: 'running' }),
      record('3', { id: 'task_abc999', createdAt: T0 + 2000, type: 'generate', platform: 'kling', state: 'failed' }),
    ]
    const ids = (filters: Parameters<typeof localTaskList>[1]) => localTaskList(records, filters).map((task) => task.id)

    it('matches a task id by substring, ignoring case and surrounding blanks', () => {
      expect(ids({ taskId: ' abc ' })).toEqual(['task_abc999', 'task_AbC123'])
      expect(ids({ taskId: 'nothing' })).toEqual([])
    })

    it('keeps the time range inclusive at both ends', () => {
      expect(ids({ from: T0 + 1000 })).toEqual(['task_abc999', 'task_xyz'])
      expect(ids({ to: T0 + 1000 })).toEqual(['task_xyz', 'task_AbC123'])
      expect(ids({ from: T0 + 1000, to: T0 + 1000 })).toEqual(['task_xyz'])
    })

    it('filters by type, platform and normalized status, and combines filters', () => {
      expect(ids({ type: 'MUSIC' })).toEqual(['task_AbC123'])
      expect(ids({ platform: ' kling ' })).toEqual(['task_abc999', 'task_xyz'])
      expect(ids({ status: 'running' })).toEqual(['task_xyz'])
      expect(ids({ platform: 'kling', status: 'failed', taskId: 'abc' })).toEqual(['task_abc999'])
    })

    it('ignores blank filters and invalid times', () => {
      expect(ids({ taskId: '  ', type: '', platform: '', from: Number.NaN, to: undefined })).toHaveLength(3)
    })
  })

  it('matchesTaskListFilters treats a task without a time as submitted at 0', () => {
    const task = localTaskList([record('x')])[0]!
    expect(matchesTaskListFilters({ ...task, createdAt: undefined }, { from: 1 })).toBe(false)
  })
})

describe('liveTaskIds', () => {
  it('lists the rows that may still change, once each', () => {
    const rows = localTaskList([
      record('q', { id: 'q', state: 'queued', submittedAt: T0 + 4 }),
      record('r', { id: 'r', state: 'running', submittedAt: T0 + 3 }),
      record('u', { id: 'u', state: 'unknown', submittedAt: T0 + 2 }),
      record('s', { id: 's', state: 'succeeded', submittedAt: T0 + 1 }),
      record('c', { id: 'c', state: 'cancelled', submittedAt: T0 }),
    ])
    expect(liveTaskIds(rows)).toEqual(['q', 'r', 'u'])
    expect(liveTaskIds([...rows, ...rows])).toEqual(['q', 'r', 'u'])
  })
})

describe('historyQueryOf', () => {
  it('defaults to the first page of 20 and drops filters that say nothing', () => {
    expect(historyQueryOf({ taskId: ' ', type: '', platform: '  ', from: Number.NaN })).toEqual({
      page: 1,
      pageSize: DEFAULT_TASK_LIST_PAGE_SIZE,
    })
  })

  it('keeps whole page numbers of at least 1 and trimmed filters', () => {
    expect(historyQueryOf({ page: 2.7, pageSize: 0, taskId: ' task_1 ', from: 5, to: 9, type: 'MUSIC', platform: 'suno', status: 'running' })).toEqual({
      page: 2,
      pageSize: DEFAULT_TASK_LIST_PAGE_SIZE,
      taskId: 'task_1',
      from: 5,
      to: 9,
      type: 'MUSIC',
      platform: 'suno',
      status: 'running',
    })
    expect(historyQueryOf({ page: -3, pageSize: 50 })).toMatchObject({ page: 1, pageSize: 50 })
  })
})
