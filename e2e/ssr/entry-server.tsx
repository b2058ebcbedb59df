import { QueryClient } from '@tanstack/react-query'
import { renderToString } from 'react-dom/server'
import { createTaskClient, tokenlab, type StorageLike } from '@taskkit/hooks'
import { App } from './App.tsx'

/** Every storage call the server render makes; the check expects none. */
export const storageCalls: string[] = []

const spyStorage: StorageLike = {
  get length() {
    storageCalls.push('length')
    return 0
  },
  key: () => (storageCalls.push('key'), null),
  getItem: (key) => (storageCalls.push(`getItem ${key}`), null),
  setItem: (key) => void storageCalls.push(`setItem ${key}`),
  removeItem: (key) => void storageCalls.push(`removeItem ${key}`),
}

export function render(options: { api: string; account: string; taskId: string }): string {
  if (typeof window !== 'undefined' || typeof document !== 'undefined') throw new Error('not a server render')
  const client = createTaskClient({
    adapter: tokenlab({ baseUrl: options.api }),
    account: options.account,
    storage: spyStorage,
    headers: () => ({ Authorization: 'Bearer sk-ssr' }),
  })
  return renderToString(<App client={client} queryClient={new QueryClient()} taskId={options.taskId} />)
}
