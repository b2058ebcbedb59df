import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { createTaskClient, newApi, tokenlab, TaskKitProvider, type TaskClient } from '@taskkit/hooks'
import { createSimulatorHandlers, DEFAULT_BASE_URLS } from '@taskkit/testing/msw'
import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { setupServer } from 'msw/node'
import type { ReactNode } from 'react'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { TaskLogTable } from '../index'

// The hook form as an app uses it: new-api's /api/task/self from the simulator through MSW.
const { handlers, simulator } = createSimulatorHandlers({ provider: 'newapi', seed: 11, seedHistory: 45 })
const server = setupServer(...handlers)
/** Every history request that reached the simulator. */
let listUrls: URL[] = []
server.events.on('request:start', ({ request }) => {
  const url = new URL(request.url)
  if (url.pathname === '/api/task/self') listUrls.push(url)
})
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  simulator.reset()
  listUrls = []
})
afterAll(() => server.close())


function renderWith(client: TaskClient<never>, children: ReactNode) {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <TaskKitProvider client={client}>{children}</TaskKitProvider>
    </QueryClientProvider>,
  )
}

function newApiClient() {
  return createTaskClient({
    adapter: newApi({ baseUrl: DEFAULT_BASE_URLS.newapi }),
    headers: () => ({ Authorization: 'Bearer sk-log-table' }),
    account: 'alice',
    storage: null,
    crossTab: false,
    warn: () => {},
  }) as TaskClient<never>
}

const dataRows = () => screen.getAllByRole('row').filter((row) => row.hasAttribute('data-status'))

describe('TaskLogTable (reads through useTaskList)', () => {
  it('pages and filters the server history', async () => {
    const user = userEvent.setup()
    renderWith(newApiClient(), <TaskLogTable live={false} pageSize={20} preferencesStorage={null} />)
    const root = screen.getByRole('region', { name: 'Task log' })
    expect(root).toHaveAttribute('data-state', 'loading')
    await waitFor(() => expect(root).toHaveAttribute('data-state', 'ready'))
    expect(root).toHaveAttribute('data-source', 'server')
    expect(dataRows()).toHaveLength(20)
    expect(screen.getByText('Page 1 of 3 · 45 tasks')).toBeInTheDocument()

    await user.click(screen.getByRole('button', { name: 'Next page' }))
    await waitFor(() => expect(screen.getByText('Page 2 of 3 · 45 tasks')).toBeInTheDocument())
    expect(listUrls.at(-1)?.searchParams.get('p')).toBe('2')

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Failed')
    await waitFor(() => expect(listUrls.at(-1)?.searchParams.get('status')).toBe('FAILURE'))
    expect(listUrls.at(-1)?.searchParams.get('p')).toBe('1')
    await waitFor(() => expect(screen.getByText(/^Page 1 of/)).toBeInTheDocument())
    await waitFor(() => expect(dataRows().every((row) => ['failed', 'blocked', 'expired'].includes(row.dataset.status ?? ''))).toBe(true))
  })

  it('shows the local history of an adapter without a server list', () => {
    const client = createTaskClient({ adapter: tokenlab({ baseUrl: DEFAULT_BASE_URLS.tokenlab }), account: 'bob', storage: null, crossTab: false })
    const submittedAt = Date.now() - 60_000
    client.store.put({ v: 1, jobId: 'j1', account: 'bob', provider: 'tokenlab', phase: 'created', id: 'task_local_1', submittedAt, updatedAt: submittedAt, state: 'succeeded', rawStatus: 'completed', model: 'video-gen-2' })
    client.store.put({ v: 1, jobId: 'j2', account: 'bob', provider: 'tokenlab', phase: 'created', id: 'task_local_2', submittedAt: submittedAt + 1, updatedAt: submittedAt, state: 'failed', rawStatus: 'failed', error: { message: 'Out of credits' } })
    renderWith(client as TaskClient<never>, <TaskLogTable live={false} preferencesStorage={null} />)
    const root = screen.getByRole('region', { name: 'Task log' })
    expect(root).toHaveAttribute('data-source', 'local')
    expect(dataRows().map((row) => within(row).getByText(/^task_local/).textContent)).toEqual(['task_local_2', 'task_local_1'])
    expect(screen.getByText('2 tasks')).toBeInTheDocument()
    expect(screen.getByText('Out of credits')).toBeInTheDocument()
  })
})
