/**
 * The real provider's API key, held in this tab's memory only: never in storage, a URL, a log or
 * React state that devtools would persist. The task client reads it per request (`headers`).
 */
let key = ''

export const memoryKey = {
  get: (): string => key,
  set: (next: string): void => {
    key = next
  },
  clear: (): void => {
    key = ''
  },
}
