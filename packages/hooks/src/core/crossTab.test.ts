import { afterEach, describe, expect, it, vi } from 'vitest'
import { browserCrossTab, type CrossTabMessage } from './crossTab'

/** An in-process BroadcastChannel: channels of one name deliver to each other, not to themselves. */
class FakeChannel {
  static open = new Set<FakeChannel>()
  onmessage: ((event: { data: unknown }) => void) | null = null
  constructor(readonly name: string) {
    FakeChannel.open.add(this)
  }
  postMessage(data: unknown) {
    for (const other of FakeChannel.open) if (other !== this && other.name === this.name) other.onmessage?.({ data: structuredClone(data) })
  }
  close() {
    FakeChannel.open.delete(this)
  }
}

const locks = { request: (_name: string, _options: unknown, callback: () => Promise<void>) => callback() }

function stubBrowser() {
  FakeChannel.open.clear()
  vi.stubGlobal('BroadcastChannel', FakeChannel)
  vi.stubGlobal('navigator', { locks })
}

afterEach(() => {
  vi.unstubAllGlobals()
})

const message: CrossTabMessage = { type: 'stopped', reason: 'auth' }

describe('browserCrossTab', () => {
  it('delivers one tab’s messages to the other tab’s listeners of that key', () => {
    stubBrowser()
    const leader = browserCrossTab()
    const follower = browserCrossTab()
    const heard: CrossTabMessage[] = []
    follower.subscribe('a:tokenlab:t1', (message) => heard.push(message))
    follower.subscribe('a:tokenlab:t2', () => heard.push({ type: 'stopped', reason: 'wrong key' }))
    leader.subscribe('a:tokenlab:t1', () => {})
    leader.publish('a:tokenlab:t1', message)
    expect(heard).toEqual([message])
  })

  it('closes its channel once no task is followed, and opens it again when one is', () => {
    stubBrowser()
    const tab = browserCrossTab()
    const stopFirst = tab.subscribe('a:tokenlab:t1', () => {})
    const stopSecond = tab.subscribe('a:tokenlab:t2', () => {})
    expect(FakeChannel.open.size).toBe(1)
    stopFirst()
    expect(FakeChannel.open.size).toBe(1)
    stopSecond()
    // An abandoned client keeps nothing open that other tabs' messages would reach.
    expect(FakeChannel.open.size).toBe(0)

    const heard: CrossTabMessage[] = []
    tab.subscribe('a:tokenlab:t3', (message) => heard.push(message))
    expect(FakeChannel.open.size).toBe(1)
    browserCrossTab().publish('a:tokenlab:t3', message)
    expect(heard).toEqual([message])
  })
})
