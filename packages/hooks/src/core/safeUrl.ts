/**
 * Result URLs come from providers we do not control. Only http(s) and blob URLs are ever
 * rendered or fetched: `javascript:`, `data:text/html` and friends are dropped.
 */
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'blob:'])

/** The absolute URL when it is safe to render, else undefined. Relative URLs resolve against `base`. */
export function safeUrl(value: unknown, base?: string): string | undefined {
  if (typeof value !== 'string') return undefined
  const trimmed = value.trim()
  if (trimmed === '') return undefined
  let url: URL
  try {
    url = base ? new URL(trimmed, base) : new URL(trimmed)
  } catch {
    return undefined
  }
  return SAFE_PROTOCOLS.has(url.protocol) ? url.href : undefined
}
