import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { MEDIA_FILES, type MediaFileName } from './files.generated'

// The sample files live in packages/testing/media/; files.generated.ts embeds them as base64.
// Regenerate with: node packages/testing/scripts/generate-media-module.mjs (or media/make-media.sh).
const mediaDir = new URL('../../media/', import.meta.url)
const names = Object.keys(MEDIA_FILES) as MediaFileName[]

function decoded(name: MediaFileName): Buffer {
  return Buffer.from(MEDIA_FILES[name].base64, 'base64')
}

function ascii(bytes: Buffer, start: number, length: number): string {
  return bytes.toString('latin1', start, start + length)
}

const CONTENT_TYPES: Record<string, string> = {
  png: 'image/png',
  mp4: 'video/mp4',
  webm: 'video/webm',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
  mp3: 'audio/mpeg',
  glb: 'model/gltf-binary',
}

const REQUIRED: MediaFileName[] = [
  'image.png',
  'video.mp4',
  'video.webm',
  'audio.m4a',
  'audio.ogg',
  'model.glb',
  'view-front.png',
  'view-left.png',
  'view-back.png',
  'view-right.png',
]

describe('MEDIA_FILES', () => {
  it('has every sample file the simulator serves', () => {
    for (const name of REQUIRED) expect(names).toContain(name)
  })

  it('matches packages/testing/media byte for byte (a stale module fails here)', () => {
    const onDisk = readdirSync(mediaDir)
      .filter((file) => (file.split('.').pop() ?? '') in CONTENT_TYPES)
      .sort()
    expect([...names].sort()).toEqual(onDisk)
    for (const name of names) {
      const file = readFileSync(new URL(name, mediaDir))
      expect(decoded(name).equals(file), `${name} differs from media/${name}`).toBe(true)
    }
  })

  it('labels each file with its content type', () => {
    for (const name of names) {
      expect(MEDIA_FILES[name].contentType, name).toBe(CONTENT_TYPES[name.split('.').pop() ?? ''])
    }
  })

  it('stays small', () => {
    const total = names.reduce((sum, name) => sum + decoded(name).length, 0)
    expect(total).toBeLessThan(200 * 1024)
  })
})

