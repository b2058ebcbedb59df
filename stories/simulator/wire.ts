// The four providers' wire formats, as the Simulator Explorer speaks them. Deliberately raw and
// independent of @taskkit/hooks: the explorer shows what goes over the wire, not what TaskKit's
// adapters make of it.

export type ProviderName = 'tokenlab' | 'tripo' | 'qingbo' | 'newapi'

export const PROVIDERS: readonly ProviderName[] = ['tokenlab', 'tripo', 'qingbo', 'newapi']

export const PROVIDER_LABELS: Record<ProviderName, string> = {
  tokenlab: 'TokenLab',
  tripo: 'Tripo',
  qingbo: 'Qingbo',
  newapi: 'new-api',
}

/** Fallback hosts; the explorer is normally given the simulator's `DEFAULT_BASE_URLS`. */
export const FALLBACK_BASE_URLS: Record<ProviderName, string> = {
  tokenlab: 'https://tokenlab.sim.taskkit.test',
  tripo: 'https://tripo.sim.taskkit.test',
  qingbo: 'https://qingbo.sim.taskkit.test',
  newapi: 'https://newapi.sim.taskkit.test',
}

/** TokenLab's media endpoints: one create route per media family, one status route for all. */
export const TOKENLAB_ENDPOINTS = {
  image: { path: '/v1/images/generations', model: 'gpt-image-1' },
  video: { path: '/v1/videos/generations', model: 'veo3.1' },
  music: { path: '/v1/music/generations', model: 'suno-v4.5' },
  '3d': { path: '/v1/3d/generations', model: 'hunyuan3d-2.1' },
} as const

export type TokenLabKind = keyof typeof TOKENLAB_ENDPOINTS

export interface CreateRequest {
  method: 'POST'
  url: string
  body: Record<string, unknown>
}

export interface CreateOptions {
  provider: ProviderName
  baseUrl: string
  prompt: string
  tokenlabKind?: TokenLabKind
  model?: string
}

const DEFAULT_MODELS: Record<Exclude<ProviderName, 'tokenlab'>, string> = {
  tripo: 'v2.5-20250123',
  qingbo: 'wan2.7',
  newapi: 'sora-2',
}

export function defaultModel(provider: ProviderName, tokenlabKind: TokenLabKind = 'image'): string {
  return provider === 'tokenlab' ? TOKENLAB_ENDPOINTS[tokenlabKind].model : DEFAULT_MODELS[provider]
}

export function buildCreateRequest({ provider, baseUrl, prompt, tokenlabKind = 'image', model }: CreateOptions): CreateRequest {
  const base = baseUrl.replace(/\/+$/, '')
  const chosenModel = model?.trim() || defaultModel(provider, tokenlabKind)
  switch (provider) {
    case 'tokenlab':
      return { method: 'POST', url: base + TOKENLAB_ENDPOINTS[tokenlabKind].path, body: { model: chosenModel, prompt } }
    case 'tripo':
      return { method: 'POST', url: `${base}/v2/openapi/task`, body: { type: 'text_to_model', prompt, model_version: chosenModel } }
    case 'qingbo':
      return { method: 'POST', url: `${base}/v1/tasks`, body: { model: chosenModel, action: 'generate', prompt } }
    case 'newapi':
      return { method: 'POST', url: `${base}/v1/video/generations`, body: { model: chosenModel, prompt } }
  }
}

type Json = unknown

function isRecord(value: Json): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function stringField(record: unknown, key: string): string | undefined {
  if (!isRecord(record)) return undefined
  const value = record[key]
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined
}

/** The task id in a create response (TokenLab `id`/`task_id`, Tripo `data.task_id`, ...). */
export function extractTaskId(provider: ProviderName, body: Json): string | undefined {
  if (!isRecord(body)) return undefined
  const data = body.data
  switch (provider) {
    case 'tripo':
      return stringField(data, 'task_id')
    case 'newapi':
      return stringField(body, 'task_id') ?? stringField(body, 'id') ?? stringField(data, 'task_id') ?? stringField(data, 'id') ??
        (typeof data === 'string' && data !== '' ? data : undefined)
    default:
      return stringField(body, 'id') ?? stringField(body, 'task_id') ?? stringField(data, 'task_id')
  }
}

/** Where to poll: TokenLab's (and Qingbo's) `poll_url` when given, else the canonical route. */
export function statusUrl(provider: ProviderName, baseUrl: string, taskId: string, createBody: Json): string {
  const base = baseUrl.replace(/\/+$/, '')
  const id = encodeURIComponent(taskId)
  const pollUrl = stringField(createBody, 'poll_url')
  if (pollUrl && (provider === 'tokenlab' || provider === 'qingbo')) return new URL(pollUrl, `${base}/`).toString()
  switch (provider) {
    case 'tokenlab':
    case 'qingbo':
      return `${base}/v1/tasks/${id}`
    case 'tripo':
      return `${base}/v2/openapi/task/${id}`
    case 'newapi':
      return `${base}/v1/video/generations/${id}`
  }
}

/** The provider's own status word in a status (or create) response. */
export function extractStatus(body: Json): string | undefined {
  if (!isRecord(body)) return undefined
  return stringField(body.data, 'status') ?? stringField(body, 'status')
}

