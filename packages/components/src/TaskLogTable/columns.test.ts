import { describe, expect, it } from 'vitest'
import { sortTasks } from './columns'
import { logTask } from './testData'

const ids = (tasks: readonly { id: string }[]) => tasks.map((task) => task.id)

describe('sortTasks', () => {
  const tasks = [
    logTask(0, { id: 'a', createdAt: 3_000, type: 'MUSIC', progress: 100, state: 'succeeded' }),
    logTask(1, { id: 'b', createdAt: undefined, type: undefined, progress: 40, state: 'running' }),
    logTask(2, { id: 'c', createdAt: 1_000, type: 'generate', progress: 40, state: 'failed' }),
    logTask(3, { id: 'd', createdAt: 2_000, type: 'MUSIC', progress: undefined, state: 'queued' }),
  ]

  it('returns the rows as they are when nothing is sorted', () => {
    expect(sortTasks(tasks, [])).toBe(tasks)
  })

  it('sorts numbers both ways with missing values last in both directions', () => {
    expect(ids(sortTasks(tasks, [{ id: 'submitted', desc: false }]))).toEqual(['c', 'd', 'a', 'b'])
    expect(ids(sortTasks(tasks, [{ id: 'submitted', desc: true }]))).toEqual(['a', 'd', 'c', 'b'])
  })

  it('sorts text in the natural order, missing text last, ties in the source order', () => {
    expect(ids(sortTasks(tasks, [{ id: 'type', desc: false }]))).toEqual(['c', 'a', 'd', 'b'])
    expect(ids(sortTasks([logTask(0, { id: 'task_10' }), logTask(1, { id: 'task_9' })], [{ id: 'taskId', desc: false }]))).toEqual([
      'task_9',
      'task_10',
    ])
  })

  it('sorts states in the lifecycle order, not alphabetically', () => {
    expect(ids(sortTasks(tasks, [{ id: 'status', desc: false }]))).toEqual(['d', 'b', 'a', 'c'])
  })

  it('breaks ties by the next sorted column (shift-click), and ignores unsortable columns', () => {
    expect(
      ids(
        sortTasks(tasks, [
          { id: 'details', desc: false },
          { id: 'progress', desc: true },
          { id: 'submitted', desc: false },
        ]),
      ),
    ).toEqual(['a', 'c', 'b', 'd'])
  })

  it('does not change the rows it was given', () => {
    const before = ids(tasks)
    sortTasks(tasks, [{ id: 'submitted', desc: false }])
    expect(ids(tasks)).toEqual(before)
  })
})
