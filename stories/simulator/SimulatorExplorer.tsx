import { useEffect, useId, useRef, useState, type FormEvent } from 'react'
import {
  FALLBACK_BASE_URLS,
  PROVIDERS,
  PROVIDER_LABELS,
  TOKENLAB_ENDPOINTS,
  buildCreateRequest,
  defaultModel,
  extractMedia,
  extractStatus,
  extractTaskId,
  isTerminalStatus,
  promptWithTags,
  statusUrl,
  FAULT_CHOICES,
  OUTCOME_CHOICES,
  type FaultChoice,
  type OutcomeChoice,
  type MediaLink,
  type ProviderName,
  type TokenLabKind,
} from './wire'
import './SimulatorExplorer.css'

// A browser for the simulator's wire: plain React and fetch on purpose (no TaskKit hooks), so what
// you see is exactly what a provider would send. Every request goes through MSW in Storybook.

export interface SimulatorExplorerProps {
  /** Provider selected at first. */
  provider?: ProviderName
  /** Simulator hosts; pass `@taskkit/testing/msw`'s `DEFAULT_BASE_URLS` (the default values). */
  baseUrls?: Partial<Record<ProviderName, string>>
  initialPrompt?: string
  /** Extra `[sim:...]` items, e.g. `kind=video, run=20s`. */
  initialTags?: string
  initialOutcome?: OutcomeChoice
  initialFault?: FaultChoice
  /** Delay between status requests (a 429/503 `Retry-After` wins when longer). */
  pollIntervalMs?: number
  /** Any key works with the simulator (sent as `Authorization: Bearer <key>`); keys starting with `invalid` get a 401. */
  apiKey?: string
  /** Safety stop for a task that never ends. */
  maxPolls?: number
}

interface LogEntry {
  id: number
  at: number
  kind: 'create' | 'status'
  method: string
  url: string
  /** HTTP status, or 0 when the request itself failed. */
  status: number
  statusText: string
  retryAfter?: string
  durationMs: number
  /** Pretty-printed request body (create only). */
  requestBody?: string
  body: string
}

type Phase = 'idle' | 'creating' | 'polling' | 'terminal' | 'error' | 'stopped'

const DEFAULT_PROMPT = 'a red fox in the snow, watercolor'

