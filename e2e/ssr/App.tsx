import { QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { TaskKitProvider, usePendingTasks, type TaskClient } from '@taskkit/hooks'
import { TaskProgress, TaskResult } from '@taskkit/components'

/**
 * The page rendered on the server (react-dom/server) and hydrated in Chromium: the hooks and the
 * components in their `taskId` forms, plus the pending list, all reading through one client.
 */
export function App({ client, queryClient, taskId }: { client: TaskClient; queryClient: QueryClient; taskId: string }) {
  return (
    <QueryClientProvider client={queryClient}>
      <TaskKitProvider client={client}>
        <main>
          <h1>SSR check</h1>
          <Pending />
          <TaskProgress taskId={taskId} />
          <TaskResult taskId={taskId} />
        </main>
      </TaskKitProvider>
    </QueryClientProvider>
  )
}

function Pending() {
  const { tasks } = usePendingTasks()
  return <p data-testid="pending">{tasks.length} pending</p>
}
