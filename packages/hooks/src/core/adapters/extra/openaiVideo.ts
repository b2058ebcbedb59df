import type { PollBounds, TaskAdapter } from '../../adapter'
import { taskUrl } from '../common'
import { defineAdapter } from '../defineAdapter'

/** OpenAI videos (openai/openai-node `videos`, Sora). */

export interface OpenAIVideoInput {
  model: string
  prompt: string
  seconds?: string
  size?: string
  [field: string]: unknown
}

export interface OpenAIVideoOptions {
  /** Default `https://api.openai.com`. */
  baseUrl?: string
  pollBounds?: Partial<PollBounds>
}

export function openaiVideo(options: OpenAIVideoOptions = {}): TaskAdapter<OpenAIVideoInput> {
  const baseUrl = options.baseUrl ?? 'https://api.openai.com'
  return defineAdapter<OpenAIVideoInput>({
    name: 'openai-video',
    baseUrl,
    pollBounds: { minMs: 2000, initialMs: 5000, maxMs: 20_000, ...options.pollBounds },
    statusMap: { queued: 'queued', in_progress: 'running', completed: 'succeeded', failed: 'failed' },

    createRequest: (input) => ({ method: 'POST', url: '/v1/videos', body: input }),
    statusRequest: (ref) => ({ method: 'GET', url: taskUrl(baseUrl, '/v1/videos', ref.id) }),
    read: (body) => ({
      id: body.id,
      status: body.status,
      model: body.model,
      progress: body.progress,
      createdAt: body.created_at,
      finishedAt: body.completed_at,
      error: body.error,
      // The video has no public URL: "bytes via /content". This URL needs the API key, so the app
      // fetches it with its headers and shows a blob: URL. It lives until `expires_at`.
      assets:
        body.status === 'completed'
          ? [{ url: `${taskUrl(baseUrl, '/v1/videos', String(body.id))}/content`, kind: 'video', role: 'content', expiresAt: body.expires_at }]
          : [],
    }),
    // `DELETE /v1/videos/{id}` deletes a finished video; it does not stop one: no cancel.
  })
}
