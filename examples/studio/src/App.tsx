import { TaskKitProvider, type Task } from '@taskkit/hooks'
import { useEffect, useMemo, useState } from 'react'
import { AccountForm } from './AccountForm'
import { Connection } from './Connection'
import { GenerateForm } from './GenerateForm'
import { History } from './History'
import { memoryKey } from './memoryKey'
import { PROVIDER_IDS, PROVIDERS, type ProviderId } from './providers'
import { initialPreferences, savePreferences, simulatorUrl, type Preferences } from './settings'
import { createStudioClient, type Backend } from './studioClient'
import { TaskBoard } from './TaskBoard'
import { ThemeToggle } from './ThemeToggle'

export function App() {
  const [preferences, setPreferences] = useState<Preferences>(initialPreferences)
  const { provider, account, theme } = preferences
  const [backend, setBackend] = useState<Backend>(() => ({ kind: 'simulator', url: simulatorUrl() }))
  // The real provider's key lives in memoryKey (memory only); the client reads it per request.
  const [hasKey, setHasKey] = useState(false)

  useEffect(() => {
    savePreferences(preferences)
    document.documentElement.dataset.theme = theme
  }, [preferences, theme])

  const update = (change: Partial<Preferences>) => setPreferences((current) => ({ ...current, ...change }))
  const client = useMemo(() => createStudioClient({ provider, account, backend, getKey: memoryKey.get }), [provider, account, backend])
  // Tasks made in this page, newest first; a new client (provider, account, backend) starts afresh.
  const [created, setCreated] = useState<{ client: unknown; ids: string[] }>({ client, ids: [] })
  const sessionTaskIds = created.client === client ? created.ids : []
  const onCreated = (task: Task) => setCreated({ client, ids: [task.id, ...sessionTaskIds.filter((id) => id !== task.id)] })

  const connect = (next: Backend, key?: string) => {
    if (next.kind === 'simulator') memoryKey.clear()
    else if (key) memoryKey.set(key)
    setHasKey(memoryKey.get() !== '')
    setBackend(next)
  }

  // A real provider's URL and key belong to that provider: switching goes back to the simulator.
  const switchProvider = (next: ProviderId) => {
    if (backend.kind === 'provider') connect({ kind: 'simulator', url: simulatorUrl() })
    update({ provider: next })
  }

  const spec = PROVIDERS[provider]
  const clientKey = `${provider}|${client.account}|${backend.kind === 'simulator' ? backend.url : backend.baseUrl}`
  return (
    <div className="studio">
      <header className="studio-header">
        <div className="studio-brand">
          <span aria-hidden="true" className="studio-logo">
            ◆
          </span>
          <h1>TaskKit Studio</h1>
        </div>
        <p className="studio-hint">
          Signed in as <strong>{account}</strong>
        </p>
        <ThemeToggle theme={theme} onChange={(next) => update({ theme: next })} />
      </header>

      <main className="studio-main">
        <section className="studio-panel" aria-labelledby="setup-heading">
          <h2 id="setup-heading">Setup</h2>
          <AccountForm key={account} account={account} onChange={(next) => update({ account: next })} />
          <div className="studio-field">
            <label htmlFor="studio-provider">Provider</label>
            <select id="studio-provider" value={provider} onChange={(event) => switchProvider(event.target.value as ProviderId)}>
              {PROVIDER_IDS.map((id) => (
                <option key={id} value={id}>
                  {PROVIDERS[id].label}
                </option>
              ))}
            </select>
          </div>
          <Connection key={provider} provider={provider} backend={backend} simulatorUrl={simulatorUrl()} hasKey={hasKey} onConnect={connect} />
        </section>

        <TaskKitProvider client={client}>
          <section className="studio-panel" aria-labelledby="generate-heading">
            <h2 id="generate-heading">Generate with {spec.label}</h2>
            <GenerateForm key={clientKey} spec={spec} onCreated={onCreated} />
          </section>

          <section className="studio-panel studio-panel--wide" aria-labelledby="tasks-heading">
            <h2 id="tasks-heading">Tasks</h2>
            <TaskBoard key={clientKey} sessionTaskIds={sessionTaskIds} />
          </section>

          <section className="studio-panel studio-panel--wide" aria-labelledby="history-heading">
            <h2 id="history-heading">History</h2>
            {/* A new create shows up by itself: useTaskList asks the server again when the client learns a new task. */}
            <History key={clientKey} />
          </section>
        </TaskKitProvider>
      </main>
    </div>
  )
}
