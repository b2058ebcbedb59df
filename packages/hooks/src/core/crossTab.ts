import type { Task } from './model'

/**
 * One poller per task across tabs: the tab holding a Web Lock for the task polls and broadcasts
 * each answer; the others listen. When the leader's tab closes, its lock is released and the
 * next waiting tab takes over. Without Web Locks or BroadcastChannel, every tab polls on its own.
 */
export interface CrossTab {
  /**
   * Calls `lead` once this tab holds the lock for `key` (at once when locks are unavailable).
   * `lead` returns its own stop function, called when leadership ends. Returns a release function.
   */
  lead(key: string, lead: () => () => void): () => void
  publish(key: string, message: CrossTabMessage): void
  subscribe(key: string, listener: (message: CrossTabMessage) => void): () => void
}

export type CrossTabMessage =
  | { type: 'task'; task: Task }
  | { type: 'stopped'; reason: string; error?: { kind: string; message: string; code?: string; status?: number } }

interface Envelope {
  key: string
  message: CrossTabMessage
}

interface LockManagerLike {
  request(name: string, options: { signal?: AbortSignal }, callback: () => Promise<void>): Promise<unknown>
}

export function browserCrossTab(channelName = 'taskkit'): CrossTab {
  const locks = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks
  const Channel = globalThis.BroadcastChannel as typeof BroadcastChannel | undefined
  if (!locks || !Channel) return localCrossTab()

  let channel: BroadcastChannel | undefined
  const listeners = new Map<string, Set<(message: CrossTabMessage) => void>>()
  const open = (): BroadcastChannel => {
    if (channel) return channel
    channel = new Channel(channelName)
    channel.onmessage = (event: MessageEvent<Envelope>) => {
      const data = event.data
      if (!data || typeof data.key !== 'string') return
      for (const listener of listeners.get(data.key) ?? []) listener(data.message)
    }
    return channel
  }

  return {
    lead(key, lead) {
      const abort = new AbortController()
      let release: (() => void) | undefined
      let released = false
      locks
        .request(`${channelName}:${key}`, { signal: abort.signal }, async () => {
          if (released) return
          const stop = lead()
          await new Promise<void>((resolve) => {
            release = () => {
              stop()
              resolve()
            }
          })
        })
        .catch(() => {
          // AbortError while waiting for the lock: this tab gave up before leading. Nothing to undo.
        })
      return () => {
        if (released) return
        released = true
        abort.abort()
        release?.()
      }
    },
    publish(key, message) {
      try {
        open().postMessage({ key, message } satisfies Envelope)
      } catch {
        // A task that cannot be cloned (exotic raw data) is not worth failing the poll over.
      }
    },
    subscribe(key, listener) {
      open()
      let set = listeners.get(key)
      if (!set) listeners.set(key, (set = new Set()))
      set.add(listener)
      return () => {
        set.delete(listener)
        if (set.size === 0) listeners.delete(key)
        // No task followed any more: close the channel, so a client nobody uses holds none open
        // (the next subscribe or publish opens it again).
        if (listeners.size === 0) {
          channel?.close()
          channel = undefined
        }
      }
    },
  }
}

/** Every tab leads its own tasks: the fallback, and the default outside browsers. */
export function localCrossTab(): CrossTab {
  return {
    lead(_key, lead) {
      const stop = lead()
      let released = false
      return () => {
        if (released) return
        released = true
        stop()
      }
    },
    publish() {},
    subscribe() {
      return () => {}
    },
  }
}
