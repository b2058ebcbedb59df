import { beforeAll, describe, expect, inject, it, vi } from 'vitest'
import { render } from 'vitest-browser-react'
import type { Task, TaskAsset } from '@taskkit/hooks'
import { TaskResultView } from './index'
import { fixtureResultTask } from './fixtures'

// Real Chromium against the simulator's real HTTP server (started by test/simulatorGlobalSetup.ts):
// the media below are real PNG / WebM / Ogg / GLB bytes that the browser has to decode.

const simulatorUrl = inject('simulatorUrl')
const tokenlab = `${simulatorUrl}/tokenlab`
const auth = { Authorization: 'Bearer sk-browser' }

/** Creates a TokenLab image task that finishes at once and polls it to `completed`; returns its media base URL. */
async function createCompletedTask(): Promise<{ id: string; imageUrl: string; mediaBase: string }> {
  const created = await fetch(`${tokenlab}/v1/images/generations`, {
    method: 'POST',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-image-1', prompt: 'x [sim:queue=0,run=1s]' }),
  })
  expect(created.status).toBe(200)
  const { id } = (await created.json()) as { id: string }
  const deadline = Date.now() + 15_000
  for (;;) {
    const answer = await fetch(`${tokenlab}/v1/tasks/${id}`, { headers: auth })
    expect(answer.status).toBe(200)
    const body = (await answer.json()) as { status: string; image_url?: string }
    if (body.status === 'completed') {
      expect(body.image_url).toMatch(/\/media\/.+\/image\.png$/)
      const imageUrl = body.image_url as string
      return { id, imageUrl, mediaBase: imageUrl.slice(0, imageUrl.lastIndexOf('/')) }
    }
    expect(body.status).not.toBe('failed')
    if (Date.now() > deadline) throw new Error(`task ${id} still ${body.status}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

function resultTask(id: string, assets: TaskAsset[]): Task {
  return fixtureResultTask({ id, assets })
}

function imageIn(container: HTMLElement): HTMLImageElement {
  const img = container.querySelector<HTMLImageElement>('img.tk-result__media')
  if (!img) throw new Error('no result image')
  return img
}

function decoded(img: HTMLImageElement): boolean {
  return img.complete && img.naturalWidth > 0
}

function webglAvailable(): boolean {
  const canvas = document.createElement('canvas')
  return !!(canvas.getContext('webgl2') ?? canvas.getContext('webgl'))
}

let task: { id: string; imageUrl: string; mediaBase: string }

beforeAll(async () => {
  task = await createCompletedTask()
})

describe('TaskResultView in Chromium', () => {
  it('decodes the image and loads video and audio metadata from the simulator', async () => {
    const videoUrl = `${task.mediaBase}/video.webm`
    const audioUrl = `${task.mediaBase}/audio.ogg`
    const screen = await render(
      <TaskResultView
        task={resultTask(task.id, [
          { kind: 'image', url: task.imageUrl },
          { kind: 'video', url: videoUrl },
          { kind: 'audio', url: audioUrl },
        ])}
      />,
    )
    const img = imageIn(screen.container)
    expect(img.getAttribute('src')).toBe(task.imageUrl)
    await expect.poll(() => decoded(img), { timeout: 10_000 }).toBe(true)
    expect(img.naturalWidth).toBe(512)
    expect(img.naturalHeight).toBe(512)

    const video = screen.container.querySelector('video')
    expect(video?.getAttribute('src')).toBe(videoUrl)
    await expect.poll(() => video?.readyState ?? 0, { timeout: 10_000 }).toBeGreaterThanOrEqual(HTMLMediaElement.HAVE_METADATA)
    expect(video?.error).toBeNull()
    expect(video?.duration).toBeGreaterThan(1.5)
    expect(video?.duration).toBeLessThan(2.5)
    expect(video?.videoWidth).toBe(320)

    const audio = screen.container.querySelector('audio')
    expect(audio?.getAttribute('src')).toBe(audioUrl)
    await expect.poll(() => audio?.readyState ?? 0, { timeout: 10_000 }).toBeGreaterThanOrEqual(HTMLMediaElement.HAVE_METADATA)
    expect(audio?.error).toBeNull()
    expect(audio?.duration).toBeGreaterThan(1.5)
    expect(audio?.duration).toBeLessThan(2.5)
  })

  it('lazily defines <model-viewer> for a GLB and points it at the model', async () => {
    const modelUrl = `${task.mediaBase}/model.glb`
    const screen = await render(<TaskResultView task={resultTask(task.id, [{ kind: 'model3d', url: modelUrl }])} />)
    await expect.poll(() => customElements.get('model-viewer'), { timeout: 20_000 }).toBeDefined()
    await expect.poll(() => screen.container.querySelector('model-viewer'), { timeout: 10_000 }).not.toBeNull()
    const viewer = screen.container.querySelector('model-viewer') as HTMLElement & { src?: string; loaded?: boolean }
    // React 19 sets `src` as a property on a defined custom element (model-viewer does not reflect it).
    expect(viewer.src ?? viewer.getAttribute('src')).toBe(modelUrl)
    expect(viewer).toBeInstanceOf(customElements.get('model-viewer') as CustomElementConstructor)
    if (webglAvailable()) {
      // model-viewer sets `loaded` when it fires `load` for the current src.
      await expect.poll(() => viewer.loaded, { timeout: 15_000 }).toBe(true)
    }
    // else: headless Chromium without WebGL cannot render the model; the element and src are all we can check.
  }, 60_000) // on a cold checkout Vite first bundles model-viewer and three.js for the browser

  it('refreshes once after a real load error and shows the fresh image', async () => {
    const broken = `${task.mediaBase}/missing.png` // the simulator answers 404
    const onRefresh = vi.fn(() => resultTask(task.id, [{ kind: 'image', url: task.imageUrl }]))
    const screen = await render(<TaskResultView task={resultTask(task.id, [{ kind: 'image', url: broken }])} onRefresh={onRefresh} />)
    expect(imageIn(screen.container).getAttribute('src')).toBe(broken)
    await expect.poll(() => onRefresh.mock.calls.length, { timeout: 10_000 }).toBe(1)

    await screen.rerender(<TaskResultView task={onRefresh.mock.results[0]?.value as Task} onRefresh={onRefresh} />)
    const img = imageIn(screen.container)
    expect(img.getAttribute('src')).toBe(task.imageUrl)
    await expect.poll(() => decoded(img), { timeout: 10_000 }).toBe(true)
    expect(onRefresh).toHaveBeenCalledTimes(1)
    expect(screen.container.textContent).not.toContain('Link expired')
  })

  it('shows "Link expired" with "Refresh link" when the refreshed URL fails too', async () => {
    const broken = `${task.mediaBase}/missing.png`
    const stillBroken = `${task.mediaBase}/still-missing.png`
    const tasks = [resultTask(task.id, [{ kind: 'image', url: stillBroken }]), resultTask(task.id, [{ kind: 'image', url: task.imageUrl }])]
    const onRefresh = vi.fn(() => tasks[onRefresh.mock.calls.length - 1] as Task)
    const screen = await render(<TaskResultView task={resultTask(task.id, [{ kind: 'image', url: broken }])} onRefresh={onRefresh} />)
    await expect.poll(() => onRefresh.mock.calls.length, { timeout: 10_000 }).toBe(1)

    await screen.rerender(<TaskResultView task={onRefresh.mock.results[0]?.value as Task} onRefresh={onRefresh} />)
    await expect.element(screen.getByText('Link expired')).toBeVisible()
    const button = screen.getByRole('button', { name: 'Refresh link' })
    await expect.element(button).toBeVisible()
    expect(screen.container.querySelector('img.tk-result__media')).toBeNull()
    // No refresh loop: the second failure did not call onRefresh again.
    expect(onRefresh).toHaveBeenCalledTimes(1)

    await button.click()
    expect(onRefresh).toHaveBeenCalledTimes(2)
    await screen.rerender(<TaskResultView task={onRefresh.mock.results[1]?.value as Task} onRefresh={onRefresh} />)
    const img = imageIn(screen.container)
    await expect.poll(() => decoded(img), { timeout: 10_000 }).toBe(true)
  })
})
