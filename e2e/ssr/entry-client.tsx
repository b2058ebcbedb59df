import { QueryClient } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { createTaskClient, tokenlab } from '@taskkit/hooks'
import '@taskkit/components/styles.css'
import { App } from './App.tsx'

declare global {
  interface Window {
    __hydrationErrors: string[]
    __hydrated: boolean
  }
}

const params = new URLSearchParams(location.search)
window.__hydrationErrors = []
const client = createTaskClient({
  adapter: tokenlab({ baseUrl: params.get('api') ?? '' }),
  account: params.get('account') ?? 'ssr',
  headers: () => ({ Authorization: 'Bearer sk-ssr' }),
})
hydrateRoot(
  document.getElementById('root') as HTMLElement,
  <StrictMode>
    <App client={client} queryClient={new QueryClient()} taskId={params.get('task') ?? ''} />
  </StrictMode>,
  {
    onRecoverableError: (error) => window.__hydrationErrors.push(String(error)),
    onCaughtError: (error) => window.__hydrationErrors.push(String(error)),
  },
)
window.__hydrated = true
