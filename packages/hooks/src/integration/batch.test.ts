import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulatorServer, type SimulatorServer } from '@taskkit/testing/server'
import { createTaskClient } from '../core/client'
import type { TaskSnapshot } from '../core/client'
import { newApi } from '../core/adapters'

// useTasks' promise over real HTTP: many new-api tasks, one stream of list requests.
describe('watchMany against the new-api simulator', () => {
  let server: SimulatorServer
  beforeAll(async () => {
    server = await startSimulatorServer({ provider: 'newapi', port: 0, timeScale: 60 })
  })
  afterAll(async () => {
    await server.close()
  })

  it('follows five tasks to the end with batched requests, never one per task', async () => {
    const client = createTaskClient({
      adapter: newApi({ baseUrl: server.url, pollBounds: { minMs: 20, initialMs: 40, maxMs: 100 } }),
      headers: () => ({ Authorization: 'Bearer sk-batch' }),
      storage: null,
      crossTab: false,
    })
    const ids: string[] = []
    for (let i = 0; i < 5; i++) {
      const task = await client.submit({ endpoint: '/suno/submit/music', prompt: `song ${i} [sim:queue=0,run=2s]` })
      ids.push(task.id)
    }
    const latest = new Map<string, TaskSnapshot>()
    await new Promise<void>((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error('tasks did not finish')), 15_000)
      const stop = client.watchMany(ids, (id, snapshot) => {
        latest.set(id, snapshot)
        if (ids.every((i) => latest.get(i)?.status === 'stopped')) {
          clearTimeout(timeout)
          stop()
          resolve()
        }
      })
    })
    expect(ids.map((id) => latest.get(id)?.task?.state)).toEqual(Array(5).fill('succeeded'))
    const requests = server.simulators.newapi?.requests ?? []
    const statusRequests = requests.filter((r) => r.kind === 'status' || r.kind === 'list')
    // Per-task polling would ask for each task at least once per round; a batch asks once for all.
    expect(requests.filter((r) => r.method === 'GET' && r.kind === 'status')).toHaveLength(0)
    expect(statusRequests.length).toBeGreaterThan(0)
    expect(statusRequests.every((r) => r.method === 'POST' && r.path === '/suno/fetch')).toBe(true)
  }, 20_000)
})
