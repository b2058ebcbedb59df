import type { Meta, StoryObj } from '@storybook/react-vite'
import { isTerminalState, tokenlab, tripo, type AdapterRequest, type AdapterResponse, type Task, type TaskAdapter } from '@taskkit/hooks'
import { DEFAULT_BASE_URLS } from '@taskkit/testing/msw'
import { useCallback, useEffect, useRef, useState } from 'react'
import { expect, fn, spyOn, waitFor, within } from 'storybook/test'
import { fixtureFailedTask, fixtureResultTask } from './fixtures'
import { TaskResult, TaskResultView } from './TaskResult'

/**
 * Media stories create a real task in the Storybook simulator (MSW), wait for it with the real
 * adapter and show its result: the media URLs are the simulator's own `/media/...` routes.
 */
const SIM_TAGS = '[sim:outcome=success,queue=0,run=1s]'
const SIM_KEY = 'sk-storybook'
const TERMINAL_TIMEOUT_MS = 20_000

async function send(adapter: TaskAdapter, request: AdapterRequest): Promise<AdapterResponse> {
  const url = /^https?:/.test(request.url) ? request.url : `${adapter.baseUrl}${request.url}`
  const response = await fetch(url, {
    method: request.method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${SIM_KEY}`, ...request.headers },
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
  })
  const text = await response.text()
  return { status: response.status, headers: Object.fromEntries(response.headers.entries()), body: text ? (JSON.parse(text) as unknown) : undefined }
}

async function fetchStatus(adapter: TaskAdapter, task: Task): Promise<Task> {
  const ref = { id: task.id, pollUrl: task.pollUrl }
  return adapter.parseStatus(await send(adapter, adapter.statusRequest(ref)), ref)
}

async function runToEnd<T>(adapter: TaskAdapter<T>, input: T): Promise<Task> {
  let task = adapter.parseCreate(await send(adapter as TaskAdapter, adapter.createRequest(input, { jobId: 'story' })), input)
  const deadline = Date.now() + TERMINAL_TIMEOUT_MS
  while (!isTerminalState(task.state) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 150))
    task = await fetchStatus(adapter as TaskAdapter, task)
  }
  return task
}

type SimKind = 'image' | 'video' | 'audio' | 'model3d' | 'multiview'

function startSimulatedTask(kind: SimKind): { adapter: TaskAdapter; run: () => Promise<Task> } {
  if (kind === 'multiview') {
    const adapter = tripo({ baseUrl: DEFAULT_BASE_URLS.tripo })
    return { adapter: adapter as TaskAdapter, run: () => runToEnd(adapter, { type: 'generate_multiview_image', prompt: `a ceramic teapot ${SIM_TAGS}` }) }
  }
  const adapter = tokenlab({ baseUrl: DEFAULT_BASE_URLS.tokenlab })
  const routes: Record<Exclude<SimKind, 'multiview'>, [string, string]> = {
    image: ['/v1/images/generations', 'image-gen-1'],
    video: ['/v1/videos/generations', 'video-gen-2'],
    audio: ['/v1/music/generations', 'music-gen-1'],
    model3d: ['/v1/3d/generations', 'mesh-gen-1'],
  }
  const [endpoint, model] = routes[kind]
  return { adapter: adapter as TaskAdapter, run: () => runToEnd(adapter, { endpoint, model, prompt: `a red fox in the snow [sim:kind=${kind},outcome=success,queue=0,run=1s]` }) }
}

/** Creates the task once, then shows its result; refresh re-reads the task's status. */
function SimulatedResult({ kind, onRefresh }: { kind: SimKind; onRefresh?: () => void }) {
  const [task, setTask] = useState<Task>()
  const sim = useRef<ReturnType<typeof startSimulatedTask> | undefined>(undefined)
  useEffect(() => {
    let active = true
    const started = startSimulatedTask(kind)
    sim.current = started
    started.run().then(
      (next) => {
        if (active) setTask(next)
      },
      (error: unknown) => console.error(error),
    )
    return () => {
      active = false
    }
  }, [kind])
  const refresh = useCallback(() => {
    onRefresh?.()
    const current = sim.current
    if (!current || !task) return
    fetchStatus(current.adapter, task).then(setTask, (error: unknown) => console.error(error))
  }, [onRefresh, task])
  return <TaskResultView task={task} onRefresh={refresh} />
}

const meta = {
  title: 'Components/TaskResult',
  component: TaskResult,
  args: { task: fixtureResultTask(), onRefresh: fn() },
  argTypes: { task: { control: 'object' } },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 520, padding: 16 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof TaskResult>

export default meta
type Story = StoryObj<typeof meta>

async function loaded(element: HTMLImageElement | HTMLMediaElement | null): Promise<void> {
  await waitFor(
    () => {
      expect(element).not.toBeNull()
      if (element instanceof HTMLImageElement) expect(element.complete && element.naturalWidth > 0).toBe(true)
      else expect(element?.readyState).toBeGreaterThan(0)
    },
    { timeout: TERMINAL_TIMEOUT_MS },
  )
}

export const Image: Story = {
  render: (args) => <SimulatedResult kind="image" onRefresh={args.onRefresh} />,
  play: async ({ canvas, userEvent, args }) => {
    const image = await canvas.findByRole('img', { name: 'Generated image 1' }, { timeout: TERMINAL_TIMEOUT_MS })
    await expect(image.getAttribute('src')).toMatch(/^https:\/\/tokenlab\.sim\.taskkit\.test\/media\/.+\/image\.png$/)
    await loaded(image as HTMLImageElement)
    await userEvent.click(canvas.getByRole('button', { name: /View larger/ }))
    const body = within(document.body)
    const dialog = await body.findByRole('dialog', { name: 'Generated image 1' })
    await expect(dialog).toBeVisible()
    await userEvent.keyboard('{Escape}')
    await waitFor(() => expect(body.queryByRole('dialog')).toBeNull())
    await expect(args.onRefresh).not.toHaveBeenCalled()
  },
}

export const Video: Story = {
  render: () => <SimulatedResult kind="video" />,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelector('video')).not.toBeNull(), { timeout: TERMINAL_TIMEOUT_MS })
    const video = canvasElement.querySelector('video')
    await expect(video).toHaveAttribute('controls')
    await expect(video?.getAttribute('src')).toMatch(/\/video\.mp4$/)
    await loaded(video)
  },
}

export const Audio: Story = {
  render: () => <SimulatedResult kind="audio" />,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelector('audio')).not.toBeNull(), { timeout: TERMINAL_TIMEOUT_MS })
    const audio = canvasElement.querySelector('audio')
    await expect(audio).toHaveAttribute('controls')
    await loaded(audio)
  },
}

export const Model3D: Story = {
  name: '3D model',
  render: () => <SimulatedResult kind="model3d" />,
  play: async ({ canvasElement }) => {
    // Headless Chromium may lack WebGL: only check that <model-viewer> is there with the GLB.
    await waitFor(() => expect(canvasElement.querySelector('model-viewer')).not.toBeNull(), { timeout: TERMINAL_TIMEOUT_MS })
    // React 19 sets `src` as a property on the defined custom element.
    const viewer = canvasElement.querySelector<HTMLElement & { src?: string }>('model-viewer')
    await expect(viewer?.src ?? viewer?.getAttribute('src')).toMatch(/\/model\.glb$/)
    await expect(viewer).toHaveAttribute('camera-controls')
  },
}

export const TripoMultiview: Story = {
  name: 'Tripo multiview grid',
  render: () => <SimulatedResult kind="multiview" />,
  play: async ({ canvas }) => {
    const grid = await canvas.findByRole('group', { name: 'Multiview' }, { timeout: TERMINAL_TIMEOUT_MS })
    const captions = [...grid.querySelectorAll('figcaption')].map((caption) => caption.textContent)
    await expect(captions).toEqual(['Front', 'Left', 'Back', 'Right'])
    await loaded(canvas.getByRole('img', { name: 'Back view' }) as HTMLImageElement)
  },
}

export const FileDownload: Story = {
  name: 'File download',
  args: { task: fixtureResultTask({ assets: [{ kind: 'file', url: `${DEFAULT_BASE_URLS.tokenlab}/media/task_01/model.fbx` }] }) },
  play: async ({ canvas }) => {
    const link = canvas.getByRole('link', { name: 'Download model.fbx' })
    await expect(link).toHaveAttribute('download')
    await expect(link.getAttribute('href')).toMatch(/^https:/)
  },
}

export const FailedWithSupportInfo: Story = {
  name: 'Failed with support info',
  args: { task: fixtureFailedTask() },
  beforeEach: () => {
    if (!navigator.clipboard) return
    const spy = spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined)
    return () => spy.mockRestore()
  },
  play: async ({ canvas, canvasElement, userEvent }) => {
    await expect(canvasElement.querySelector('[data-status="failed"]')).not.toBeNull()
    await expect(canvas.getByText('The model ran out of memory.')).toBeVisible()
    await expect(canvas.getByText('(task_failed)')).toBeVisible()
    await userEvent.click(canvas.getByRole('button', { name: 'Copy support info' }))
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent(/Copied|Copy the support info below/))
    if (navigator.clipboard) {
      await expect(navigator.clipboard.writeText).toHaveBeenCalledWith(expect.stringContaining('Task ID: task_01'))
      await expect(navigator.clipboard.writeText).toHaveBeenCalledWith(expect.not.stringMatching(/https?:/))
    }
  },
}

export const Blocked: Story = {
  args: {
    task: fixtureFailedTask({ state: 'blocked', rawStatus: 'banned', error: { code: 'SAFETY.INPUT.TEXT', message: 'The prompt was blocked by moderation.' } }),
  },
  play: async ({ canvas, canvasElement }) => {
    await expect(canvasElement.querySelector('[data-status="blocked"]')).not.toBeNull()
    await expect(canvas.getByText('The prompt was blocked by moderation.')).toBeVisible()
    await expect(canvas.getByRole('button', { name: 'Copy support info' })).toBeVisible()
  },
}

/** The link answers 404, and so does the one the refresh brings: after one refresh, "Link expired". */
function ExpiringLink({ onRefresh }: { onRefresh?: () => void }) {
  const [attempt, setAttempt] = useState(1)
  const task = fixtureResultTask({
    assets: [{ kind: 'image', url: `${DEFAULT_BASE_URLS.tokenlab}/media/gone/image.png?attempt=${attempt}` }],
  })
  return (
    <TaskResultView
      task={task}
      onRefresh={() => {
        onRefresh?.()
        setAttempt((n) => n + 1)
      }}
    />
  )
}

export const ExpiredLink: Story = {
  name: 'Expired link (with refresh)',
  render: (args) => <ExpiringLink onRefresh={args.onRefresh} />,
  play: async ({ canvas, args, userEvent }) => {
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('Link expired'), { timeout: 10_000 })
    await expect(args.onRefresh).toHaveBeenCalledTimes(1)
    await userEvent.click(canvas.getByRole('button', { name: 'Refresh link' }))
    await expect(args.onRefresh).toHaveBeenCalledTimes(2)
  },
}

export const JavascriptUrlNotRendered: Story = {
  name: 'javascript: URL not rendered',
  args: {
    task: fixtureResultTask({
      assets: [
        { kind: 'image', url: 'javascript:alert(document.domain)' },
        { kind: 'video', url: 'data:text/html,<script>alert(1)</script>' },
        { kind: 'file', url: `${DEFAULT_BASE_URLS.tokenlab}/media/task_01/model.fbx` },
      ],
    }),
  },
  play: async ({ canvas, canvasElement }) => {
    await expect(canvasElement.innerHTML).not.toMatch(/javascript:|data:/i)
    await expect(canvas.queryByRole('img')).toBeNull()
    await expect(canvasElement.querySelector('video')).toBeNull()
    await expect(canvas.getByRole('link', { name: 'Download model.fbx' })).toBeVisible()
  },
}

export const CompletedWithoutOutput: Story = {
  name: 'Completed without usable output',
  args: { task: fixtureResultTask({ assets: [{ kind: 'image', url: 'javascript:void(0)' }] }) },
  play: async ({ canvas, canvasElement }) => {
    await expect(canvas.getByText('Final media URL missing')).toBeVisible()
    await expect(canvasElement.querySelector('[data-outcome="missing-output"]')).not.toBeNull()
  },
}

export const NotReady: Story = {
  name: 'Not ready',
  args: { task: fixtureResultTask({ state: 'running', rawStatus: 'processing', assets: [] }) },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent('Result not ready')
  },
}

export const DarkTheme: Story = {
  name: 'Dark theme',
  globals: { theme: 'dark' },
  render: () => (
    <div style={{ display: 'grid', gap: 16 }}>
      <SimulatedResult kind="image" />
      <TaskResultView task={fixtureFailedTask()} />
    </div>
  ),
  play: async ({ canvas }) => {
    await expect(document.documentElement).toHaveAttribute('data-theme', 'dark')
    await loaded((await canvas.findByRole('img', {}, { timeout: TERMINAL_TIMEOUT_MS })) as HTMLImageElement)
    await expect(canvas.getByText('The model ran out of memory.')).toBeVisible()
  },
}
