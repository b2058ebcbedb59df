import type { PollBounds, TaskAdapter } from '../../adapter'
import { TaskKitError } from '../../errors'
import { asNumber, asRecord } from '../../normalize'
import { requireEndpoint, taskUrl, withoutKeys } from '../common'
import { defineAdapter } from '../defineAdapter'

/** midjourney-proxy (novicezk/midjourney-proxy docs/api.md), self-hosted. */

export interface MidjourneyProxyInput {
  /** Default `/mj/submit/imagine`. */
  endpoint?: string
  prompt?: string
  [field: string]: unknown
}

export interface MidjourneyProxyOptions {
  /** The proxy's URL (required: it is self-hosted). */
  baseUrl: string
  pollBounds?: Partial<PollBounds>
}

/** Submit codes: 1 submitted, 21 already exists, 22 queued ("排队中"); anything else is a refusal. */
const ACCEPTED = new Set([1, 21, 22])

export function midjourneyProxy(options: MidjourneyProxyOptions): TaskAdapter<MidjourneyProxyInput> {
  if (!options?.baseUrl) {
    throw new TaskKitError('invalid-input', 'midjourney-proxy: `baseUrl` is required', { provider: 'midjourney-proxy' })
  }
  const baseUrl = options.baseUrl
  return defineAdapter<MidjourneyProxyInput>({
    name: 'midjourney-proxy',
    baseUrl,
    pollBounds: { minMs: 2000, initialMs: 3000, maxMs: 15_000, ...options.pollBounds },
    statusMap: {
      NOT_START: 'queued',
      SUBMITTED: 'queued',
      IN_PROGRESS: 'running',
      SUCCESS: 'succeeded',
      FAILURE: 'failed',
    },
    // A refused submit still answers 200: `{code: 4, description: "..."}`.
    isErrorBody: (body, answer) => answer === 'create' && typeof body.code === 'number' && !ACCEPTED.has(body.code),

    createRequest: (input) => ({
      method: 'POST',
      url: requireEndpoint(input.endpoint ?? '/mj/submit/imagine', 'midjourney-proxy'),
      body: withoutKeys(input, 'endpoint'),
    }),
    readCreate(body) {
      // "code=22: 排队中，前面还有1个任务" (queued, 1 task ahead): position = ahead + 1.
      const ahead = asNumber(asRecord(body.properties)?.numberOfQueues)
      return { id: body.result, queuePosition: ahead === undefined ? undefined : ahead + 1 }
    },
    statusRequest: (ref) => ({ method: 'GET', url: `${taskUrl(baseUrl, '/mj/task', ref.id)}/fetch` }),
    read: (body) => ({
      id: body.id,
      status: body.status,
      type: body.action,
      // "40%"
      progress: body.progress,
      // Timestamps in ms.
      createdAt: body.submitTime,
      startedAt: body.startTime,
      finishedAt: body.finishTime,
      // While IN_PROGRESS this is the preview grid; on SUCCESS the final image.
      assets: [{ url: body.imageUrl, kind: 'image' }],
      error: body.failReason,
    }),
    batch: {
      maxIds: 50,
      request: (ids) => ({ method: 'POST', url: '/mj/task/list-by-condition', body: { ids } }),
      // The answer is a bare JSON array of tasks.
      items: (body) => body,
    },
  })
}
