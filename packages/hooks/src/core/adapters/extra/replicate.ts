import type { PollBounds, TaskAdapter } from '../../adapter'
import { asRecord, asString } from '../../normalize'
import { requireEndpoint, taskUrl } from '../common'
import { defineAdapter } from '../defineAdapter'

/** Replicate predictions (replicate.com/docs/reference/http). */

export interface ReplicateInput {
  /** `owner/name` of an official model: creates at `/v1/models/{owner}/{name}/predictions`. */
  model?: string
  /** A version id: creates at `/v1/predictions`. */
  version?: string
  input: Record<string, unknown>
  webhook?: string
  webhook_events_filter?: string[]
}

export interface ReplicateOptions {
  /** Default `https://api.replicate.com`. */
  baseUrl?: string
  pollBounds?: Partial<PollBounds>
}

export function replicate(options: ReplicateOptions = {}): TaskAdapter<ReplicateInput> {
  const baseUrl = options.baseUrl ?? 'https://api.replicate.com'
  return defineAdapter<ReplicateInput>({
    name: 'replicate',
    baseUrl,
    pollBounds: options.pollBounds,
    statusMap: {
      starting: 'queued',
      processing: 'running',
      succeeded: 'succeeded',
      failed: 'failed',
      canceled: 'cancelled',
      // "aborted": the prediction was terminated before it started (deadline, queue time-out).
      aborted: 'expired',
    },
    createRequest: ({ model, version, ...body }) => ({
      method: 'POST',
      url: model ? requireEndpoint(`/v1/models/${model}/predictions`, 'replicate') : '/v1/predictions',
      body: model ? body : { version, ...body },
    }),
    // `urls.get` is the prediction's own status URL.
    statusRequest: (ref) => ({ method: 'GET', url: ref.pollUrl ?? taskUrl(baseUrl, '/v1/predictions', ref.id) }),
    read: (body) => ({
      id: body.id,
      status: body.status,
      model: body.model,
      createdAt: body.created_at,
      startedAt: body.started_at,
      finishedAt: body.completed_at,
      // `output` is whatever the model returns: a URL, a list of URLs, text, JSON.
      output: body.output,
      error: body.error,
      pollUrl: asRecord(body.urls)?.get,
    }),
    cancel: {
      request: (task) => ({ method: 'POST', url: `${taskUrl(baseUrl, '/v1/predictions', task.id)}/cancel` }),
      outcome: (response) =>
        response.status < 300 && asString(asRecord(response.body)?.status) === 'canceled' ? 'cancelled' : undefined,
    },
  })
}
