import type { PollBounds, TaskAdapter } from '../../adapter'
import { TaskKitError } from '../../errors'
import { asRecord } from '../../normalize'
import { parseError, requireEndpoint, withoutKeys } from '../common'
import { defineAdapter } from '../defineAdapter'

/** Kling (official `{code, message, request_id, data}` envelope). */

export interface KlingInput {
  /** Create route, e.g. `/v1/videos/text2video`, `/v1/videos/image2video`, `/v1/images/generations`. */
  endpoint: string
  [field: string]: unknown
}

export interface KlingOptions {
  /** Default `https://api-singapore.klingai.com` (global; `https://api.klingai.com` is the China region). */
  baseUrl?: string
  pollBounds?: Partial<PollBounds>
}

/** `{code: 0, data}`; any other code is an error envelope. */
function klingData(body: Record<string, unknown>): Record<string, unknown> {
  const data = asRecord(body.data)
  if (!data) throw parseError('kling', 'response has no `data`')
  return data
}

export function kling(options: KlingOptions = {}): TaskAdapter<KlingInput> {
  const baseUrl = options.baseUrl ?? 'https://api-singapore.klingai.com'
  const read = (body: Record<string, unknown>) => {
    const data = klingData(body)
    const result = asRecord(data.task_result)
    return {
      id: data.task_id,
      status: data.task_status,
      createdAt: data.created_at,
      requestId: body.request_id,
      output: { videos: result?.videos, images: result?.images },
      error: data.task_status_msg,
    }
  }
  return defineAdapter<KlingInput>({
    name: 'kling',
    baseUrl,
    pollBounds: { minMs: 2000, initialMs: 5000, maxMs: 30_000, ...options.pollBounds },
    statusMap: { submitted: 'queued', processing: 'running', succeed: 'succeeded', failed: 'failed' },
    // Kling answers errors with HTTP 200 too: `{code: 1201, message}`.
    isErrorBody: (body) => body.code !== undefined && body.code !== 0,

    createRequest: (input) => ({
      method: 'POST',
      url: requireEndpoint(input.endpoint, 'kling'),
      body: withoutKeys(input, 'endpoint'),
    }),
    // Tasks are read back on their create route: `GET /v1/videos/text2video/{task_id}`.
    readCreate: (body, _response, input) => {
      const draft = read(body)
      return { ...draft, pollUrl: `${input.endpoint}/${encodeURIComponent(String(draft.id))}` }
    },
    statusRequest: (ref) => {
      if (!ref.pollUrl) throw new TaskKitError('invalid-input', 'kling: the task has no status URL (set at create)', { provider: 'kling' })
      return { method: 'GET', url: ref.pollUrl }
    },
    read: (body) => read(body),
  })
}

