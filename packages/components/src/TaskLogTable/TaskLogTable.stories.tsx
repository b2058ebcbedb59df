import type { Meta, StoryObj } from '@storybook/react-vite'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import {
  createTaskClient,
  newApi,
  TaskKitProvider,
  tokenlab,
  type StorageLike,
  type TaskClient,
  type TaskRecord,
  type TaskState,
} from '@taskkit/hooks'
import { DEFAULT_BASE_URLS } from '@taskkit/testing/msw'
import { useEffect, useState } from 'react'
import { DEMO_HISTORY_SIZE, storybookSimulators } from '../../../../.storybook/simulator'
import { expect, waitFor, within } from 'storybook/test'
import { dataRowsIn, windowOf } from './storyTable'
import { TaskLogTable, type TaskLogTableProps } from './TaskLogTable'

/**
 * The task log on the Storybook simulator: new-api's `/api/task/self` (MSW) with thousands of
 * seeded tasks per key (.storybook/simulator.ts) and the local history of a client whose adapter
 * has no list. The presentational view's states are in TaskLogTableView.stories.tsx.
 */
const LOAD_TIMEOUT_MS = 15_000
const MENU_TIMEOUT_MS = 5_000

/** Choices remembered per story only: stories must not leak a hidden column into each other. */
function memoryStorage(): StorageLike {
  const items = new Map<string, string>()
  return {
    get length() {
      return items.size
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  }
}

interface AppProps extends TaskLogTableProps {
  makeClient: () => TaskClient<never>
}

/** The log as an app mounts it: its own QueryClient, a TaskKitProvider, the hook form. */
function App({ makeClient, ...props }: AppProps) {
  const [setup] = useState(() => ({
    client: makeClient(),
    queryClient: new QueryClient({ defaultOptions: { queries: { retry: false } } }),
    preferences: memoryStorage(),
  }))
  return (
    <QueryClientProvider client={setup.queryClient}>
      <TaskKitProvider client={setup.client}>
        <TaskLogTable preferencesStorage={setup.preferences} {...props} />
      </TaskKitProvider>
    </QueryClientProvider>
  )
}

function newApiClient(key: string | null): TaskClient<never> {
  return createTaskClient({
    adapter: newApi({ baseUrl: DEFAULT_BASE_URLS.newapi }),
    headers: (): Record<string, string> => (key ? { Authorization: `Bearer ${key}` } : {}),
    account: key ?? 'anonymous',
    storage: null,
    crossTab: false,
  }) as TaskClient<never>
}

const LOCAL_STATES: readonly TaskState[] = ['succeeded', 'succeeded', 'failed', 'succeeded', 'cancelled', 'blocked', 'succeeded', 'expired']
const MODELS = ['video-gen-2', 'image-gen-1', 'music-gen-1', 'mesh-gen-1'] as const

/** A client whose adapter (TokenLab) has no history endpoint: the log lists its persisted records. */
function localClient(count: number): () => TaskClient<never> {
  return () => {
    const client = createTaskClient({
      adapter: tokenlab({ baseUrl: DEFAULT_BASE_URLS.tokenlab }),
      account: 'local-demo',
      storage: null,
      crossTab: false,
      ttlMs: 365 * 24 * 60 * 60 * 1000,
    })
    const now = Date.now()
    for (let i = 0; i < count; i++) {
      const state = LOCAL_STATES[i % LOCAL_STATES.length] ?? 'succeeded'
      const submittedAt = now - (i + 1) * 45_000
      const record: TaskRecord = {
        v: 1,
        jobId: `job_${i}`,
        account: 'local-demo',
        provider: 'tokenlab',
        phase: 'created',
        id: `task_local_${String(i).padStart(6, '0')}`,
        model: MODELS[i % MODELS.length],
        type: i % 2 ? 'video' : 'image',
        platform: 'tokenlab',
        submittedAt,
        createdAt: submittedAt,
        finishedAt: submittedAt + 20_000 + (i % 7) * 3_000,
        updatedAt: now,
        state,
        rawStatus: state === 'succeeded' ? 'completed' : state,
        progress: state === 'succeeded' ? 100 : undefined,
        error: state === 'failed' ? { code: 'task_failed', message: 'The model ran out of memory.' } : undefined,
      }
      client.store.put(record)
    }
    return client as TaskClient<never>
  }
}

const meta = {
  title: 'Components/TaskLogTable',
  component: TaskLogTable,
  parameters: { layout: 'padded' },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 1280 }}>
        <Story />
      </div>
    ),
  ],
} satisfies Meta<typeof TaskLogTable>

