import type { Meta, StoryObj } from '@storybook/react-vite'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import {
  createTaskClient,
  newApi,
  qingbo,
  TaskKitProvider,
  tokenlab,
  tripo,
  useSubmitTask,
  type TaskAdapter,
} from '@taskkit/hooks'
import { DEFAULT_BASE_URLS } from '@taskkit/testing/msw'
import { useId, useState, type FormEvent } from 'react'
import { expect, waitFor } from 'storybook/test'
import { TaskProgress } from './TaskProgress'
import { TaskResult } from './TaskResult'

/**
 * Whole apps, submit to result: the real adapter and task client, the real hooks, and the
 * Storybook simulator (MSW) answering at the provider's simulated base URL. Nothing is mocked
 * between the Generate button and the media.
 */
const DEMO_KEY = 'sk-storybook-demo'
/** The simulator runs task time 30x faster; poll often so the demo keeps up. */
const FAST_POLL = { minMs: 100, initialMs: 150, maxMs: 400 }
/** Simulator tags: succeed, no queue, one (simulated) second of work. */
const SIM_TAGS = '[sim:outcome=success,queue=0,run=1s]'
const RESULT_TIMEOUT_MS = 30_000

type Input = Record<string, unknown>
type ProviderName = keyof typeof DEFAULT_BASE_URLS

interface ProviderDemo {
  title: string
  adapter: () => TaskAdapter<Input>
  input: (prompt: string) => Input
  defaultPrompt: string
}

const DEMOS: Record<ProviderName, ProviderDemo> = {
  tokenlab: {
    title: 'TokenLab image',
    adapter: () => tokenlab({ baseUrl: DEFAULT_BASE_URLS.tokenlab, pollBounds: FAST_POLL }) as TaskAdapter<Input>,
    input: (prompt) => ({ endpoint: '/v1/images/generations', model: 'image-gen-1', prompt }),
    defaultPrompt: 'a red fox in the snow',
  },
  tripo: {
    title: 'Tripo 3D model',
    adapter: () => tripo({ baseUrl: DEFAULT_BASE_URLS.tripo, pollBounds: FAST_POLL }) as TaskAdapter<Input>,
    input: (prompt) => ({ type: 'text_to_model', prompt }),
    defaultPrompt: 'a ceramic teapot',
  },
  qingbo: {
    title: 'Qingbo image',
    adapter: () => qingbo({ baseUrl: DEFAULT_BASE_URLS.qingbo, pollBounds: FAST_POLL }) as TaskAdapter<Input>,
    input: (prompt) => ({ model: 'flux-pro', action: 'generate', prompt }),
    defaultPrompt: 'a lighthouse at dusk',
  },
  newapi: {
    title: 'new-api video',
    adapter: () => newApi({ baseUrl: DEFAULT_BASE_URLS.newapi, pollBounds: FAST_POLL }) as TaskAdapter<Input>,
    input: (prompt) => ({ endpoint: '/v1/video/generations', model: 'kling-v1', prompt }),
    defaultPrompt: 'waves on a pebble beach',
  },
}

const fieldStyle = {
  padding: 'var(--tk-space-1) var(--tk-space-2)',
  border: '1px solid var(--tk-color-border)',
  borderRadius: 'var(--tk-radius)',
  background: 'var(--tk-color-bg)',
  color: 'var(--tk-color-fg)',
  font: 'inherit',
} as const

function GenerateForm({ demo }: { demo: ProviderDemo }) {
  const { submit, task, isPending, error } = useSubmitTask<Input>()
  const [prompt, setPrompt] = useState(demo.defaultPrompt)
  const promptId = useId()

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    // The simulator reads its behaviour from tags in the prompt.
    submit(demo.input(`${prompt} ${SIM_TAGS}`)).catch(() => {
      // Shown through `error` below.
    })
  }

  return (
    <div style={{ display: 'grid', gap: 12, color: 'var(--tk-color-fg)', fontFamily: 'var(--tk-font-family)' }}>
      <form onSubmit={onSubmit} style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'end' }}>
        <div style={{ display: 'grid', gap: 4, flex: '1 1 14rem' }}>
          <label htmlFor={promptId}>Prompt</label>
          <input id={promptId} value={prompt} onChange={(event) => setPrompt(event.target.value)} style={fieldStyle} />
        </div>
        <button type="submit" disabled={isPending} style={{ ...fieldStyle, background: 'var(--tk-color-button-bg)', cursor: 'pointer' }}>
          {isPending ? 'Submitting…' : 'Generate'}
        </button>
      </form>
      {error ? (
        <p role="alert" style={{ margin: 0, color: 'var(--tk-color-danger)' }}>
          {error.message}
        </p>
      ) : null}
      {task ? (
        <>
          <TaskProgress taskId={task.id} />
          <TaskResult taskId={task.id} />
        </>
      ) : null}
    </div>
  )
}

/** What a host app does once: its QueryClient, a task client for its provider, the provider. */
function LiveApp({ provider }: { provider: ProviderName }) {
  const demo = DEMOS[provider]
  const [queryClient] = useState(() => new QueryClient())
  const [client] = useState(() =>
    createTaskClient<Input>({
      adapter: demo.adapter(),
      // Demo tasks live in memory only; one poller per story (no cross-tab coordination).
      storage: null,
      crossTab: false,
      headers: () => ({ Authorization: `Bearer ${DEMO_KEY}` }),
    }),
  )
  return (
    <QueryClientProvider client={queryClient}>
      <TaskKitProvider client={client}>
        <section aria-label={demo.title} style={{ maxWidth: 560, padding: 16 }}>
          <GenerateForm demo={demo} />
        </section>
      </TaskKitProvider>
    </QueryClientProvider>
  )
}

const meta = {
  title: 'Live/Submit to result',
  component: LiveApp,
  args: { provider: 'tokenlab' },
  argTypes: { provider: { control: 'select', options: Object.keys(DEMOS) } },
} satisfies Meta<typeof LiveApp>

export default meta
type Story = StoryObj<typeof meta>

type PlayContext = Parameters<NonNullable<Story['play']>>[0]

async function generateAndWait({ canvas, canvasElement, userEvent }: PlayContext): Promise<void> {
  await userEvent.click(canvas.getByRole('button', { name: 'Generate' }))
  await waitFor(() => expect(canvasElement.querySelector('.tk-result[data-status="succeeded"]')).not.toBeNull(), {
    timeout: RESULT_TIMEOUT_MS,
  })
  await expect(canvasElement.querySelector('.tk-progress')).toHaveAttribute('data-status', 'succeeded')
  await expect(canvas.queryByRole('alert')).toBeNull()
}

export const TokenLab: Story = {
  name: 'TokenLab',
  args: { provider: 'tokenlab' },
  play: async (context) => {
    await generateAndWait(context)
    await expect(await context.canvas.findByRole('img', { name: 'Generated image 1' })).toBeVisible()
  },
}

export const Tripo: Story = {
  args: { provider: 'tripo' },
  play: generateAndWait,
}

export const Qingbo: Story = {
  args: { provider: 'qingbo' },
  play: generateAndWait,
}

export const NewApi: Story = {
  name: 'new-api',
  args: { provider: 'newapi' },
  play: async (context) => {
    await generateAndWait(context)
    await expect(context.canvasElement.querySelector('video')).not.toBeNull()
  },
}

export const NewApiDark: Story = {
  name: 'new-api, dark theme',
  globals: { theme: 'dark' },
  args: { provider: 'newapi' },
  play: async (context) => {
    await expect(document.documentElement).toHaveAttribute('data-theme', 'dark')
    await generateAndWait(context)
  },
}