const TERMINAL: Record<ProviderName, readonly string[]> = {
  tokenlab: ['completed', 'failed', 'cancelled', 'canceled', 'expired'],
  tripo: ['success', 'failed', 'banned', 'expired', 'cancelled'],
  qingbo: ['completed', 'failed', 'cancelled'],
  // new-api's task fetch says SUCCESS / FAILURE; its OpenAI-style video route says completed / failed.
  newapi: ['success', 'failure', 'completed', 'failed', 'cancelled'],
}

export function isTerminalStatus(provider: ProviderName, status: string | undefined): boolean {
  return status !== undefined && TERMINAL[provider].includes(status.toLowerCase())
}

export type MediaKind = 'image' | 'video' | 'audio' | 'model3d' | 'file'

export interface MediaLink {
  /** Where the URL sits in the JSON, e.g. `data.output.pbr_model`. */
  path: string
  url: string
  kind: MediaKind
}

// API links, not media: Qingbo's `urls.get` / `urls.cancel`, TokenLab's `poll_url` ...
const NOT_MEDIA_KEYS = new Set(['poll_url', 'get', 'cancel', 'self', 'status_url', 'cancel_url', 'callback_url', 'webhook_url'])

const KIND_BY_EXTENSION: [RegExp, MediaKind][] = [
  [/\.(png|jpe?g|webp|gif|avif|svg)$/i, 'image'],
  [/\.(mp4|webm|mov|m4v)$/i, 'video'],
  [/\.(mp3|wav|ogg|oga|m4a|aac|flac)$/i, 'audio'],
  [/\.(glb|gltf|fbx|obj|usdz|stl)$/i, 'model3d'],
]

const KIND_BY_KEY: [RegExp, MediaKind][] = [
  [/image|thumbnail|cover|view_url|rendered/i, 'image'],
  [/video/i, 'video'],
  [/audio|song|music/i, 'audio'],
  [/model|glb|pbr|mesh/i, 'model3d'],
]

export function mediaKind(url: string, path: string): MediaKind {
  let pathname = url
  try {
    pathname = new URL(url).pathname
  } catch {
    // keep the raw string
  }
  for (const [pattern, kind] of KIND_BY_EXTENSION) if (pattern.test(pathname)) return kind
  for (const [pattern, kind] of KIND_BY_KEY) if (pattern.test(path)) return kind
  return 'file'
}

/** Only http(s) and blob URLs are ever rendered (never `javascript:` and friends). */
export function isSafeUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url)
    return protocol === 'http:' || protocol === 'https:' || protocol === 'blob:'
  } catch {
    return false
  }
}

/** Every media URL in a terminal response, wherever the provider puts it, deduplicated. */
export function extractMedia(body: Json): MediaLink[] {
  const found = new Map<string, MediaLink>()
  const walk = (value: Json, path: string, key: string) => {
    if (typeof value === 'string') {
      if (NOT_MEDIA_KEYS.has(key) || !isSafeUrl(value) || found.has(value)) return
      found.set(value, { path, url: value, kind: mediaKind(value, path) })
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, `${path}[${index}]`, key))
    } else if (isRecord(value)) {
      for (const [childKey, child] of Object.entries(value)) walk(child, path ? `${path}.${childKey}` : childKey, childKey)
    }
  }
  walk(body, '', '')
  return [...found.values()]
}

// The simulator's prompt-tag grammar (packages/testing/src/tags.ts): `[sim:item,item]` anywhere in
// the create body chooses the task's scenario, faults included, per task.

export const OUTCOME_CHOICES = [
  { value: '', label: 'Random (seeded)' },
  { value: 'outcome=success', label: 'Success' },
  { value: 'outcome=failure', label: 'Failure' },
  { value: 'outcome=blocked', label: 'Blocked (moderation)' },
  { value: 'outcome=expired', label: 'Expired' },
  { value: 'outcome=cancelled', label: 'Cancelled' },
  { value: 'no-output', label: 'Success without media' },
  { value: 'never-finish', label: 'Never finishes' },
] as const

export type OutcomeChoice = (typeof OUTCOME_CHOICES)[number]['value']

export const FAULT_CHOICES = [
  { value: '', label: 'None' },
  { value: 'rate-limit=2', label: '429 + Retry-After (next 2 status requests)' },
  { value: 'server-error=2', label: '500 server error (next 2 status requests)' },
  { value: 'drop', label: 'Dropped connection (next status request)' },
  { value: 'malformed-json', label: 'Malformed JSON (next status request)' },
  { value: 'unknown-status=2', label: 'Unknown status word (next 2 status requests)' },
  { value: 'latency=1500ms', label: '1.5 s latency (every status request)' },
] as const

export type FaultChoice = (typeof FAULT_CHOICES)[number]['value']

/**
 * The prompt with one `[sim:...]` tag holding the given items. Items may be written bare
 * (`kind=video, run=20s`) or as whole tags (`[sim:kind=video]`); empty ones are skipped.
 */
export function promptWithTags(prompt: string, items: readonly string[]): string {
  const cleaned = items
    .flatMap((item) => item.replace(/\[sim:([^\]]*)\]/gi, '$1').split(','))
    .map((item) => item.trim())
    .filter(Boolean)
  return cleaned.length === 0 ? prompt : `${prompt.trim()} [sim:${cleaned.join(',')}]`
}
