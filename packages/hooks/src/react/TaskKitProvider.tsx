import { createContext, useContext, type ReactNode } from 'react'
import type { TaskClient } from '../core/client'

const TaskClientContext = createContext<TaskClient<never> | null>(null)

export interface TaskKitProviderProps {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any input type may be provided
  client: TaskClient<any>
  children?: ReactNode
}

/**
 * Makes a task client available to the hooks. It uses the app's own QueryClientProvider above
 * it: TaskKit never creates a hidden QueryClient.
 */
export function TaskKitProvider({ client, children }: TaskKitProviderProps) {
  return <TaskClientContext.Provider value={client as TaskClient<never>}>{children}</TaskClientContext.Provider>
}

export function useTaskClient<TInput = unknown>(): TaskClient<TInput> {
  const client = useContext(TaskClientContext)
  if (!client) {
    throw new Error('TaskKit hooks need a <TaskKitProvider client={createTaskClient(...)}> above them.')
  }
  return client as unknown as TaskClient<TInput>
}
