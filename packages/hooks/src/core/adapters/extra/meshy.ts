import type { PollBounds, TaskAdapter } from '../../adapter'
import { TaskKitError } from '../../errors'
import { asNumber, asRecord } from '../../normalize'
import { requireEndpoint, withoutKeys } from '../common'
import { defineAdapter } from '../defineAdapter'

/** Meshy (docs.meshy.ai: text-to-3d, image-to-3d, ...). */

export interface MeshyInput {
  /** Create route, e.g. `/openapi/v2/text-to-3d`; tasks are read back at `{endpoint}/{id}`. */
  endpoint: string
  [field: string]: unknown
}

export interface MeshyOptions {
  /** Default `https://api.meshy.ai`. */
  baseUrl?: string
  pollBounds?: Partial<PollBounds>
}

export function meshy(options: MeshyOptions = {}): TaskAdapter<MeshyInput> {
  return defineAdapter<MeshyInput>({
    name: 'meshy',
    baseUrl: options.baseUrl ?? 'https://api.meshy.ai',
    // 3D generations take minutes.
    pollBounds: { minMs: 2000, initialMs: 5000, maxMs: 30_000, ...options.pollBounds },
    statusMap: {
      PENDING: 'queued',
      IN_PROGRESS: 'running',
      SUCCEEDED: 'succeeded',
      FAILED: 'failed',
      CANCELED: 'cancelled',
    },

    createRequest: (input) => ({
      method: 'POST',
      url: requireEndpoint(input.endpoint, 'meshy'),
      body: withoutKeys(input, 'endpoint'),
    }),
    // Create answers `{result: "<task id>"}`.
    readCreate: (body, _response, input) => ({
      id: body.result,
      pollUrl: `${input.endpoint}/${encodeURIComponent(String(body.result))}`,
    }),
    statusRequest: (ref) => {
      if (!ref.pollUrl) throw new TaskKitError('invalid-input', 'meshy: the task has no status URL (set at create)', { provider: 'meshy' })
      return { method: 'GET', url: ref.pollUrl }
    },
    read(body) {
      const ahead = asNumber(body.preceding_tasks)
      return {
        id: body.id,
        status: body.status,
        type: body.type,
        progress: body.progress,
        // "preceding_tasks": meaningful only while PENDING; tasks ahead, so +1 for a position.
        queuePosition: body.status === 'PENDING' && ahead !== undefined ? ahead + 1 : undefined,
        // Timestamps in ms; 0 while unset.
        createdAt: body.created_at,
        startedAt: body.started_at,
        finishedAt: body.finished_at,
        output: {
          model_urls: body.model_urls,
          thumbnail_url: body.thumbnail_url,
          video_url: body.video_url,
          texture_urls: body.texture_urls,
        },
        error: asRecord(body.task_error)?.message,
      }
    },
    // Meshy can only delete a task, not stop it: no cancel.
  })
}
