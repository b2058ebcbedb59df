import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { setupServer } from 'msw/node'
import type { ReactNode } from 'react'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createSimulatorHandlers, DEFAULT_BASE_URLS } from '@taskkit/testing/msw'
import { tokenlab, type TokenLabInput } from '../core/adapters'
import { createTaskClient } from '../core/client'
import { TaskKitProvider } from './TaskKitProvider'
import { useSubmitTask } from './useSubmitTask'
import { useTask } from './useTask'

// The hooks as an app uses them, against the TokenLab simulator through MSW: no fake fetch.
const { handlers, simulator } = createSimulatorHandlers({ provider: 'tokenlab', timeScale: 60, seed: 3 })
const server = setupServer(...handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  simulator.reset()
})
afterAll(() => server.close())

function renderApp(children: ReactNode) {
  const client = createTaskClient({
    adapter: tokenlab({ baseUrl: DEFAULT_BASE_URLS.tokenlab, pollBounds: { minMs: 20, initialMs: 40, maxMs: 100 } }),
    headers: () => ({ Authorization: 'Bearer sk-hooks' }),
    storage: null,
    crossTab: false,
  })
  return render(
    <QueryClientProvider client={new QueryClient()}>
      <TaskKitProvider client={client}>{children}</TaskKitProvider>
    </QueryClientProvider>,
  )
}

function Studio({ prompt }: { prompt: string }) {
  const { submit, task: created, error: submitError } = useSubmitTask<TokenLabInput>()
  const { task, error, isTerminal } = useTask(created?.id ?? null)
  return (
    <main>
      <button onClick={() => void submit({ endpoint: '/v1/images/generations', model: 'flux-dev', prompt }).catch(() => {})}>
        Generate
      </button>
      <p data-testid="state">{task ? `${task.state}${isTerminal ? ' (final)' : ''}` : 'idle'}</p>
      {task?.assets.map((asset) => (
        <img key={asset.url} src={asset.url} alt={asset.role ?? asset.kind} />
      ))}
      {task?.error ? <p role="alert">{task.error.message}</p> : null}
      {error ?? submitError ? <p role="status">{(error ?? submitError)?.kind}</p> : null}
    </main>
  )
}

describe('hooks against the simulator (MSW)', () => {
  it('submits, polls and shows the finished image, with one create request', async () => {
    renderApp(<Studio prompt="a red kite [sim:queue=1s,run=3s]" />)
    await userEvent.click(screen.getByRole('button', { name: 'Generate' }))
    expect(await screen.findByText('succeeded (final)', undefined, { timeout: 10_000 })).toBeInTheDocument()
    const images = screen.getAllByRole('img')
    expect(images[0]?.getAttribute('src')).toMatch(/^https:\/\/tokenlab\.sim\.taskkit\.test\/media\//)
    expect(simulator.requests.filter((r) => r.kind === 'create')).toHaveLength(1)
    expect(simulator.requests.filter((r) => r.kind === 'status').length).toBeGreaterThanOrEqual(1)
  })

  it('shows a provider failure with its reason', async () => {
    renderApp(<Studio prompt="a kite [sim:outcome=failure,run=1s]" />)
    await userEvent.click(screen.getByRole('button', { name: 'Generate' }))
    expect(await screen.findByText('failed (final)', undefined, { timeout: 10_000 })).toBeInTheDocument()
    expect(screen.getByRole('alert').textContent).not.toBe('')
  })

  it('recovers from rate limits and server errors while polling', async () => {
    renderApp(<Studio prompt="a kite [sim:rate-limit=1,server-error=1,run=2s]" />)
    await userEvent.click(screen.getByRole('button', { name: 'Generate' }))
    expect(await screen.findByText('succeeded (final)', undefined, { timeout: 15_000 })).toBeInTheDocument()
    expect(simulator.requests.some((r) => r.status === 429 || r.status >= 500)).toBe(true)
  }, 20_000)
})
