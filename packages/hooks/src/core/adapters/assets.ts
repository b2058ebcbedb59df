import type { AssetKind, TaskAsset } from '../model'
import { asRecord } from '../normalize'
import { joinUrl } from './common'
import { safeUrl } from '../safeUrl'

/**
 * Result URLs -> `TaskAsset`s. Every URL goes through `safeUrl` (http, https, blob only);
 * root-relative paths resolve against the adapter's base URL.
 */

const KIND_BY_EXTENSION = new Map<string, AssetKind>()
for (const [kind, extensions] of [
  ['model3d', 'glb gltf fbx obj usdz stl 3mf ply'],
  ['image', 'png jpg jpeg webp gif avif bmp'],
  ['video', 'mp4 webm mov m4v mkv'],
  ['audio', 'mp3 wav ogg oga m4a aac flac opus'],
  // Parts of a model (OBJ material) or archives: a download, not something to preview.
  ['file', 'mtl zip'],
] as const) {
  for (const extension of extensions.split(' ')) KIND_BY_EXTENSION.set(extension, kind)
}

// Field names, most specific first: `rendered_video` is a video although "render" suggests an image.
const KIND_BY_NAME: ReadonlyArray<readonly [RegExp, AssetKind]> = [
  [/video|mp4|movie/i, 'video'],
  [/audio|music|song|sound|voice|speech/i, 'audio'],
  [/model|mesh|glb|gltf|fbx|obj|usdz|3d/i, 'model3d'],
  [/image|img|photo|picture|thumb|cover|poster|preview|render|view|texture|sequence/i, 'image'],
]

/** Kind from the URL's extension, then the field's own name, then its path; else `fallback`. */
export function assetKind(url: string, names: readonly string[], fallback: AssetKind = 'file'): AssetKind {
  const extension = /\.([a-z0-9]{2,5})$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase()
  const byExtension = extension === undefined ? undefined : KIND_BY_EXTENSION.get(extension)
  if (byExtension) return byExtension
  for (const name of names) {
    for (const [pattern, kind] of KIND_BY_NAME) if (pattern.test(name)) return kind
  }
  return fallback
}

export interface AssetSink {
  base: string
  assets: TaskAsset[]
  /** Applied to every asset added without its own expiry (Tripo: response time + 5 minutes). */
  expiresAt?: number
  fallbackKind?: AssetKind
}

export interface AssetOptions {
  kind?: AssetKind
  role?: string
  expiresAt?: number
  /** Field names that hint at the kind when the URL has no telling extension. */
  names?: readonly string[]
  /** Resolve root-relative paths (only for fields that are URLs by name, not any string in a result). */
  relative?: boolean
}

/** Adds one asset if `value` is a safe URL not already listed; returns whether it did. */
export function addAsset(sink: AssetSink, value: unknown, options: AssetOptions = {}): boolean {
  if (typeof value !== 'string') return false
  const text = value.trim()
  const rootRelative = text.startsWith('/') && !text.startsWith('//')
  const url = rootRelative ? (options.relative === false ? undefined : safeUrl(joinUrl(sink.base, text))) : safeUrl(text)
  if (url === undefined || sink.assets.some((asset) => asset.url === url)) return false
  const asset: TaskAsset = {
    kind: options.kind ?? assetKind(url, options.names ?? [options.role ?? ''], sink.fallbackKind),
    url,
  }
  if (options.role !== undefined) asset.role = options.role
  const expiresAt = options.expiresAt ?? sink.expiresAt
  if (expiresAt !== undefined) asset.expiresAt = expiresAt
  sink.assets.push(asset)
  return true
}

const URL_FIELD = /(?:^|_)(?:url|urls|uri|href|src|link)$/i
// Containers whose plain string values are results (`images: ["https://..."]`, Luma `assets.video`).
const RESULT_FIELD =
  /^(?:images?|videos?|audios?|clips|songs|outputs?|results?|data|task_result|assets|files|media|generations|items)$/i
// Never results: echoed inputs (a reference image is not an output), links, errors, logs.
const SKIPPED_FIELD =
  /^(?:inputs?|request|params|parameters|properties|metadata|prompt|logs|error|billing|get|cancel|web|stream|self)$|^(?:poll|status|cancel|response|callback|webhook|notify)_url$/i
const GENERIC_FIELD = /^(?:\d+|url|urls|uri|href|src|link)$/i

/** `glb_url` -> `glb`; generic names (`url`, `images`) give no role. */
function roleOf(field: string): string | undefined {
  if (GENERIC_FIELD.test(field) || RESULT_FIELD.test(field)) return undefined
  return field.replace(/_urls?$/i, '') || undefined
}

/**
 * Liberal scan for result URLs: fields named like URLs anywhere, and any string inside a result
 * container. Non-URL strings (ids, durations, text output) fail `safeUrl` and are ignored.
 */
export function collectAssets(sink: AssetSink, value: unknown, field = '', path: readonly string[] = [], depth = 0): void {
  if (depth > 8 || value === null || value === undefined) return
  const urlField = URL_FIELD.test(field)
  const inResult = urlField || [...path, field].some((name) => RESULT_FIELD.test(name) || URL_FIELD.test(name))
  if (typeof value === 'string') {
    if (urlField || inResult) {
      // Paths only where the field itself is a URL or a result list (`images: ["/files/a.png"]`),
      // not any string of a result (`result.text: "/imagine a cat"`).
      const relative = urlField || RESULT_FIELD.test(field)
      addAsset(sink, value, { role: roleOf(field), names: [field, ...[...path].reverse()], relative })
    }
    return
  }
  const inner = [...path, field]
  if (Array.isArray(value)) {
    for (const item of value) collectAssets(sink, item, field, path, depth + 1)
    return
  }
  const record = asRecord(value)
  if (!record) return
  for (const [key, item] of Object.entries(record)) {
    if (!SKIPPED_FIELD.test(key)) collectAssets(sink, item, key, inner, depth + 1)
  }
}
