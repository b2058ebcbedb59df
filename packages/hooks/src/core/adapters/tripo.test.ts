import { describe, expect, it } from 'vitest'
import type { AdapterResponse } from '../adapter'
import { tripo } from './tripo'
import { thrown } from '../../test-utils/thrown'

const res = (body: unknown, status = 200, headers: Record<string, string> = {}): AdapterResponse => ({ status, headers, body })
const NOW = 1_767_000_000_000
const v2 = tripo({ now: () => NOW })
const v3 = tripo({ apiVersion: 'v3', now: () => NOW })
const read = (data: Record<string, unknown>, adapter = v2) =>
  adapter.parseStatus(res({ code: 0, data: { task_id: 't1', ...data } }), { id: 't1' })
describe('tripo', () => {
  describe('requests', () => {
    it('v2: POST /v2/openapi/task with the input as body, GET /v2/openapi/task/{id}', () => {
      expect(v2.baseUrl).toBe('https://api.tripo3d.ai')
      expect(v2.createRequest({ type: 'text_to_model', prompt: 'a cat' }, { jobId: 'j' })).toMatchObject({
        method: 'POST',
        url: 'https://api.tripo3d.ai/v2/openapi/task',
        body: { type: 'text_to_model', prompt: 'a cat' },
      })
      expect(v2.statusRequest({ id: 't/1' })).toEqual({ method: 'GET', url: 'https://api.tripo3d.ai/v2/openapi/task/t%2F1' })
    })

    it('v3: one route per type, no `type` in the body, GET /v3/tasks/{id}', () => {
      expect(v3.baseUrl).toBe('https://openapi.tripo3d.ai')
      expect(v3.createRequest({ type: 'text_to_model', prompt: 'a cat', model_version: 'v2.5-20250123' }, { jobId: 'j' })).toMatchObject({
        url: 'https://openapi.tripo3d.ai/v3/generation/text-to-model',
        body: { prompt: 'a cat', model_version: 'v2.5-20250123' },
      })
      expect(v3.createRequest({ type: 'animate_rig', input: 't0' }, { jobId: 'j' }).url).toBe(
        'https://openapi.tripo3d.ai/v3/animations/rig',
      )
      expect(v3.createRequest({ type: 'x', endpoint: '/v3/generation/image-to-splat' }, { jobId: 'j' })).toMatchObject({
        url: 'https://openapi.tripo3d.ai/v3/generation/image-to-splat',
        body: {},
      })
      expect(thrown(() => v3.createRequest({ type: 'render_video' }, { jobId: 'j' })).kind).toBe('invalid-input')
      expect(v3.statusRequest({ id: 't1' }).url).toBe('https://openapi.tripo3d.ai/v3/tasks/t1')
    })

    it('reads the create answer of either version', () => {
      expect(v2.parseCreate(res({ code: 0, data: { task_id: 't1' } }), { type: 'text_to_model', model_version: 'v2.5' })).toMatchObject({
        id: 't1',
        state: 'queued',
        type: 'text_to_model',
        model: 'v2.5',
      })
      const created = v3.parseCreate(res({ code: 0, status: 'success', data: { task_id: 't2', type: 'text_to_model', status: 'queued' } }), {
        type: 'text_to_model',
      })
      expect(created).toMatchObject({ id: 't2', state: 'queued', rawStatus: 'queued' })
    })

    it('has no cancel', () => {
      expect(v2.cancel).toBeUndefined()
      expect(v3.cancel).toBeUndefined()
    })
  })

  describe('status', () => {
    it('maps all eight statuses', () => {
      const states = ['queued', 'running', 'success', 'failed', 'banned', 'expired', 'cancelled', 'unknown'].map(
        (status) => read({ status, output: { model: 'https://cdn.example.com/m.glb' } }).state,
      )
      expect(states).toEqual(['queued', 'running', 'succeeded', 'failed', 'blocked', 'expired', 'cancelled', 'unknown'])
      expect(read({ status: 'paused' })).toMatchObject({ state: 'unknown', rawStatus: 'paused' })
    })

    it('reads queue position (-1 = not queued) and remaining time (-1 = finalized)', () => {
      expect(read({ status: 'queued', progress: 0, queuing_num: 3, running_left_time: -1 })).toMatchObject({
        state: 'queued',
        progress: 0,
        queuePosition: 4,
      })
      const running = read({ status: 'running', progress: 40, queuing_num: -1, running_left_time: 12 })
      expect(running).toMatchObject({ progress: 40, etaMs: 12_000 })
      expect(running.queuePosition).toBeUndefined()
      expect(read({ status: 'running', queuing_num: 0 }).queuePosition).toBe(1)
      expect(read({ status: 'running', running_left_time: -1 }).etaMs).toBeUndefined()
    })

    it('trusts progress only in queued, running and success', () => {
      expect(read({ status: 'failed', progress: 37 }).progress).toBeUndefined()
      expect(read({ status: 'banned', progress: 12 }).progress).toBeUndefined()
      expect(read({ status: 'success', progress: 99, output: { model: 'https://cdn.example.com/m.glb' } }).progress).toBe(100)
    })

    it('gives every result URL an expiry five minutes after the answer', () => {
      const task = read({ status: 'success', output: { model: 'https://cdn.example.com/m.glb', rendered_image: 'https://cdn.example.com/p.webp' } })
      expect(task.assets.map((asset) => asset.expiresAt)).toEqual([NOW + 300_000, NOW + 300_000])
      let clock = NOW
      const ticking = tripo({ now: () => clock })
      clock += 60_000
      const later = ticking.parseStatus(res({ code: 0, data: { task_id: 't', status: 'success', output: { model: 'https://cdn.example.com/m.glb' } } }), { id: 't' })
      expect(later.assets[0]?.expiresAt).toBe(NOW + 360_000)
    })

    it('reads the v2 outputs with their key as role and kind', () => {
      const task = read({
        status: 'success',
        output: {
          model: 'https://cdn.example.com/model.glb',
          base_model: 'https://cdn.example.com/base.glb',
          pbr_model: 'https://cdn.example.com/pbr.glb',
          generated_image: 'https://cdn.example.com/gen.png',
          rendered_image: 'https://cdn.example.com/preview.webp',
        },
      })
      expect(task.assets.map((asset) => [asset.role, asset.kind])).toEqual([
        ['pbr_model', 'model3d'],
        ['model', 'model3d'],
        ['base_model', 'model3d'],
        ['generated_image', 'image'],
        ['rendered_image', 'image'],
      ])
    })

    it('lists the four multiview images in the documented order front, left, back, right', () => {
      const views = {
        right_view_url: 'https://cdn.example.com/r.png',
        back_view_url: 'https://cdn.example.com/b.png',
        front_view_url: 'https://cdn.example.com/f.png',
        left_view_url: 'https://cdn.example.com/l.png',
      }
      const v2Task = read({ status: 'success', type: 'generate_multiview_image', output: { generate_multiview_image: views } })
      expect(v2Task.assets.map((asset) => [asset.role, asset.kind, asset.url])).toEqual([
        ['front', 'image', 'https://cdn.example.com/f.png'],
        ['left', 'image', 'https://cdn.example.com/l.png'],
        ['back', 'image', 'https://cdn.example.com/b.png'],
        ['right', 'image', 'https://cdn.example.com/r.png'],
      ])
      // v3 keeps the view keys, directly in `output`.
      expect(read({ status: 'success', output: views }, v3).assets.map((asset) => asset.role)).toEqual(['front', 'left', 'back', 'right'])
    })

    it('reads the top-level fields of the captured v2 running answer', () => {
      const task = read({
        status: 'running',
        pbr_model: 'https://tripo-data.cdn.bcebos.com/x/tripo_pbr_model.glb?auth_key=k',
        rendered_sequence: 'https://tripo-data.cdn.bcebos.com/x/composite_spin_frame.webp?auth_key=k',
      })
      expect(task.assets.map((asset) => [asset.role, asset.kind])).toEqual([
        ['pbr_model', 'model3d'],
        ['rendered_sequence', 'image'],
      ])
    })

    it('reads the v3 shape whichever version the adapter was made for', () => {
      const body = {
        code: 0,
        status: 'success',
        data: {
          task_id: 'task_xyz',
          type: 'text_to_model',
          status: 'success',
          progress: 100,
          output: { model_url: 'https://cdn.example.com/x.glb', rendered_image_url: 'https://cdn.example.com/x.jpg', pbr_model_url: 'https://cdn.example.com/pbr.glb' },
          credits_consumed: 48.5,
          created_at: '2026-04-28T12:00:00Z',
          completed_at: '2026-04-28T12:01:05Z',
        },
      }
      for (const adapter of [v2, v3]) {
        const task = adapter.parseStatus(res(body), { id: 'task_xyz' })
        expect(task).toMatchObject({
          state: 'succeeded',
          createdAt: Date.UTC(2026, 3, 28, 12, 0, 0),
          finishedAt: Date.UTC(2026, 3, 28, 12, 1, 5),
          billing: { credits: 48.5 },
        })
        expect(task.assets.map((asset) => asset.role)).toEqual(['pbr_model', 'model', 'rendered_image'])
      }
      expect(read({ status: 'running', create_time: 1730099666, consumed_credit: 0 }, v3)).toMatchObject({
        createdAt: 1_730_099_666_000,
        billing: { credits: 0 },
      })
    })

    it('reads v3 `failed` + error_code 2008 as blocked and 2018 as expired', () => {
      expect(read({ status: 'failed', error_code: 2008, error_message: 'Content policy' })).toMatchObject({
        state: 'blocked',
        error: { code: '2008', message: 'Content policy' },
      })
      expect(read({ status: 'failed', error_code: 2018 })).toMatchObject({ state: 'expired', error: { code: '2018', message: 'Task expired' } })
    })

    it('reads both spellings of the error message', () => {
      expect(read({ status: 'failed', error_msg: 'from error_msg' }).error).toEqual({ message: 'from error_msg' })
      expect(read({ status: 'failed', error_message: 'from error_message', error_code: 1001 }).error).toEqual({
        code: '1001',
        message: 'from error_message',
      })
      expect(read({ status: 'banned' }).error?.message).toMatch(/content policy/)
      expect(read({ status: 'running', error_msg: 'stale' }).error).toBeUndefined()
    })

    it('fails a success without output, but not a rig check that answers with flags', () => {
      expect(read({ status: 'success', output: {} })).toMatchObject({
        state: 'failed',
        error: { code: 'missing_output', message: 'Final media URL missing' },
      })
      expect(read({ status: 'success', output: { model: 'javascript:alert(1)' } }).state).toBe('failed')
      expect(read({ status: 'success', type: 'animate_prerigcheck', output: { riggable: true, rig_type: 'biped' } })).toMatchObject({
        state: 'succeeded',
        assets: [],
      })
    })

    it('drops javascript: URLs', () => {
      const task = read({ status: 'success', output: { model: 'javascript:alert(1)', rendered_image: 'https://cdn.example.com/ok.webp' } })
      expect(task.assets.map((asset) => asset.url)).toEqual(['https://cdn.example.com/ok.webp'])
    })
  })

  describe('errors', () => {
    const error = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
      thrown(() => v2.parseStatus(res(body, status, headers), { id: 't1' }))

    it('reads an envelope with code != 0 as a provider error, with its suggestion', () => {
      expect(error({ code: 2010, message: 'Insufficient credits', suggestion: 'Please top up your account' })).toMatchObject({
        kind: 'provider',
        code: '2010',
        message: 'Insufficient credits',
        suggestion: 'Please top up your account',
        retryable: false,
      })
      // "2010 (insufficient credit [HTTP 403])" is not a key problem.
      expect(error({ code: 2010, message: 'Insufficient credits' }, 403).kind).toBe('provider')
    })

    it('reads "task not found" as not-found, whatever the code', () => {
      expect(error({ code: 2001, message: 'task not found' }, 404).kind).toBe('not-found')
      expect(error({ code: 2001, message: 'Task does not exist' }).kind).toBe('not-found')
      expect(error({ code: 1004, message: 'The task not found with this key' }).kind).toBe('not-found')
    })

    it('maps auth, rate limits and server errors', () => {
      expect(error({ code: 2, message: 'Unauthorized' }, 401).kind).toBe('auth')
      expect(error({}, 403).kind).toBe('auth')
      expect(error({ code: 1007, message: 'Too many requests' })).toMatchObject({ kind: 'rate-limited', retryable: true })
      expect(error({ code: 2000, message: 'concurrency' }, 429, { 'retry-after': '3' })).toMatchObject({ kind: 'rate-limited', retryAfterMs: 3000 })
      expect(error({ code: 1000, message: 'Server error' })).toMatchObject({ kind: 'http', retryable: true })
      expect(error('<html>', 502)).toMatchObject({ kind: 'http', retryable: true })
    })

    it('reads malformed bodies as parse errors', () => {
      for (const body of [null, 'x', [], {}, { code: 0 }, { code: 0, data: [] }, { code: 0, data: { status: 'running' } }]) {
        expect(error(body).kind).toBe('parse')
      }
    })
  })

  describe('batch', () => {
    it('exists on v3 only: POST /v3/tasks/list {task_ids}', () => {
      expect(v2.batch).toBeUndefined()
      expect(v3.batch?.maxIds).toBe(100)
      expect(v3.batch?.request(['a', 'b'])).toMatchObject({
        method: 'POST',
        url: 'https://openapi.tripo3d.ai/v3/tasks/list',
        body: { task_ids: ['a', 'b'] },
      })
    })

    it('reads the list as an array or as an id -> task map, skipping unreadable entries', () => {
      const asArray = v3.batch!.parse(res({ code: 0, data: { tasks: [{ task_id: 'a', status: 'running' }, 'junk', { status: 'queued' }] } }))
      expect(asArray.map((task) => [task.id, task.state])).toEqual([['a', 'running']])
      const asMap = v3.batch!.parse(
        res({ code: 0, data: { tasks: { a: { status: 'queued' }, b: { task_id: 'b', status: 'running' } }, missed: ['c'] } }),
      )
      expect(asMap.map((task) => [task.id, task.state])).toEqual([
        ['a', 'queued'],
        ['b', 'running'],
      ])
      expect(asMap[0]?.raw).toEqual({ status: 'queued' })
      expect(thrown(() => v3.batch!.parse(res({ code: 1004, message: 'bad ids' }))).kind).toBe('provider')
    })
  })

  it('polls about every 2 s (SDK default), up to 5 s (the v3 guide: "2–5 s is a good range")', () => {
    expect(v2.pollBounds).toEqual({ minMs: 2000, initialMs: 2000, maxMs: 5000 })
  })
})
