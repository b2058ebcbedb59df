import type { PollBounds, TaskAdapter, TaskRef } from '../../adapter'
import { TaskKitError } from '../../errors'
import { asNumber, asString } from '../../normalize'
import { requireEndpoint } from '../common'
import { defineAdapter } from '../defineAdapter'
import { readErrorDetails } from '../readError'

/**
 * fal.ai queue (docs.fal.ai/model-endpoints/queue). Two steps: the status URL says COMPLETED,
 * but only the response URL tells success from failure and holds the result. So COMPLETED stays
 * `running` with `pollUrl` moved to `response_url`, and the next poll reads the result.
 */

export interface FalInput {
  /** The endpoint id, e.g. `fal-ai/fast-sdxl`; default the adapter's `app`. */
  app?: string
  input: Record<string, unknown>
}

export interface FalOptions {
  /** Default `https://queue.fal.run`. */
  baseUrl?: string
  /** Default endpoint id, also used to build status URLs for tasks that have no `pollUrl`. */
  app?: string
  pollBounds?: Partial<PollBounds>
}

/** Requests live under the app's owner/name only: `fal-ai/flux/dev` polls at `fal-ai/flux/requests/...`. */
const appRoot = (app: string) => app.split('/').slice(0, 2).join('/')

export function fal(options: FalOptions = {}): TaskAdapter<FalInput> {
  const baseUrl = options.baseUrl ?? 'https://queue.fal.run'
  /** A result URL (not `/status`) was polled: its answer is the model output, not a status. */
  const readingResult = (ref?: TaskRef) => ref?.pollUrl !== undefined && !/\/status\/?$/.test(new URL(ref.pollUrl).pathname)
  const requestUrl = (id: string, suffix: string) => {
    if (!options.app) {
      throw new TaskKitError('invalid-input', 'fal: this task has no status URL; pass `app` to fal()', { provider: 'fal' })
    }
    return `/${appRoot(options.app)}/requests/${encodeURIComponent(id)}${suffix}`
  }

  return defineAdapter<FalInput>({
    name: 'fal',
    baseUrl,
    // Most fal apps finish in seconds.
    pollBounds: { minMs: 1000, initialMs: 1000, maxMs: 10_000, ...options.pollBounds },
    statusMap: { IN_QUEUE: 'queued', IN_PROGRESS: 'running' },

    createRequest: ({ app = options.app, input }) => ({
      method: 'POST',
      url: requireEndpoint(`/${app ?? ''}`, 'fal'),
      body: input,
    }),
    // Submit answers `{request_id, response_url, status_url, cancel_url}`: queued, polled at `status_url`.
    readCreate: (body) => ({ id: body.request_id, pollUrl: body.status_url }),
    statusRequest: (ref) => ({ method: 'GET', url: ref.pollUrl ?? requestUrl(ref.id, '/status') }),
    read(body, _response, ref) {
      const status = asString(body.status)
      if (readingResult(ref)) {
        // The response URL answers with the app's own output (`{images: [{url}], ...}`).
        return { id: ref?.id, status: 'COMPLETED', state: 'succeeded', output: body }
      }
      const queue = asNumber(body.queue_position)
      return {
        id: body.request_id,
        status,
        // COMPLETED: "fetch `response_url` to tell S from F" (CONTRACTS.md). Newer queues add `error` here.
        state: status === 'COMPLETED' ? (body.error ? 'failed' : 'running') : undefined,
        error: body.error,
        // `queue_position` is 0-based (0 = next).
        queuePosition: queue === undefined ? undefined : queue + 1,
        pollUrl: status === 'COMPLETED' && !body.error ? body.response_url : body.status_url,
        requestId: body.request_id,
      }
    },
    // The response URL answers a failed request with its error (422 for invalid input). 5xx may pass: retried.
    readErrorAsTask(response, ref) {
      const status = response.status
      if (!readingResult(ref) || status >= 500 || [401, 403, 404, 429].includes(status)) return undefined
      return { id: ref.id, status: `HTTP ${status}`, state: 'failed', error: readErrorDetails(response).message }
    },
    cancel: {
      // `PUT .../cancel` -> 202 CANCELLATION_REQUESTED, 400 ALREADY_COMPLETED.
      request: (task) => ({
        method: 'PUT',
        url: task.pollUrl ? `${task.pollUrl.replace(/\/status\/?$/, '')}/cancel` : requestUrl(task.id, '/cancel'),
      }),
      outcome: (response) => (response.status === 400 ? 'not-cancellable' : undefined),
    },
  })
}