export default meta
type Story = StoryObj<typeof meta>

async function waitReady(canvasElement: HTMLElement): Promise<HTMLElement> {
  await waitFor(() => expect(canvasElement.querySelector('.tk-log')).toHaveAttribute('data-state', 'ready'), { timeout: LOAD_TIMEOUT_MS })
  return canvasElement.querySelector<HTMLElement>('.tk-log') as HTMLElement
}

export const ServerBacked: Story = {
  name: 'Server (new-api, thousands of tasks)',
  render: () => <App makeClient={() => newApiClient('sk-storybook-log')} pageSize={20} />,
  play: async ({ canvasElement, canvas, userEvent, step }) => {
    const root = await waitReady(canvasElement)
    await expect(root).toHaveAttribute('data-source', 'server')
    const pages = Math.ceil(DEMO_HISTORY_SIZE / 20).toLocaleString('en-US')
    await expect(canvas.getByText(`Page 1 of ${pages} · ${DEMO_HISTORY_SIZE.toLocaleString('en-US')} tasks`)).toBeVisible()
    await expect(dataRowsIn(root)).toHaveLength(20)
    const body = within(document.body)

    await step('filter by status', async () => {
      await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Status' }), 'Failed')
      await waitFor(
        () => {
          const states = dataRowsIn(root).map((row) => row.dataset.status)
          expect(states.length).toBeGreaterThan(0)
          expect(states.every((state) => state === 'failed' || state === 'blocked' || state === 'expired')).toBe(true)
        },
        { timeout: LOAD_TIMEOUT_MS },
      )
    })

    await step('page', async () => {
      await userEvent.click(canvas.getByRole('button', { name: 'Next page' }))
      await waitFor(() => expect(canvas.getByText(/^Page 2 of/)).toBeVisible(), { timeout: LOAD_TIMEOUT_MS })
    })

    await step('toggle a column', async () => {
      await userEvent.click(canvas.getByRole('button', { name: 'Columns' }))
      const menu = await body.findByRole('menu', {}, { timeout: MENU_TIMEOUT_MS })
      await userEvent.click(within(menu).getByRole('menuitemcheckbox', { name: 'Model' }))
      await userEvent.keyboard('{Escape}')
      await waitFor(() => expect(body.queryByRole('menu')).toBeNull())
      await expect(canvas.getByRole('button', { name: 'Columns' })).toHaveFocus()
      await expect(canvas.queryByRole('columnheader', { name: /^Model/ })).toBeNull()
    })

    await step('switch to compact rows', async () => {
      await userEvent.click(canvas.getByRole('switch', { name: 'Compact rows' }))
      await expect(root).toHaveAttribute('data-density', 'compact')
    })

    await step('open details with the keyboard, close with Escape', async () => {
      const first = dataRowsIn(root)[0] as HTMLElement
      const details = within(first).getByRole('button', { name: /^Details of task / })
      details.focus()
      await userEvent.keyboard('{Enter}')
      const dialog = await body.findByRole('dialog', {}, { timeout: MENU_TIMEOUT_MS })
      await expect(within(dialog).getByRole('heading', { name: 'Failure reason' })).toBeVisible()
      await expect(within(dialog).getByRole('region', { name: "Raw JSON of the provider's answer" })).toHaveTextContent('"status": "FAILURE"')
      await expect(within(dialog).getByRole('region', { name: 'Support info text' }).textContent).not.toMatch(/https?:|sk-storybook/)
      await userEvent.keyboard('{Escape}')
      await waitFor(() => expect(body.queryByRole('dialog')).toBeNull())
      await expect(details).toHaveFocus()
    })
  },
}