describe('sample file signatures', () => {
  function pngSize(bytes: Buffer): { width: number; height: number } {
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    expect(bytes.readUInt32BE(8)).toBe(13)
    expect(ascii(bytes, 12, 4)).toBe('IHDR')
    expect(ascii(bytes, bytes.length - 8, 4)).toBe('IEND')
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
  }

  it('image.png is a 512x512 PNG', () => {
    expect(pngSize(decoded('image.png'))).toEqual({ width: 512, height: 512 })
  })

  it.each(['view-front.png', 'view-left.png', 'view-back.png', 'view-right.png'] as const)('%s is a 256x256 PNG', (name) => {
    expect(pngSize(decoded(name))).toEqual({ width: 256, height: 256 })
  })

  it('the four views are different images', () => {
    const views = (['view-front.png', 'view-left.png', 'view-back.png', 'view-right.png'] as const).map((name) => MEDIA_FILES[name].base64)
    expect(new Set(views).size).toBe(4)
  })

  /** Top-level ISO BMFF boxes as [type, offset] pairs. */
  function boxes(bytes: Buffer): [string, number][] {
    const out: [string, number][] = []
    let offset = 0
    while (offset + 8 <= bytes.length) {
      const size = bytes.readUInt32BE(offset)
      out.push([ascii(bytes, offset + 4, 4), offset])
      if (size < 8) break
      offset += size
    }
    expect(offset, 'boxes fill the file exactly').toBe(bytes.length)
    return out
  }

  it.each(['video.mp4', 'audio.m4a'] as const)('%s is ISO BMFF with ftyp first and moov before mdat (faststart)', (name) => {
    const bytes = decoded(name)
    const types = boxes(bytes).map(([type]) => type)
    expect(types[0]).toBe('ftyp')
    expect(types).toContain('moov')
    expect(types).toContain('mdat')
    expect(types.indexOf('moov')).toBeLessThan(types.indexOf('mdat'))
  })

  it('video.mp4 carries H.264 and audio.m4a carries AAC', () => {
    expect(decoded('video.mp4').includes('avc1')).toBe(true)
    expect(decoded('audio.m4a').includes('mp4a')).toBe(true)
  })

  it('video.webm starts with an EBML header of DocType webm', () => {
    const bytes = decoded('video.webm')
    expect(bytes.readUInt32BE(0)).toBe(0x1a45dfa3)
    const docType = bytes.indexOf(Buffer.from([0x42, 0x82]))
    expect(docType).toBeGreaterThan(4)
    expect(docType).toBeLessThan(64)
    const length = (bytes[docType + 2] ?? 0) & 0x7f // a one-byte EBML size: 0x84 -> 4
    expect(ascii(bytes, docType + 3, length)).toBe('webm')
    expect(bytes.includes('V_VP8') || bytes.includes('V_VP9')).toBe(true)
  })

  it('audio.ogg is an Ogg stream of Opus or Vorbis', () => {
    const bytes = decoded('audio.ogg')
    expect(ascii(bytes, 0, 4)).toBe('OggS')
    expect(bytes[4]).toBe(0) // stream structure version
    expect(bytes.includes('OpusHead') || bytes.includes('\x01vorbis')).toBe(true)
  })

  // audio.mp3 is optional (make-media.sh skips it when ffmpeg has no libmp3lame), so look it up by string.
  const mp3 = (MEDIA_FILES as Partial<Record<string, { base64: string }>>)['audio.mp3']

  it.runIf(mp3 !== undefined)('audio.mp3 is MPEG audio', () => {
    const bytes = Buffer.from(mp3?.base64 ?? '', 'base64')
    let start = 0
    if (ascii(bytes, 0, 3) === 'ID3') {
      // ID3v2 size: four 7-bit "syncsafe" bytes after the 10-byte header's first six.
      start = 10 + [6, 7, 8, 9].reduce((size, i) => (size << 7) | ((bytes[i] ?? 0) & 0x7f), 0)
    }
    expect(bytes.readUInt16BE(start) & 0xffe0).toBe(0xffe0) // MPEG frame sync
  })

  it('model.glb is glTF 2.0 binary with consistent lengths and a parseable JSON chunk', () => {
    const bytes = decoded('model.glb')
    expect(ascii(bytes, 0, 4)).toBe('glTF')
    expect(bytes.readUInt32LE(4)).toBe(2)
    expect(bytes.readUInt32LE(8)).toBe(bytes.length)

    const jsonLength = bytes.readUInt32LE(12)
    expect(ascii(bytes, 16, 4)).toBe('JSON')
    expect(jsonLength % 4).toBe(0)
    const jsonText = bytes.toString('utf8', 20, 20 + jsonLength)
    expect(jsonText.replace(/ {0,3}$/, '').endsWith('}'), 'JSON chunk padded with at most 3 spaces').toBe(true)
    const gltf = JSON.parse(jsonText) as {
      asset: { version: string }
      meshes: { primitives: { attributes: Record<string, number>; indices?: number; material?: number }[] }[]
      accessors: { bufferView: number; count: number; type: string; min?: number[]; max?: number[] }[]
      bufferViews: { buffer: number; byteOffset?: number; byteLength: number }[]
      buffers: { byteLength: number; uri?: string }[]
      materials: { pbrMetallicRoughness?: { baseColorFactor?: number[] } }[]
    }
    expect(gltf.asset.version).toBe('2.0')

    const binStart = 20 + jsonLength
    const binLength = bytes.readUInt32LE(binStart)
    expect(bytes.readUInt32LE(binStart + 4)).toBe(0x004e4942) // 'BIN\0'
    expect(binLength % 4).toBe(0)
    expect(binStart + 8 + binLength).toBe(bytes.length)

    expect(gltf.buffers).toHaveLength(1)
    const buffer = gltf.buffers[0]
    expect(buffer?.uri).toBeUndefined()
    expect(buffer?.byteLength).toBeLessThanOrEqual(binLength)
    expect(binLength - (buffer?.byteLength ?? 0)).toBeLessThan(4)
    expect([...bytes.subarray(binStart + 8 + (buffer?.byteLength ?? 0))].every((byte) => byte === 0), 'BIN chunk padded with zeros').toBe(true)
    for (const view of gltf.bufferViews) {
      expect((view.byteOffset ?? 0) % 4).toBe(0)
      expect((view.byteOffset ?? 0) + view.byteLength).toBeLessThanOrEqual(buffer?.byteLength ?? 0)
    }

    expect(gltf.meshes).toHaveLength(1)
    const primitive = gltf.meshes[0]?.primitives[0]
    const position = gltf.accessors[primitive?.attributes.POSITION ?? -1]
    expect(position?.type).toBe('VEC3')
    expect(position?.min).toHaveLength(3)
    expect(position?.max).toHaveLength(3)
    expect(primitive?.attributes.NORMAL).toBeTypeOf('number')
    expect(primitive?.indices).toBeTypeOf('number')
    expect(gltf.materials[primitive?.material ?? -1]?.pbrMetallicRoughness?.baseColorFactor).toHaveLength(4)
  })
})
