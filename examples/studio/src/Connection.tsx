import { useId, useState, type FormEvent } from 'react'
import { PROVIDERS, type ProviderId } from './providers'
import type { Backend } from './studioClient'

interface ConnectionProps {
  provider: ProviderId
  backend: Backend
  simulatorUrl: string
  /** Whether a key is held in memory for the real provider. */
  hasKey: boolean
  /** `key` is handed over once and kept in memory by the caller; it is never stored or logged. */
  onConnect: (backend: Backend, key?: string) => void
}

/**
 * Simulator (default, no key) or a real provider. The key field never leaves this tab: the form
 * is never submitted to a URL, the key is not persisted and the input is cleared once connected.
 */
export function Connection({ provider, backend, simulatorUrl, hasKey, onConnect }: ConnectionProps) {
  const spec = PROVIDERS[provider]
  const [mode, setMode] = useState<Backend['kind']>(backend.kind)
  const [baseUrl, setBaseUrl] = useState(backend.kind === 'provider' ? backend.baseUrl : (spec.defaultBaseUrl ?? ''))
  const [key, setKey] = useState('')
  const [problem, setProblem] = useState<string>()
  const ids = { baseUrl: useId(), key: useId(), hint: useId() }

  const connect = (event: FormEvent) => {
    event.preventDefault()
    if (mode === 'simulator') {
      setProblem(undefined)
      onConnect({ kind: 'simulator', url: simulatorUrl })
      return
    }
    let url: URL
    try {
      url = new URL(baseUrl.trim())
    } catch {
      setProblem('Enter the provider’s base URL, e.g. https://api.example.com')
      return
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      setProblem('The base URL must start with https:// or http://')
      return
    }
    if (!key && !hasKey) {
      setProblem('Enter your API key')
      return
    }
    setProblem(undefined)
    onConnect({ kind: 'provider', baseUrl: url.href.replace(/\/+$/, '') }, key || undefined)
    setKey('')
  }

  return (
    <form className="studio-connection" onSubmit={connect} aria-label="Connection">
      <fieldset>
        <legend>Backend</legend>
        <label className="studio-choice">
          <input type="radio" name="backend" value="simulator" checked={mode === 'simulator'} onChange={() => setMode('simulator')} />
          Simulator
        </label>
        <label className="studio-choice">
          <input type="radio" name="backend" value="provider" checked={mode === 'provider'} onChange={() => setMode('provider')} />
          Real provider
        </label>
      </fieldset>
      {mode === 'simulator' ? (
        <p className="studio-hint">
          Simulated {spec.label} at <code>{simulatorUrl}</code>: no key needed.
        </p>
      ) : (
        <div className="studio-fields">
          <div className="studio-field">
            <label htmlFor={ids.baseUrl}>Base URL</label>
            <input id={ids.baseUrl} type="url" value={baseUrl} placeholder="https://api.example.com" onChange={(event) => setBaseUrl(event.target.value)} />
          </div>
          <div className="studio-field">
            <label htmlFor={ids.key}>API key</label>
            <input
              id={ids.key}
              type="password"
              value={key}
              autoComplete="off"
              spellCheck={false}
              aria-describedby={ids.hint}
              placeholder={hasKey ? 'Key held in memory' : ''}
              onChange={(event) => setKey(event.target.value)}
            />
            <p id={ids.hint} className="studio-hint">
              Kept in this tab’s memory only: never stored, never put in a URL. A reload forgets it.
            </p>
          </div>
        </div>
      )}
      {problem ? (
        <p role="alert" className="studio-problem">
          {problem}
        </p>
      ) : null}
      <button type="submit" className="studio-button">
        {mode === 'simulator' ? 'Use simulator' : 'Connect'}
      </button>
      <p className="studio-hint" role="status">
        {backend.kind === 'simulator' ? 'Connected to the simulator.' : `Connected to ${backend.baseUrl}${hasKey ? ' with a key in memory' : ''}.`}
      </p>
    </form>
  )
}
