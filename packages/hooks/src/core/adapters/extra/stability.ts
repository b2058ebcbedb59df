import type { PollBounds, TaskAdapter } from '../../adapter'
import { parseError, requireEndpoint, taskUrl } from '../common'
import { defineAdapter } from '../defineAdapter'

/**
 * Stability AI v2beta async generations (image-to-video, ...). The HTTP status is the state:
 * 202 `{id, status: "in-progress"}` while running, 200 with the result when done (kept 24 h).
 */

export interface StabilityInput {
  /** Create route, e.g. `/v2beta/image-to-video`. */
  endpoint: string
  /**
   * The request as multipart form data: Stability accepts no JSON on these routes. The HTTP
   * layer must send a FormData body as is.
   */
  form: FormData
}

export interface StabilityOptions {
  /** Default `https://api.stability.ai`. */
  baseUrl?: string
  pollBounds?: Partial<PollBounds>
}

export function stability(options: StabilityOptions = {}): TaskAdapter<StabilityInput> {
  const baseUrl = options.baseUrl ?? 'https://api.stability.ai'
  return defineAdapter<StabilityInput>({
    name: 'stability',
    baseUrl,
    // Stability's examples poll every 10 s; a video takes a minute or two.
    pollBounds: { minMs: 5000, initialMs: 10_000, maxMs: 30_000, ...options.pollBounds },
    statusMap: {},

    createRequest: (input) => ({ method: 'POST', url: requireEndpoint(input.endpoint, 'stability'), body: input.form }),
    readCreate: (body) => ({ id: body.id }),
    // `accept: application/json` asks for the result as base64 JSON instead of raw bytes.
    statusRequest: (ref) => ({
      method: 'GET',
      url: taskUrl(baseUrl, '/v2beta/results', ref.id),
      headers: { accept: 'application/json' },
    }),
    read(body, response, ref) {
      const done = response.status === 200
      const result = body.video ?? body.image ?? body.audio
      if (done && result === undefined) throw parseError('stability', 'a finished answer has no result')
      return {
        // The 200 body has no id: it is the result of the task that was asked for.
        id: body.id ?? ref?.id,
        status: body.status ?? body.finish_reason ?? `HTTP ${response.status}`,
        // finish_reason: SUCCESS, CONTENT_FILTERED (moderation) or ERROR.
        state: done
          ? body.finish_reason === 'CONTENT_FILTERED'
            ? 'blocked'
            : body.finish_reason === 'ERROR'
              ? 'failed'
              : 'succeeded'
          : response.status === 202
            ? 'running'
            : undefined,
        // The result is base64 (`video`, `image`), not a URL: kept in `raw`, counted as output.
        output: result,
      }
    },
  })
}