/** Submits one task first, then mounts the log: the new task heads page 1 and runs live. */
function LiveApp() {
  const [client] = useState(() => {
    const created = createTaskClient({
      adapter: newApi({ baseUrl: DEFAULT_BASE_URLS.newapi, pollBounds: { minMs: 100, initialMs: 150, maxMs: 400 } }),
      headers: () => ({ Authorization: 'Bearer sk-storybook-live' }),
      account: 'sk-storybook-live',
      storage: null,
      crossTab: false,
    })
    return created
  })
  const [submitted, setSubmitted] = useState(false)
  useEffect(() => {
    // 90 s of task time: about 3 s at the Storybook simulator's speed.
    client.submit({ model: 'kling-v2-6', prompt: 'a paper boat on a rainy street [sim:queue=0,run=90s,outcome=success]' }).then(
      () => setSubmitted(true),
      (error: unknown) => console.error(error),
    )
  }, [client])
  if (!submitted) return <p>Submitting a task…</p>
  return <App makeClient={() => client as TaskClient<never>} pageSize={10} />
}

export const LiveRows: Story = {
  name: 'Server: a running row updates live',
  render: () => <LiveApp />,
  play: async ({ canvasElement }) => {
    const root = await waitReady(canvasElement)
    const first = () => dataRowsIn(root)[0] as HTMLElement
    await expect(first().dataset.status).toMatch(/queued|running/)
    // Polled through one batched stream (POST /suno/fetch), the row ends without a reload.
    await waitFor(() => expect(first()).toHaveAttribute('data-status', 'succeeded'), { timeout: LOAD_TIMEOUT_MS })
    await expect(within(first()).getByText('100%')).toBeVisible()
    await expect(first().querySelector('[data-column="completed"] time')).not.toBeNull()
    const batches = storybookSimulators.newapi.requests.filter((request) => request.path === '/suno/fetch' && request.method === 'POST')
    await expect(batches.length).toBeGreaterThan(0)
  },
}

export const SearchTaskId: Story = {
  name: 'Server: search a task id',
  render: () => <App makeClient={() => newApiClient('sk-storybook-search')} pageSize={10} live={false} />,
  play: async ({ canvasElement, canvas, userEvent }) => {
    const root = await waitReady(canvasElement)
    const wanted = within(dataRowsIn(root)[3] as HTMLElement).getByText(/^task_/).textContent ?? ''
    await userEvent.type(canvas.getByRole('searchbox', { name: 'Task ID' }), `${wanted}{Enter}`)
    await waitFor(() => expect(dataRowsIn(root)).toHaveLength(1), { timeout: LOAD_TIMEOUT_MS })
    await expect(canvas.getByText(/· 1 task$/)).toBeVisible()
    await userEvent.click(canvas.getByRole('button', { name: 'Reset filters' }))
    await waitFor(() => expect(dataRowsIn(root)).toHaveLength(10), { timeout: LOAD_TIMEOUT_MS })
    await expect(canvas.getByRole('searchbox', { name: 'Task ID' })).toHaveValue('')
  },
}

