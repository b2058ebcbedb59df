import { describe, expect, it } from 'vitest'
import type { AdapterResponse } from '../adapter'
import { newApi } from './newApi'
import { thrown } from '../../test-utils/thrown'

const res = (body: unknown, status = 200, headers: Record<string, string> = {}): AdapterResponse => ({ status, headers, body })
const BASE = 'https://gateway.example.com'
const adapter = newApi({ baseUrl: `${BASE}/` })
const dto = (fields: Record<string, unknown>) => ({ code: 'success', message: '', data: { task_id: 'task_1', ...fields } })
const read = (fields: Record<string, unknown>) => adapter.parseStatus(res(dto(fields)), { id: 'task_1' })
describe('newApi', () => {
  it('needs the gateway URL', () => {
    expect(thrown(() => newApi({ baseUrl: '' })).kind).toBe('invalid-input')
    expect(thrown(() => newApi(undefined as never)).kind).toBe('invalid-input')
  })

  describe('create', () => {
    it('posts to /v1/video/generations by default, or the endpoint the input names', () => {
      expect(adapter.createRequest({ model: 'kling-v2-6', prompt: 'a cat' }, { jobId: 'j' })).toMatchObject({
        method: 'POST',
        url: `${BASE}/v1/video/generations`,
        body: { model: 'kling-v2-6', prompt: 'a cat' },
      })
      expect(adapter.createRequest({ endpoint: '/suno/submit/music', prompt: 'lofi' }, { jobId: 'j' })).toMatchObject({
        url: `${BASE}/suno/submit/music`,
        body: { prompt: 'lofi' },
      })
      expect(thrown(() => adapter.createRequest({ endpoint: 'https://evil.example/x' }, { jobId: 'j' })).kind).toBe('invalid-input')
    })

    it('remembers where a Suno task is read back: pollUrl /suno/fetch/{id}', () => {
      const task = adapter.parseCreate(res({ code: 'success', message: '', data: 'task_suno1' }), { endpoint: '/suno/submit/music' })
      expect(task).toMatchObject({ id: 'task_suno1', state: 'queued', pollUrl: `${BASE}/suno/fetch/task_suno1` })
      expect(adapter.statusRequest({ id: task.id, pollUrl: task.pollUrl })).toEqual({ method: 'GET', url: `${BASE}/suno/fetch/task_suno1` })
    })

    it('reads a video create answer (task fields) and polls the canonical route', () => {
      const task = adapter.parseCreate(res({ id: 'task_v1', task_id: 'task_v1', object: 'video', status: 'queued', progress: 0 }), {
        model: 'sora-2',
      })
      expect(task).toMatchObject({ id: 'task_v1', state: 'queued', model: 'sora-2' })
      expect(task.pollUrl).toBeUndefined()
      expect(adapter.statusRequest({ id: 'task_v1' }).url).toBe(`${BASE}/v1/video/generations/task_v1`)
      const openai = adapter.parseCreate(res({ id: 'video_1', object: 'video', status: 'queued' }), { endpoint: '/v1/videos' })
      expect(openai.pollUrl).toBe(`${BASE}/v1/videos/video_1`)
    })

    it('reads a refused create as an error', () => {
      expect(thrown(() => adapter.parseCreate(res({ code: 'invalid_request', message: 'prompt is required' }, 400), {}))).toMatchObject({
        kind: 'http',
        code: 'invalid_request',
        message: 'prompt is required',
      })
      expect(thrown(() => adapter.parseCreate(res({ code: 'success', data: null }), {})).kind).toBe('parse')
    })
  })

  describe('status', () => {
    it('maps the task statuses; "" is a task still being submitted', () => {
      const words = ['NOT_START', 'SUBMITTED', 'QUEUED', 'IN_PROGRESS', 'FAILURE', 'UNKNOWN', '']
      expect(words.map((status) => read({ status }).state)).toEqual(['queued', 'queued', 'queued', 'running', 'failed', 'unknown', 'queued'])
      expect(read({ status: 'SUCCESS', result_url: 'https://cdn.example.com/v.mp4' }).state).toBe('succeeded')
      expect(read({ status: 'PAUSED' })).toMatchObject({ state: 'unknown', rawStatus: 'PAUSED' })
    })

    it('reads progress "30%" and times in seconds', () => {
      expect(read({ status: 'IN_PROGRESS', progress: '30%', submit_time: 1767000000, start_time: 1767000004, finish_time: 0 })).toMatchObject({
        progress: 30,
        createdAt: 1767000000000,
        startedAt: 1767000004000,
      })
      expect(read({ status: 'IN_PROGRESS', finish_time: 0 }).finishedAt).toBeUndefined()
    })

    it('reads platform, action and model', () => {
      expect(read({ status: 'IN_PROGRESS', platform: 'kling', action: 'generate', properties: { origin_model_name: 'kling-v2-6' } })).toMatchObject({
        platform: 'kling',
        type: 'generate',
        model: 'kling-v2-6',
      })
    })

    it('reads fail_reason as the error', () => {
      expect(read({ status: 'FAILURE', fail_reason: 'upstream rejected the prompt' }).error).toEqual({ message: 'upstream rejected the prompt' })
      expect(read({ status: 'FAILURE', fail_reason: '' }).error).toEqual({ message: 'Task failed' })
    })

    it('finds results in result_url and in the upstream data (Kling videos, Suno clips)', () => {
      const kling = read({
        status: 'SUCCESS',
        data: { code: 0, data: { task_id: 'k1', task_status: 'succeed', task_result: { videos: [{ id: 'v', url: 'https://cdn.example.com/k', duration: '5.1' }] } } },
      })
      expect(kling.assets).toEqual([{ kind: 'video', url: 'https://cdn.example.com/k' }])
      const suno = read({
        status: 'SUCCESS',
        platform: 'suno',
        action: 'MUSIC',
        result_url: 'https://cdn.example.com/track',
        data: [{ id: 'clip-1', audio_url: 'https://cdn.example.com/1.mp3', video_url: 'https://cdn.example.com/1.mp4', image_url: 'https://cdn.example.com/1.jpg', title: 'lofi' }],
      })
      expect(suno.assets.map((asset) => [asset.kind, asset.url])).toEqual([
        ['audio', 'https://cdn.example.com/track'],
        ['audio', 'https://cdn.example.com/1.mp3'],
        ['video', 'https://cdn.example.com/1.mp4'],
        ['image', 'https://cdn.example.com/1.jpg'],
      ])
    })

    it('fails a success without output, except a lyrics task', () => {
      expect(read({ status: 'SUCCESS', data: { task_result: { videos: [{ url: 'javascript:alert(1)' }] } } })).toMatchObject({
        state: 'failed',
        error: { code: 'missing_output', message: 'Final media URL missing' },
      })
      expect(read({ status: 'SUCCESS', action: 'LYRICS', data: { text: 'la la' } }).state).toBe('succeeded')
    })

    it('reads the OpenAI-compatible video object (created_at in ms), with the proxied content URL', () => {
      const queued = adapter.parseStatus(
        res({ id: 'sora-2-123456', object: 'video', model: 'sora-2', status: 'queued', progress: 0, created_at: 1764347090922, seconds: '8' }),
        { id: 'sora-2-123456' },
      )
      expect(queued).toMatchObject({ id: 'sora-2-123456', state: 'queued', progress: 0, createdAt: 1764347090922, model: 'sora-2' })
      const done = adapter.parseStatus(res({ id: 'v1', object: 'video', status: 'completed', progress: 100, created_at: 1764347090 }), { id: 'v1' })
      expect(done.assets).toEqual([{ kind: 'video', url: `${BASE}/v1/videos/v1/content`, role: 'content' }])
      const failed = adapter.parseStatus(res({ id: 'v2', object: 'video', status: 'failed', error: { code: 'moderation', message: 'blocked' } }), { id: 'v2' })
      expect(failed.error).toEqual({ code: 'moderation', message: 'blocked' })
    })

    it('reads {success: false, message} with HTTP 200 as a provider error', () => {
      expect(thrown(() => adapter.parseStatus(res({ success: false, message: '无权进行此操作' }), { id: 't' }))).toMatchObject({
        kind: 'provider',
        message: '无权进行此操作',
        status: 200,
      })
      expect(thrown(() => adapter.parseStatus(res({ code: 'get_task_failed', message: 'db error' }), { id: 't' })).kind).toBe('provider')
    })

    it('reads 400 task_not_exist as not-found, and 401 as auth', () => {
      expect(thrown(() => adapter.parseStatus(res({ code: 'task_not_exist', message: 'task_not_exist', data: null }, 400), { id: 't' })).kind).toBe(
        'not-found',
      )
      expect(thrown(() => adapter.parseStatus(res({ success: false, message: 'no token' }, 401), { id: 't' })).kind).toBe('auth')
    })

    it('reads malformed bodies as parse errors', () => {
      for (const body of [null, 'x', [], {}, { code: 'success', data: null }, { code: 'success', data: { status: 'SUCCESS' } }]) {
        expect(thrown(() => adapter.parseStatus(res(body), { id: 't' })).kind).toBe('parse')
      }
    })
  })

  describe('history', () => {
    const history = adapter.history!

    it('builds /api/task/self with the gateway names and seconds', () => {
      const request = history.request({
        page: 2,
        pageSize: 20,
        taskId: 'task_1',
        platform: 'suno',
        status: 'succeeded',
        type: 'MUSIC',
        from: 1767000000999,
        to: 1767086400000,
      })
      const url = new URL(request.url)
      expect(url.origin + url.pathname).toBe(`${BASE}/api/task/self`)
      expect(Object.fromEntries(url.searchParams)).toEqual({
        p: '2',
        page_size: '20',
        task_id: 'task_1',
        platform: 'suno',
        status: 'SUCCESS',
        action: 'MUSIC',
        start_timestamp: '1767000000',
        end_timestamp: '1767086400',
      })
      expect(Object.fromEntries(new URL(history.request({ page: 1, pageSize: 10 }).url).searchParams)).toEqual({ p: '1', page_size: '10' })
      expect(new URL(history.request({ page: 1, pageSize: 10, status: 'IN_PROGRESS' }).url).searchParams.get('status')).toBe('IN_PROGRESS')
      expect(new URL(history.request({ page: 1, pageSize: 10, status: 'constructor' }).url).searchParams.get('status')).toBe('constructor')
    })

    it('says which states its status filter knows: the gateway has no word for blocked, cancelled or expired', () => {
      expect([...(history.statuses ?? [])].sort()).toEqual(['failed', 'queued', 'running', 'succeeded', 'unknown'])
      for (const state of history.statuses ?? []) {
        expect(new URL(history.request({ page: 1, pageSize: 10, status: state }).url).searchParams.get('status')).not.toBe(state)
      }
    })

    it('reads a page and leaves out unreadable rows', () => {
      const page = history.parse(
        res({
          success: true,
          message: '',
          data: { page: 1, page_size: 10, total: 3, items: [{ task_id: 'a', status: 'SUCCESS', result_url: 'https://cdn.example.com/a.mp4' }, { nope: 1 }, { task_id: 'b', status: 'IN_PROGRESS', progress: '40%' }] },
        }),
      )
      expect(page).toMatchObject({ total: 3, page: 1, pageSize: 10 })
      expect(page.items.map((task) => [task.id, task.state, task.progress])).toEqual([
        ['a', 'succeeded', undefined],
        ['b', 'running', 40],
      ])
      expect(page.items[1]?.raw).toEqual({ task_id: 'b', status: 'IN_PROGRESS', progress: '40%' })
      expect(thrown(() => history.parse(res({ success: false, message: 'not logged in' }))).kind).toBe('provider')
      expect(thrown(() => history.parse(res({ success: true, data: {} }))).kind).toBe('parse')
    })
  })

  describe('batch', () => {
    it('reads many tasks by id through POST /suno/fetch', () => {
      expect(adapter.batch?.request(['a', 'b'])).toMatchObject({ method: 'POST', url: `${BASE}/suno/fetch`, body: { ids: ['a', 'b'] } })
      const tasks = adapter.batch!.parse(res({ code: 'success', data: [{ task_id: 'a', status: 'QUEUED' }, { task_id: 'b', status: 'FAILURE', fail_reason: 'x' }] }))
      expect(tasks.map((task) => [task.id, task.state])).toEqual([
        ['a', 'queued'],
        ['b', 'failed'],
      ])
      expect(thrown(() => adapter.batch!.parse(res({ code: 'success', data: {} }))).kind).toBe('parse')
    })
  })

  it('has no cancel and polls no faster than the gateway refreshes', () => {
    expect(adapter.cancel).toBeUndefined()
    expect(adapter.pollBounds).toEqual({ minMs: 3000, initialMs: 5000, maxMs: 15_000 })
  })
})
