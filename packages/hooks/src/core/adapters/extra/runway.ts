import type { PollBounds, TaskAdapter } from '../../adapter'
import { asString } from '../../normalize'
import { requireEndpoint, taskUrl, withoutKeys } from '../common'
import { defineAdapter } from '../defineAdapter'

/** Runway (runwayml/sdk-node, `tasks.retrieve`). */

export interface RunwayInput {
  /** Create route, e.g. `/v1/image_to_video`, `/v1/text_to_image`. */
  endpoint: string
  model: string
  [field: string]: unknown
}

export interface RunwayOptions {
  /** Default `https://api.dev.runwayml.com`. */
  baseUrl?: string
  /** Sent as `X-Runway-Version` (required by the API). Default `2024-11-06`. */
  apiVersion?: string
  pollBounds?: Partial<PollBounds>
}

export function runway(options: RunwayOptions = {}): TaskAdapter<RunwayInput> {
  const baseUrl = options.baseUrl ?? 'https://api.dev.runwayml.com'
  const headers = { 'x-runway-version': options.apiVersion ?? '2024-11-06' }
  return defineAdapter<RunwayInput>({
    name: 'runway',
    baseUrl,
    // "poll no faster than 5 s" (CONTRACTS.md); generations take tens of seconds to minutes.
    pollBounds: { minMs: 5000, initialMs: 5000, maxMs: 30_000, ...options.pollBounds },
    statusMap: {
      PENDING: 'queued',
      THROTTLED: 'queued',
      RUNNING: 'running',
      SUCCEEDED: 'succeeded',
      FAILED: 'failed',
      CANCELLED: 'cancelled',
    },

    createRequest: (input) => ({
      method: 'POST',
      url: requireEndpoint(input.endpoint, 'runway'),
      headers,
      body: withoutKeys(input, 'endpoint'),
    }),
    statusRequest: (ref) => ({ method: 'GET', url: taskUrl(baseUrl, '/v1/tasks', ref.id), headers }),
    read: (body) => ({
      id: body.id,
      status: body.status,
      // `failureCode` SAFETY.* is a moderation refusal (CONTRACTS.md: "FAILED F (SAFETY.* -> B)").
      state: body.status === 'FAILED' && asString(body.failureCode)?.startsWith('SAFETY.') ? 'blocked' : undefined,
      // "progress": a 0..1 fraction.
      progress: body.progress,
      progressIsFraction: true,
      createdAt: body.createdAt,
      output: body.output,
      error: { message: body.failure, code: body.failureCode },
    }),
    // `DELETE /v1/tasks/{id}` cancels a running task (or deletes a finished one): 204.
    cancel: { request: (task) => ({ method: 'DELETE', url: taskUrl(baseUrl, '/v1/tasks', task.id), headers }) },
  })
}
