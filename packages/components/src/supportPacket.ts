import type { Task } from '@taskkit/hooks'

export interface SupportPacketExtra {
  /** The endpoint the task was created on; only its path is kept (no host, no query). */
  endpoint?: string
  /** The client's own job id. */
  jobId?: string
  /** The time to stamp; default now. */
  now?: number
}

/** Anything with a scheme (`https://...`, `javascript:...`, `data:...`) is removed from a value. */
const URL_LIKE = /[a-z][a-z0-9+.-]*:\/\/\S*|\b(?:javascript|data|blob|vbscript|file|mailto):\S*/gi

function clean(value: string | undefined): string {
  if (value === undefined || value.trim() === '') return '-'
  return value.replace(URL_LIKE, '[removed]').replace(/\s+/g, ' ').trim().slice(0, 200)
}

/** The path of an endpoint: `https://api.example/v1/videos?key=1` -> `/v1/videos`. */
function endpointPath(endpoint: string | undefined): string {
  if (!endpoint) return '-'
  try {
    return clean(new URL(endpoint).pathname)
  } catch {
    return clean(endpoint.split(/[?#]/)[0])
  }
}

function time(ms: number | undefined): string {
  return ms === undefined || !Number.isFinite(ms) ? '-' : new Date(ms).toISOString()
}

/**
 * Plain text for a support request: request id, task id, billing transaction id, provider, model,
 * endpoint and times. By design it never contains keys, prompts, error messages or any URL
 * (result links are signed), only identifiers a provider's support can look up.
 */
export function supportPacket(task: Task, extra: SupportPacketExtra = {}): string {
  const lines: [string, string][] = [
    ['Task ID', clean(task.id)],
    ['Request ID', clean(task.requestId)],
    ['Billing transaction ID', clean(task.billing?.transactionId)],
    ['Provider', clean(task.provider)],
    ['Model', clean(task.model)],
    ['Endpoint', endpointPath(extra.endpoint)],
    ['Job ID', clean(extra.jobId)],
    ['State', `${task.state} (${clean(task.rawStatus)})`],
    ['Error code', clean(task.error?.code)],
    ['Created', time(task.createdAt)],
    ['Finished', time(task.finishedAt)],
    ['Time', time(extra.now ?? Date.now())],
  ]
  return ['TaskKit support info', ...lines.map(([name, value]) => `${name}: ${value}`)].join('\n')
}
