import { describe, expect, it } from 'vitest'
import type { TaskAsset } from '../model'
import { addAsset, assetKind, collectAssets, type AssetSink } from './assets'

const sink = (): AssetSink => ({ base: 'https://api.example.com/prefix', assets: [] as TaskAsset[] })

describe('assetKind', () => {
  it('prefers the extension, then the field name', () => {
    expect(assetKind('https://x.example/a.GLB?sig=1', ['image_url'])).toBe('model3d')
    expect(assetKind('https://x.example/a', ['rendered_video'])).toBe('video')
    expect(assetKind('https://x.example/a', ['front_view_url'])).toBe('image')
    expect(assetKind('https://x.example/a', ['audio_url'])).toBe('audio')
    expect(assetKind('https://x.example/a', ['pbr_model'])).toBe('model3d')
    expect(assetKind('https://x.example/model.mtl', ['model_urls'])).toBe('file')
    expect(assetKind('https://x.example/a', ['blob'])).toBe('file')
    expect(assetKind('https://x.example/a', [], 'video')).toBe('video')
  })
})

describe('addAsset', () => {
  it('keeps only safe, distinct URLs and resolves root-relative paths against the base', () => {
    const s = sink()
    expect(addAsset(s, '/files/a.png')).toBe(true)
    expect(addAsset(s, 'https://api.example.com/prefix/files/a.png')).toBe(false)
    expect(addAsset(s, 'javascript:alert(1)')).toBe(false)
    expect(addAsset(s, 'data:text/html,<b>')).toBe(false)
    expect(addAsset(s, '//evil.example/x.png')).toBe(false)
    expect(addAsset(s, 'blob:https://app.example/uuid', { kind: 'video' })).toBe(true)
    expect(addAsset(s, 42)).toBe(false)
    expect(s.assets.map((asset) => asset.url)).toEqual(['https://api.example.com/prefix/files/a.png', 'blob:https://app.example/uuid'])
  })
})

describe('collectAssets', () => {
  it('finds URLs by field name and inside result containers, but not in inputs, links or text', () => {
    const s = sink()
    collectAssets(s, {
      id: 'x',
      poll_url: '/v1/tasks/x',
      urls: { get: 'https://api.example.com/v1/tasks/x', cancel: 'https://api.example.com/v1/tasks/x/cancel' },
      input: { image_url: 'https://user.example.com/ref.png' },
      error: { doc_url: 'https://docs.example.com/errors' },
      description: '/imagine a cat',
      output: ['hello', 'https://cdn.example.com/out.mp4', { nested: { thumbnail_url: 'https://cdn.example.com/t' } }],
      cover_url: '/covers/c.jpg',
    })
    expect(s.assets).toEqual([
      { kind: 'video', url: 'https://cdn.example.com/out.mp4' },
      { kind: 'image', url: 'https://cdn.example.com/t', role: 'thumbnail' },
      { kind: 'image', url: 'https://api.example.com/prefix/covers/c.jpg', role: 'cover' },
    ])
  })

  it('does not resolve non-URL strings of a result as paths', () => {
    const s = sink()
    collectAssets(s, { result: { text: '/not/a/file', url: '/real/file.png' } })
    expect(s.assets.map((asset) => asset.url)).toEqual(['https://api.example.com/prefix/real/file.png'])
  })

  it('stops at a depth limit on cyclic-looking data', () => {
    const deep: Record<string, unknown> = {}
    let cursor = deep
    for (let i = 0; i < 50; i++) {
      const next: Record<string, unknown> = {}
      cursor.data = next
      cursor = next
    }
    cursor.url = 'https://cdn.example.com/deep.png'
    const s = sink()
    collectAssets(s, deep)
    expect(s.assets).toEqual([])
  })
})
