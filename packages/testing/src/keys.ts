/**
 * API keys as the providers check them. The raw key never leaves this module: the simulator owns
 * tasks and records requests by a fingerprint, so no key ends up in memory dumps, logs or test
 * snapshots.
 */
export type KeyCheck =
  | { status: 'missing' }
  | { status: 'invalid' }
  | { status: 'valid'; fingerprint: string }

/** Extracts the key from `Authorization: Bearer <key>` (new-api also accepts the bare key). */
export function readBearerKey(authorization: string | undefined, { allowBare = false } = {}): string | undefined {
  if (!authorization) return undefined
  const trimmed = authorization.trim()
  const match = /^bearer\s+(.+)$/i.exec(trimmed)
  if (match?.[1]) return match[1].trim() || undefined
  return allowBare && !/\s/.test(trimmed) ? trimmed : undefined
}

/** FNV-1a (64 bit), enough to tell keys apart without being able to recover them. */
export function fingerprintKey(key: string): string {
  let hash = 0xcbf29ce484222325n
  for (let i = 0; i < key.length; i++) {
    hash ^= BigInt(key.charCodeAt(i))
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn
  }
  return `key_${hash.toString(16).padStart(16, '0')}`
}

/**
 * Default rule when no allow-list is given: any non-empty key is accepted, except those starting
 * with `invalid`, so tests can provoke a 401 without configuration.
 */
export function checkKey(key: string | undefined, allowed: ReadonlySet<string> | undefined): KeyCheck {
  if (key === undefined || key === '') return { status: 'missing' }
  const valid = allowed ? allowed.has(key) : !key.toLowerCase().startsWith('invalid')
  return valid ? { status: 'valid', fingerprint: fingerprintKey(key) } : { status: 'invalid' }
}
