import { MEDIA_FILES } from './media/files.generated'
import { fingerprintKey } from './keys'
import type { SimResponse } from './http'
import { textResponse } from './http'

/** The real sample files bundled with the package, so previews in Storybook and e2e render. */
export type MediaFileName = keyof typeof MEDIA_FILES

/**
 * Names under which a task's media is served. Several outputs share one sample file (Tripo's
 * `base_model` and `pbr_model` are GLBs like `model`); `model.fbx` is the GLB bytes labelled as a
 * generic binary, which is enough for a download link. Every bundled file is served by its own name too.
 */
export const SERVED_MEDIA: Readonly<Record<string, { source: MediaFileName; contentType?: string }>> = {
  ...Object.fromEntries((Object.keys(MEDIA_FILES) as MediaFileName[]).map((name) => [name, { source: name }])),
  'base.glb': { source: 'model.glb' },
  'pbr.glb': { source: 'model.glb' },
  'model.fbx': { source: 'model.glb', contentType: 'application/octet-stream' },
  'preview.png': { source: 'image.png' },
  'cover.png': { source: 'image.png' },
}

/** Tripo's output URLs stop working five minutes after they are issued. */
export const TRIPO_URL_TTL_MS = 5 * 60 * 1000

const decoded = new Map<MediaFileName, Uint8Array>()

/** Decodes with atob so the package stays usable in browsers (no Buffer). */
export function mediaBytes(name: MediaFileName): Uint8Array {
  let bytes = decoded.get(name)
  if (!bytes) {
    const binary = atob(MEDIA_FILES[name].base64)
    bytes = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
    decoded.set(name, bytes)
  }
  return bytes
}

export function mediaPath(taskId: string, servedName: string): string {
  return `/media/${encodeURIComponent(taskId)}/${servedName}`
}

function signature(taskId: string, servedName: string, expirySeconds: number, secret: string): string {
  return fingerprintKey(`${taskId}/${servedName}/${expirySeconds}/${secret}`).slice(4)
}

/** `?auth_key=<expiry seconds>-<signature>`, the shape of Tripo's CDN links. */
export function signedQuery(taskId: string, servedName: string, issuedAtMs: number, secret: string): string {
  const expirySeconds = Math.floor((issuedAtMs + TRIPO_URL_TTL_MS) / 1000)
  return `?auth_key=${expirySeconds}-${signature(taskId, servedName, expirySeconds, secret)}`
}

export type SignatureCheck = 'ok' | 'missing' | 'bad' | 'expired'

export function checkSignature(taskId: string, servedName: string, authKey: string | null, nowMs: number, secret: string): SignatureCheck {
  if (!authKey) return 'missing'
  const match = /^(\d+)-([0-9a-f]+)$/.exec(authKey)
  if (!match?.[1] || !match[2]) return 'bad'
  const expirySeconds = Number(match[1])
  if (match[2] !== signature(taskId, servedName, expirySeconds, secret)) return 'bad'
  return nowMs > expirySeconds * 1000 ? 'expired' : 'ok'
}

/**
 * Serves one file with the right Content-Type and Content-Length, honouring a single byte range
 * (Safari will not play a <video> from a server that ignores Range).
 */
export function serveMedia(servedName: string, method: string, range: string | undefined, extraHeaders: Record<string, string>): SimResponse {
  const entry = SERVED_MEDIA[servedName]
  if (!entry) return textResponse(404, 'Not Found', extraHeaders)
  const bytes = mediaBytes(entry.source)
  const contentType = entry.contentType ?? MEDIA_FILES[entry.source].contentType
  const baseHeaders = {
    ...extraHeaders,
    'content-type': contentType,
    'accept-ranges': 'bytes',
    'cache-control': 'private, max-age=60',
  }

  const wanted = range ? /^bytes=(\d*)-(\d*)$/.exec(range.trim()) : null
  if (wanted && (wanted[1] || wanted[2])) {
    const size = bytes.length
    let start = wanted[1] ? Number(wanted[1]) : Math.max(0, size - Number(wanted[2]))
    let end = wanted[1] && wanted[2] ? Number(wanted[2]) : size - 1
    end = Math.min(end, size - 1)
    if (start > end || start >= size) {
      return { status: 416, headers: { ...baseHeaders, 'content-range': `bytes */${size}`, 'content-length': '0' }, body: null }
    }
    start = Math.max(0, start)
    const slice = bytes.subarray(start, end + 1)
    return {
      status: 206,
      headers: { ...baseHeaders, 'content-range': `bytes ${start}-${end}/${size}`, 'content-length': String(slice.length) },
      body: method === 'HEAD' ? null : slice,
    }
  }

  return {
    status: 200,
    headers: { ...baseHeaders, 'content-length': String(bytes.length) },
    body: method === 'HEAD' ? null : bytes,
  }
}
