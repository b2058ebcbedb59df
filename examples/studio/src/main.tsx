import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import '@taskkit/components/styles.css'
import './theme.css'
import { App } from './App'

// The app's own QueryClient: TaskKit keeps each task under ['taskkit', account, provider, id] in it.
const queryClient = new QueryClient()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
)