export const LocalHistory: Story = {
  name: 'Local history (virtualized, 100k rows)',
  render: () => <App makeClient={localClient(100_000)} live={false} />,
  play: async ({ canvasElement, canvas, userEvent }) => {
    const root = await waitReady(canvasElement)
    await expect(root).toHaveAttribute('data-source', 'local')
    await expect(canvas.getByText('100,000 tasks')).toBeVisible()
    await expect(canvas.getByRole('table')).toHaveAttribute('aria-rowcount', '100001')
    const scroller = root.querySelector<HTMLElement>('.tk-log__scroll') as HTMLElement
    // Only the rows in view are in the DOM, and one beyond the edge.
    await waitFor(() => expect(windowOf(scroller)).toEqual({ outside: 1, covered: true }), { timeout: LOAD_TIMEOUT_MS })

    // A focused row that scrolls out of view is unmounted: focus goes to the list, not the page.
    const copy = within(dataRowsIn(root)[0] as HTMLElement).getByRole('button', { name: /^Copy task ID/ })
    copy.focus()
    scroller.scrollTop = 20_000
    await waitFor(() => expect(copy.isConnected).toBe(false))
    await expect(document.activeElement).toBe(scroller)

    scroller.scrollTop = scroller.scrollHeight
    await waitFor(() => expect(canvas.getByText('task_local_099999')).toBeVisible())
    await waitFor(() => expect(windowOf(scroller)).toEqual({ outside: 1, covered: true }))
    // Rows are positioned by one height, not measured one by one: every row must have it.
    const heights = new Set(dataRowsIn(root).map((row) => row.getBoundingClientRect().height))
    await expect([...heights]).toHaveLength(1)

    // Local filters run over the whole list.
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Status' }), 'Cancelled')
    await waitFor(() => expect(canvas.getByText('12,500 tasks')).toBeVisible())
    await expect(dataRowsIn(root).every((row) => row.dataset.status === 'cancelled')).toBe(true)
    // The list got shorter than the scroll position: the view is still full of rows, its last ones.
    await waitFor(() => expect(windowOf(scroller)).toEqual({ outside: 1, covered: true }))
    await expect(dataRowsIn(root).at(-1)).toHaveAttribute('aria-rowindex', '12501')
  },
}

export const LocalSorted: Story = {
  name: 'Local history: sort the whole list',
  render: () => <App makeClient={localClient(500)} live={false} />,
  play: async ({ canvasElement, canvas, userEvent }) => {
    const root = await waitReady(canvasElement)
    const header = canvas.getByRole('columnheader', { name: /^Submitted/ })
    await userEvent.click(within(header).getByRole('button'))
    await expect(header).toHaveAttribute('aria-sort', 'descending')
    await userEvent.click(within(header).getByRole('button'))
    await expect(header).toHaveAttribute('aria-sort', 'ascending')
    // The oldest of all 500, not of the rows in view.
    await waitFor(() => expect(within(dataRowsIn(root)[0] as HTMLElement).getByText('task_local_000499')).toBeVisible())
  },
}

export const Narrow: Story = {
  name: 'Narrow screen (cards)',
  decorators: [
    (Story) => (
      <div style={{ width: 360 }}>
        <Story />
      </div>
    ),
  ],
  render: () => <App makeClient={() => newApiClient('sk-storybook-narrow')} pageSize={10} live={false} />,
  play: async ({ canvasElement, userEvent }) => {
    const root = await waitReady(canvasElement)
    await waitFor(() => expect(root).toHaveAttribute('data-layout', 'cards'))
    await expect(within(root).queryByRole('table')).toBeNull()
    const cards = root.querySelectorAll<HTMLElement>('li[data-status]')
    await expect(cards).toHaveLength(10)
    await userEvent.click(within(cards[0] as HTMLElement).getByRole('button', { name: /^Details of task / }))
    const dialog = await within(document.body).findByRole('dialog', {}, { timeout: MENU_TIMEOUT_MS })
    await expect(dialog).toBeVisible()
    await userEvent.keyboard('{Escape}')
  },
}

export const ServerError: Story = {
  name: 'Error (no key: 401 from the server)',
  render: () => <App makeClient={() => newApiClient(null)} />,
  play: async ({ canvasElement, canvas }) => {
    const root = canvasElement.querySelector('.tk-log')
    await waitFor(() => expect(root).toHaveAttribute('data-state', 'error'), { timeout: LOAD_TIMEOUT_MS })
    await expect(canvas.getByRole('alert')).toHaveTextContent(/^Could not load tasks/)
    await expect(canvas.getByRole('button', { name: 'Try again' })).toBeVisible()
  },
}
