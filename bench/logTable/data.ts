import type { Task, TaskState } from '../../packages/hooks/src/core/model.ts'

/**
 * A deterministic task log of `count` rows, shaped like new-api's `/api/task/self` items after
 * normalization: mostly finished tasks, some still running, newest first.
 */
export function makeTaskLog(count: number, seed = 20251123): Task[] {
  let state = seed >>> 0
  // mulberry32: small, fast and the same in every browser.
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  const platforms = ['suno', 'kling', 'midjourney', 'jimeng'] as const
  const actions = ['MUSIC', 'LYRICS', 'generate', 'textGenerate', 'imagine'] as const
  const states: readonly [TaskState, string][] = [
    ['succeeded', 'SUCCESS'],
    ['succeeded', 'SUCCESS'],
    ['succeeded', 'SUCCESS'],
    ['failed', 'FAILURE'],
    ['running', 'IN_PROGRESS'],
    ['queued', 'QUEUED'],
  ]
  const newest = Date.UTC(2026, 10, 23, 12)
  const tasks: Task[] = []
  for (let index = 0; index < count; index++) {
    const [taskState, rawStatus] = pick(states)
    const createdAt = newest - index * 37_000 - Math.floor(random() * 30_000)
    const finished = taskState === 'succeeded' || taskState === 'failed'
    const id = `task_${(index * 2654435761 >>> 0).toString(36).padStart(7, '0')}${index.toString(36)}`
    tasks.push({
      id,
      provider: 'newapi',
      state: taskState,
      rawStatus,
      progress: finished ? 100 : taskState === 'running' ? Math.floor(random() * 99) : undefined,
      createdAt,
      startedAt: createdAt + 1_000,
      finishedAt: finished ? createdAt + 5_000 + Math.floor(random() * 120_000) : undefined,
      model: pick(['suno_music', 'kling-v1', 'mj_imagine', 'jimeng-v3']),
      type: pick(actions),
      platform: pick(platforms),
      assets: taskState === 'succeeded' ? [{ kind: 'audio', url: `https://cdn.example.test/${id}.mp3` }] : [],
      error: taskState === 'failed' ? { code: 'task_failed', message: 'The upstream model refused the prompt.' } : undefined,
      raw: { task_id: id, status: rawStatus },
    })
  }
  return tasks
}
