import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode, useState, useSyncExternalStore } from 'react'
import { createRoot } from 'react-dom/client'
import { createTaskClient, TaskKitProvider, tokenlab, usePendingTasks, useSubmitTask, useTask } from '@taskkit/hooks'

// A bare page on the public hooks, driven by Playwright: the API base URL and the account come
// from the query string so each test points it at its own simulator server.
const params = new URLSearchParams(location.search)
const api = params.get('api') ?? 'http://127.0.0.1:4010'
const account = params.get('account') ?? 'alice'
// A fixed interval keeps the two-tab test short; the default follows the provider's 5-10 s advice.
const interval = params.has('interval') ? Number(params.get('interval')) : undefined

const client = createTaskClient({
  adapter: tokenlab({ baseUrl: api }),
  headers: () => ({ Authorization: `Bearer sk-e2e-${account}` }),
  account,
})
const queryClient = new QueryClient()

function Task({ id }: { id: string }) {
  const { task, error, status } = useTask(id, { interval })
  return (
    <li data-testid="task" data-task-id={id} data-state={task?.state ?? 'none'} data-watch={status}>
      {id}: {task?.state ?? '...'} {task?.progress ?? ''} {error ? `(${error.kind})` : ''}
    </li>
  )
}

function App() {
  const { submit, error } = useSubmitTask<{ endpoint: string; model: string; prompt: string }>()
  const { tasks } = usePendingTasks()
  // Every record of the account, settled ones too, so a tab keeps showing a task after it ends.
  const records = useSyncExternalStore(client.store.subscribe.bind(client.store), () => client.store.list(), () => [])
  const [done, setDone] = useState<string[]>([])
  const prompt = params.get('prompt') ?? 'a lighthouse at dusk'
  return (
    <main>
      <button
        onClick={() =>
          void submit({ endpoint: '/v1/images/generations', model: 'flux-dev', prompt }, { jobId: `job-${Date.now()}` })
            .then((t) => setDone((d) => [...d, t.id]))
            .catch(() => {})
        }
      >
        Create
      </button>
      {error ? <p role="alert">{error.kind}</p> : null}
      <p data-testid="pending">{tasks.length} pending</p>
      <ul>
        {records.map((record) =>
          record.id ? <Task key={record.jobId} id={record.id} /> : <li key={record.jobId} data-testid="unknown">outcome unknown</li>,
        )}
        {done
          .filter((id) => !records.some((record) => record.id === id))
          .map((id) => (
            <Task key={id} id={id} />
          ))}
      </ul>
    </main>
  )
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <TaskKitProvider client={client}>
        <App />
      </TaskKitProvider>
    </QueryClientProvider>
  </StrictMode>,
)
