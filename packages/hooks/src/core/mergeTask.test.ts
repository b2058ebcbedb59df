import { describe, expect, it } from 'vitest'
import { mergeTask } from './mergeTask'
import type { Task } from './model'

function task(overrides: Partial<Task> = {}): Task {
  return { id: 't1', provider: 'test', state: 'running', rawStatus: 'processing', progress: 40, assets: [], raw: { n: 1 }, ...overrides }
}

describe('mergeTask', () => {
  it('takes the first answer as is', () => {
    const next = task()
    expect(mergeTask(undefined, next)).toBe(next)
  })

  it('returns the previous object when an answer is equal by value', () => {
    const previous = task({ assets: [{ kind: 'image', url: 'https://x/a.png' }], billing: { credits: 3 } })
    const next = task({ assets: [{ kind: 'image', url: 'https://x/a.png' }], billing: { credits: 3 } })
    expect(mergeTask(previous, next)).toBe(previous)
  })

  it('ignores raw when everything visible is equal', () => {
    const previous = task({ raw: { updated_at: 1 } })
    expect(mergeTask(previous, task({ raw: { updated_at: 2 } }))).toBe(previous)
  })

  it('takes the new raw with a visible change', () => {
    const merged = mergeTask(task({ raw: { a: 1 } }), task({ progress: 50, raw: { a: 2 } }))
    expect(merged.raw).toEqual({ a: 2 })
    expect(merged.progress).toBe(50)
  })

  it('never lets progress go backwards (and then nothing changed)', () => {
    const previous = task({ progress: 60 })
    expect(mergeTask(previous, task({ progress: 55 }))).toBe(previous)
    expect(mergeTask(previous, task({ progress: 55, rawStatus: 'finishing' }))).toMatchObject({ progress: 60, rawStatus: 'finishing' })
  })

  it('keeps the last progress when an answer has none, and sets 100 on success', () => {
    const previous = task({ progress: 70 })
    expect(mergeTask(previous, task({ progress: undefined }))).toBe(previous)
    expect(mergeTask(previous, task({ state: 'succeeded', rawStatus: 'completed', progress: undefined })).progress).toBe(100)
    expect(mergeTask(previous, task({ state: 'succeeded', rawStatus: 'completed', progress: 0 })).progress).toBe(100)
  })

  it('keeps the highest progress on failure (progress is not meaningful there, but never goes back)', () => {
    expect(mergeTask(task({ progress: 70 }), task({ state: 'failed', rawStatus: 'failed', progress: 0 })).progress).toBe(70)
  })

  it('keeps facts from the create that a status answer omits', () => {
    const created = task({
      state: 'queued',
      model: 'veo3.1',
      type: 'video',
      createdAt: 1000,
      requestId: 'req_1',
      pollUrl: '/v1/tasks/t1',
      billing: { transactionId: 'bt_1' },
    })
    const merged = mergeTask(created, task({ billing: { credits: 5 } }))
    expect(merged).toMatchObject({
      state: 'running',
      model: 'veo3.1',
      type: 'video',
      createdAt: 1000,
      requestId: 'req_1',
      pollUrl: '/v1/tasks/t1',
      billing: { transactionId: 'bt_1', credits: 5 },
    })
  })

  it('lets a newer value of those facts win', () => {
    const merged = mergeTask(task({ model: 'auto', pollUrl: '/a' }), task({ model: 'veo3.1', pollUrl: '/b' }))
    expect(merged).toMatchObject({ model: 'veo3.1', pollUrl: '/b' })
  })

  it('does not keep moment-to-moment fields the answer omits (queue, eta, assets, error)', () => {
    const previous = task({
      state: 'queued',
      queuePosition: 3,
      etaMs: 9000,
      assets: [{ kind: 'image', url: 'https://x/expired.png' }],
      error: { message: 'transient' },
    })
    const merged = mergeTask(previous, task())
    expect(merged.queuePosition).toBeUndefined()
    expect(merged.etaMs).toBeUndefined()
    expect(merged.assets).toEqual([])
    expect(merged.error).toBeUndefined()
  })

  it('keeps unchanged nested parts by reference when something else changed', () => {
    const previous = task({ assets: [{ kind: 'video', url: 'https://x/v.mp4' }], error: { message: 'm' }, billing: { credits: 1 } })
    const next = task({ progress: 90, assets: [{ kind: 'video', url: 'https://x/v.mp4' }], error: { message: 'm' }, billing: { credits: 1 } })
    const merged = mergeTask(previous, next)
    expect(merged).not.toBe(previous)
    expect(merged.assets).toBe(previous.assets)
    expect(merged.error).toBe(previous.error)
    expect(merged.billing).toBe(previous.billing)
  })

  it('sees a new signed URL as a change', () => {
    const previous = task({ state: 'succeeded', progress: 100, assets: [{ kind: 'model3d', url: 'https://x/m.glb?sig=1' }] })
    const next = task({ state: 'succeeded', progress: 100, assets: [{ kind: 'model3d', url: 'https://x/m.glb?sig=2' }] })
    expect(mergeTask(previous, next).assets[0]?.url).toBe('https://x/m.glb?sig=2')
  })

  it('takes an answer for another task id whole', () => {
    const next = task({ id: 't2', progress: 1 })
    expect(mergeTask(task({ progress: 80 }), next)).toBe(next)
  })
})
