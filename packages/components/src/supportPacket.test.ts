import { describe, expect, it } from 'vitest'
import { FIXTURE_NOW, fixtureFailedTask } from './fixtures'
import { supportPacket } from './supportPacket'

describe('supportPacket', () => {
  const task = fixtureFailedTask({
    id: 'task_42',
    requestId: 'req_1',
    billing: { transactionId: 'txn_9' },
    model: 'video-gen-2',
    provider: 'tokenlab',
    error: { code: 'task_failed', message: 'Prompt "a secret cat" failed at https://cdn.example/x.png?sig=abc' },
    assets: [{ kind: 'image', url: 'https://cdn.example/x.png?auth_key=123-sig' }],
    raw: { prompt: 'a secret cat', api_key: 'sk-live-123' },
    pollUrl: 'https://api.example/v1/tasks/task_42',
  })

  it('lists the ids, provider, model, endpoint path and time', () => {
    const text = supportPacket(task, { endpoint: 'https://api.example/v1/videos/generations?key=sk-live-123', jobId: 'job_7', now: FIXTURE_NOW })
    expect(text).toContain('Task ID: task_42')
    expect(text).toContain('Request ID: req_1')
    expect(text).toContain('Billing transaction ID: txn_9')
    expect(text).toContain('Provider: tokenlab')
    expect(text).toContain('Model: video-gen-2')
    expect(text).toContain('Endpoint: /v1/videos/generations')
    expect(text).toContain('Job ID: job_7')
    expect(text).toContain('Error code: task_failed')
    expect(text).toContain(`Time: ${new Date(FIXTURE_NOW).toISOString()}`)
  })

  it('never contains a URL, a prompt or a key', () => {
    const text = supportPacket(task, { endpoint: 'https://api.example/v1/videos?key=sk-live-123' })
    expect(text).not.toMatch(/https?:|javascript:|data:|blob:/i)
    expect(text).not.toContain('secret cat')
    expect(text).not.toContain('sk-live')
    expect(text).not.toContain('auth_key')
    expect(text).not.toContain('?')
  })

  it('strips URLs smuggled into identifiers', () => {
    const text = supportPacket(fixtureFailedTask({ requestId: 'javascript:alert(1)', model: 'https://evil.example/m' }))
    expect(text).not.toMatch(/javascript:|https?:/i)
    expect(text).toContain('Request ID: [removed]')
  })
})