function pretty(text: string): string {
  if (text === '') return '(empty body)'
  try {
    return JSON.stringify(JSON.parse(text), null, 2)
  } catch {
    return text
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

function clock(at: number): string {
  const d = new Date(at)
  const pad = (n: number, width = 2) => String(n).padStart(width, '0')
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
}

/** `Retry-After` in seconds or as an HTTP date, in ms; undefined when absent or unreadable. */
function retryAfterMs(value: string | undefined): number | undefined {
  if (!value) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now())
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason)
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

export function SimulatorExplorer({
  provider: initialProvider = 'tokenlab',
  baseUrls,
  initialPrompt = DEFAULT_PROMPT,
  initialTags = '',
  initialOutcome = '',
  initialFault = '',
  pollIntervalMs = 1000,
  apiKey: initialApiKey = 'sk-taskkit-storybook',
  maxPolls = 300,
}: SimulatorExplorerProps) {
  const ids = useId()
  const [provider, setProvider] = useState<ProviderName>(initialProvider)
  const [tokenlabKind, setTokenlabKind] = useState<TokenLabKind>('image')
  const [model, setModel] = useState('')
  const [prompt, setPrompt] = useState(initialPrompt)
  const [tags, setTags] = useState(initialTags)
  const [outcome, setOutcome] = useState<OutcomeChoice>(initialOutcome)
  const [fault, setFault] = useState<FaultChoice>(initialFault)
  const [apiKey, setApiKey] = useState(initialApiKey)
  const [phase, setPhase] = useState<Phase>('idle')
  const [taskId, setTaskId] = useState<string>()
  const [statusWord, setStatusWord] = useState<string>()
  const [message, setMessage] = useState<string>()
  const [log, setLog] = useState<LogEntry[]>([])
  const [media, setMedia] = useState<MediaLink[]>([])
  const runRef = useRef<AbortController | null>(null)
  const logBoxRef = useRef<HTMLDivElement>(null)
  const nextEntryId = useRef(1)

  const baseUrl = baseUrls?.[provider] ?? FALLBACK_BASE_URLS[provider]
  const busy = phase === 'creating' || phase === 'polling'

  // Stop polling when the story unmounts.
  useEffect(() => () => runRef.current?.abort(), [])

  // Keep the newest exchange in view.
  useEffect(() => {
    const box = logBoxRef.current
    if (box) box.scrollTop = box.scrollHeight
  }, [log.length])

  async function exchange(kind: LogEntry['kind'], url: string, init: RequestInit, signal: AbortSignal) {
    const started = performance.now()
    const at = Date.now()
    const requestBody = typeof init.body === 'string' ? pretty(init.body) : undefined
    let entry: LogEntry
    let body: unknown
    try {
      const response = await fetch(url, { ...init, signal })
      const text = await response.text()
      body = parseJson(text)
      entry = {
        id: nextEntryId.current++,
        at,
        kind,
        method: init.method ?? 'GET',
        url,
        status: response.status,
        statusText: response.statusText,
        retryAfter: response.headers.get('Retry-After') ?? undefined,
        durationMs: Math.round(performance.now() - started),
        requestBody,
        body: pretty(text),
      }
    } catch (error) {
      if (signal.aborted) throw error
      entry = {
        id: nextEntryId.current++,
        at,
        kind,
        method: init.method ?? 'GET',
        url,
        status: 0,
        statusText: 'network error',
        durationMs: Math.round(performance.now() - started),
        requestBody,
        body: String(error),
      }
    }
    setLog((previous) => [...previous, entry])
    return { entry, body }
  }

  async function run(signal: AbortSignal) {
    const fullPrompt = promptWithTags(prompt, [outcome, fault, tags])
    const request = buildCreateRequest({ provider, baseUrl, prompt: fullPrompt, tokenlabKind, model })
    const headers = { Authorization: `Bearer ${apiKey}`, 'Content-Type': 'application/json' }

    const created = await exchange('create', request.url, { method: 'POST', headers, body: JSON.stringify(request.body) }, signal)
    const id = created.entry.status >= 200 && created.entry.status < 300 ? extractTaskId(provider, created.body) : undefined
    if (!id) {
      // A create is never retried: its outcome may be unknown (see DESIGN.md).
      setPhase('error')
      setMessage(`Create failed (HTTP ${created.entry.status || 'network error'}): no task id in the response. Not retried.`)
      return
    }
    setTaskId(id)
    setStatusWord(extractStatus(created.body))
    setPhase('polling')

    const pollUrl = statusUrl(provider, baseUrl, id, created.body)
    let wait = pollIntervalMs
    for (let poll = 0; poll < maxPolls; poll++) {
      await sleep(wait, signal)
      const { entry, body } = await exchange('status', pollUrl, { method: 'GET', headers }, signal)
      wait = pollIntervalMs
      if (entry.status === 429 || entry.status === 503) {
        wait = Math.max(pollIntervalMs, Math.min(retryAfterMs(entry.retryAfter) ?? pollIntervalMs, 30_000))
        continue
      }
      if (entry.status === 401 || entry.status === 403 || entry.status === 404) {
        setPhase('error')
        setMessage(`Stopped: HTTP ${entry.status} ${entry.statusText}`.trim())
        return
      }
      if (entry.status < 200 || entry.status >= 300) continue
      const word = extractStatus(body)
      setStatusWord(word)
      if (isTerminalStatus(provider, word)) {
        setMedia(extractMedia(body))
        setPhase('terminal')
        return
      }
    }
    setPhase('stopped')
    setMessage(`Gave up after ${maxPolls} status requests.`)
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    runRef.current?.abort()
    const controller = new AbortController()
    runRef.current = controller
    setPhase('creating')
    setTaskId(undefined)
    setStatusWord(undefined)
    setMessage(undefined)
    setMedia([])
    run(controller.signal).catch((error: unknown) => {
      if (controller.signal.aborted) return
      setPhase('error')
      setMessage(String(error))
    })
  }

  function stop() {
    runRef.current?.abort()
    runRef.current = null
    setPhase('stopped')
    setMessage('Polling stopped.')
  }

  function clear() {
    setLog([])
  }

  const field = (name: string) => `${ids}-${name}`

  return (
    <div className="tkx">
      <h2>Simulator Explorer</h2>
      <p className="tkx-intro">
        Create a task on a simulated provider and watch the raw HTTP exchanges until it ends. Requests go to{' '}
        <code>{baseUrl}</code> and are answered in the browser by the TaskKit simulator (MSW).
      </p>

      <form className="tkx-form" onSubmit={onSubmit} aria-label="Create a task">
        <div className="tkx-field">
          <label htmlFor={field('provider')}>Provider</label>
          <select id={field('provider')} value={provider} onChange={(e) => setProvider(e.target.value as ProviderName)} disabled={busy}>
            {PROVIDERS.map((name) => (
              <option key={name} value={name}>
                {PROVIDER_LABELS[name]}
              </option>
            ))}
          </select>
        </div>

        {provider === 'tokenlab' && (
          <div className="tkx-field">
            <label htmlFor={field('kind')}>Media endpoint</label>
            <select id={field('kind')} value={tokenlabKind} onChange={(e) => setTokenlabKind(e.target.value as TokenLabKind)} disabled={busy}>
              {(Object.keys(TOKENLAB_ENDPOINTS) as TokenLabKind[]).map((kind) => (
                <option key={kind} value={kind}>
                  {TOKENLAB_ENDPOINTS[kind].path}
                </option>
              ))}
            </select>
          </div>
        )}

        <div className="tkx-field">
          <label htmlFor={field('model')}>Model</label>
          <input
            id={field('model')}
            value={model}
            onChange={(e) => setModel(e.target.value)}
            placeholder={defaultModel(provider, tokenlabKind)}
            aria-describedby={field('model-hint')}
            disabled={busy}
          />
          <span id={field('model-hint')} className="tkx-hint">
            Empty: {defaultModel(provider, tokenlabKind)}
          </span>
        </div>

        <div className="tkx-field">
          <label htmlFor={field('outcome')}>Outcome</label>
          <select id={field('outcome')} value={outcome} onChange={(e) => setOutcome(e.target.value as OutcomeChoice)} disabled={busy}>
            {OUTCOME_CHOICES.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>

        <div className="tkx-field">
          <label htmlFor={field('fault')}>Fault</label>
          <select id={field('fault')} value={fault} onChange={(e) => setFault(e.target.value as FaultChoice)} disabled={busy}>
            {FAULT_CHOICES.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>

        <div className="tkx-field">
          <label htmlFor={field('key')}>API key</label>
          <input
            id={field('key')}
            value={apiKey}
            onChange={(e) => setApiKey(e.target.value)}
            aria-describedby={field('key-hint')}
            autoComplete="off"
            spellCheck={false}
            disabled={busy}
          />
          <span id={field('key-hint')} className="tkx-hint">
            Any key works; one starting with “invalid” gets a 401.
          </span>
        </div>

        <div className="tkx-field tkx-field--wide">
          <label htmlFor={field('prompt')}>Prompt</label>
          <textarea id={field('prompt')} value={prompt} onChange={(e) => setPrompt(e.target.value)} rows={2} required disabled={busy} />
        </div>

        <div className="tkx-field tkx-field--wide">
          <label htmlFor={field('tags')}>Prompt tags</label>
          <input
            id={field('tags')}
            value={tags}
            onChange={(e) => setTags(e.target.value)}
            placeholder="kind=video, queue=5s, run=20s"
            aria-describedby={field('tags-hint')}
            spellCheck={false}
            disabled={busy}
          />
          <span id={field('tags-hint')} className="tkx-hint">
            Optional <code>[sim:…]</code> items appended to the prompt (kind, outcome, queue, run, position, latency, faults); see
            packages/testing/README.md.
          </span>
        </div>

        <div className="tkx-actions">
          <button type="submit" className="tkx-primary" disabled={busy}>
            Create task
          </button>
          <button type="button" onClick={stop} disabled={!busy}>
            Stop polling
          </button>
          <button type="button" onClick={clear} disabled={busy || log.length === 0}>
            Clear log
          </button>
        </div>
      </form>

      <p className="tkx-status" role="status" data-phase={phase}>
        {phase === 'idle' && 'No task yet.'}
        {phase === 'creating' && 'Creating task…'}
        {phase !== 'idle' && phase !== 'creating' && taskId && (
          <>
            Task <code>{taskId}</code>: <span className="tkx-word">{statusWord ?? '(no status)'}</span>
            {phase === 'polling' && ' (polling…)'}
            {phase === 'terminal' && ' (terminal)'}
          </>
        )}
        {message && (
          <>
            {' '}
            {message}
          </>
        )}
      </p>

      <section className="tkx-section" aria-labelledby={field('log-title')}>
        <h3 id={field('log-title')}>HTTP log</h3>
        <div
          ref={logBoxRef}
          className="tkx-log"
          role="log"
          aria-live="polite"
          aria-labelledby={field('log-title')}
          // Scrollable, so it must be reachable with the keyboard.
          tabIndex={0}
        >
          {log.length === 0 ? (
            <p className="tkx-empty">Requests and responses appear here.</p>
          ) : (
            <ol>
              {log.map((entry) => (
                <li key={entry.id} data-kind={entry.kind}>
                  <div className="tkx-line">
                    <time dateTime={new Date(entry.at).toISOString()}>{clock(entry.at)}</time>
                    <span className="tkx-method">{entry.method}</span>
                    <span className="tkx-url">{entry.url}</span>
                    <span className="tkx-code" data-class={String(entry.status)[0]}>
                      {entry.status === 0 ? 'network error' : `${entry.status} ${entry.statusText}`.trim()}
                    </span>
                    {entry.retryAfter !== undefined && <span className="tkx-note">Retry-After: {entry.retryAfter}</span>}
                    <span className="tkx-note">{entry.durationMs} ms</span>
                  </div>
                  {entry.requestBody !== undefined && (
                    <>
                      <p className="tkx-label">Request body</p>
                      <pre className="tkx-body">{entry.requestBody}</pre>
                      <p className="tkx-label">Response body</p>
                    </>
                  )}
                  <pre className="tkx-body">{entry.body}</pre>
                </li>
              ))}
            </ol>
          )}
        </div>
      </section>

      {phase === 'terminal' && (
        <section className="tkx-section" aria-labelledby={field('media-title')}>
          <h3 id={field('media-title')}>Media</h3>
          {media.length === 0 ? (
            <p>No media URL in the final response.</p>
          ) : (
            <ul className="tkx-media">
              {media.map((item) => (
                <li key={item.url} data-kind={item.kind}>
                  <MediaPreview item={item} />
                  <a href={item.url} target="_blank" rel="noreferrer noopener">
                    Open {item.kind === 'model3d' ? '3D model' : item.kind}: <code>{item.path}</code>
                  </a>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  )
}

function MediaPreview({ item }: { item: MediaLink }) {
  switch (item.kind) {
    case 'image':
      return <img src={item.url} alt={`Generated image (${item.path})`} loading="lazy" />
    case 'video':
      return <video src={item.url} controls muted preload="metadata" aria-label={`Generated video (${item.path})`} />
    case 'audio':
      return <audio src={item.url} controls preload="metadata" aria-label={`Generated audio (${item.path})`} />
    default:
      return null
  }
}
