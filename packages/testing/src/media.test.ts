import { describe, expect, it } from 'vitest'
import { createManualClock } from './clock'
import { MEDIA_FILES } from './media/files.generated'
import { createSimulator } from './simulator'
import { call, field } from './testSupport/call'

function decode(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))
}

async function finishedTask(provider: 'tokenlab' | 'qingbo', body: Record<string, unknown>, path: string) {
  const clock = createManualClock()
  const sim = createSimulator({ provider, clock })
  const created = await call(sim, 'POST', path, { body })
  clock.advance(60_000)
  return { sim, clock, json: created.json }
}

describe('media', () => {
  it.each([
    ['/v1/images/generations', 'image.png'],
    ['/v1/videos/generations', 'video.mp4'],
    ['/v1/music/generations', 'audio.m4a'],
    ['/v1/3d/generations', 'model.glb'],
  ] as const)('serves the real %s result bytes with Content-Type and Content-Length', async (path, file) => {
    const { sim, json } = await finishedTask('tokenlab', { model: 'm', prompt: '[sim:queue=0,run=1s]' }, path)
    const status = (await call(sim, 'GET', `/v1/tasks/${String(field(json, 'id'))}`)).json as Record<string, unknown>
    const url = String(status.image_url ?? status.video_url ?? status.audio_url ?? status.glb_url)
    expect(url.startsWith(`${sim.baseUrl}/media/`)).toBe(true)
    const media = await call(sim, 'GET', url.slice(sim.baseUrl.length), { key: null })
    expect(media.status).toBe(200)
    expect(media.headers['content-type']).toBe(MEDIA_FILES[file].contentType)
    const expected = decode(MEDIA_FILES[file].base64)
    expect(media.headers['content-length']).toBe(String(expected.length))
    expect(media.raw.body).toEqual(expected)
    expect(sim.requests.at(-1)).toMatchObject({ kind: 'media', status: 200 })
  })

  it('answers byte ranges with 206 and HEAD without a body', async () => {
    const { sim, json } = await finishedTask('qingbo', { model: 'veo3', prompt: '[sim:queue=0,run=1s]' }, '/v1/tasks')
    const path = `/media/${String(field(json, 'task_id'))}/video.mp4`
    const whole = decode(MEDIA_FILES['video.mp4'].base64)
    const range = await call(sim, 'GET', path, { key: null, headers: { range: 'bytes=0-99' } })
    expect(range.status).toBe(206)
    expect(range.headers['content-range']).toBe(`bytes 0-99/${whole.length}`)
    expect(range.raw.body).toEqual(whole.subarray(0, 100))
    const head = await call(sim, 'HEAD', path, { key: null })
    expect(head).toMatchObject({ status: 200, raw: { body: null } })
    expect(head.headers['content-length']).toBe(String(whole.length))
  })

  it('has no media for unknown, unfinished or failed tasks', async () => {
    const clock = createManualClock()
    const sim = createSimulator({ provider: 'tokenlab', clock })
    const running = await call(sim, 'POST', '/v1/videos/generations', { body: { model: 'm', prompt: '[sim:queue=0,run=10s]' } })
    const failed = await call(sim, 'POST', '/v1/videos/generations', { body: { model: 'm', prompt: '[sim:outcome=failure,queue=0,run=1s]' } })
    clock.advance(2_000)
    for (const id of [String(field(running.json, 'id')), String(field(failed.json, 'id')), 'ldtask_missing']) {
      expect((await call(sim, 'GET', `/media/${id}/video.mp4`, { key: null })).status).toBe(404)
    }
  })
})
