import type { PollBounds, TaskAdapter } from '../../adapter'
import { asRecord } from '../../normalize'
import { requireEndpoint, taskUrl, withoutKeys } from '../common'
import { defineAdapter } from '../defineAdapter'

/** Luma Dream Machine (lumalabs/lumaai-node, `Generation`). */

export interface LumaInput {
  /** Default `/dream-machine/v1/generations` (video); images: `/dream-machine/v1/generations/image`. */
  endpoint?: string
  prompt: string
  model?: string
  [field: string]: unknown
}

export interface LumaOptions {
  /** Default `https://api.lumalabs.ai`. */
  baseUrl?: string
  pollBounds?: Partial<PollBounds>
}

export function luma(options: LumaOptions = {}): TaskAdapter<LumaInput> {
  const baseUrl = options.baseUrl ?? 'https://api.lumalabs.ai'
  return defineAdapter<LumaInput>({
    name: 'luma',
    baseUrl,
    pollBounds: { minMs: 2000, initialMs: 3000, maxMs: 30_000, ...options.pollBounds },
    statusMap: { queued: 'queued', dreaming: 'running', completed: 'succeeded', failed: 'failed' },

    createRequest: (input) => ({
      method: 'POST',
      url: requireEndpoint(input.endpoint ?? '/dream-machine/v1/generations', 'luma'),
      body: withoutKeys(input, 'endpoint'),
    }),
    statusRequest: (ref) => ({ method: 'GET', url: taskUrl(baseUrl, '/dream-machine/v1/generations', ref.id) }),
    read: (body) => ({
      id: body.id,
      status: body.state,
      type: body.generation_type,
      model: body.model ?? asRecord(body.request)?.model,
      createdAt: body.created_at,
      // `assets: {video, image, progress_video}`: the role is the key.
      output: { assets: body.assets },
      error: body.failure_reason,
    }),
    // Luma can only delete a generation, not stop it: no cancel.
  })
}
