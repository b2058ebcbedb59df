import { isTerminalState, safeUrl, useTask, type Task, type TaskAsset } from '@taskkit/hooks'
import { createElement, forwardRef, useCallback, useEffect, useRef, useState, type ComponentPropsWithoutRef, type ReactNode } from 'react'
import { Dialog } from 'radix-ui'
import { isModelViewerDefined, loadModelViewer } from './modelViewer'
import { supportPacket, type SupportPacketExtra } from './supportPacket'
import { withClassName } from './className'

type RootProps = Omit<ComponentPropsWithoutRef<'div'>, 'children'>

export interface TaskResultViewProps extends RootProps {
  /** The task to show; undefined while it is loading. */
  task: Task | undefined
  /** Fetches the task again for fresh result URLs (before they expire, or after a load error). */
  onRefresh?: () => void
  /** Accessible name of the group. Default: "Result of task <id>". */
  label?: string
  /** Endpoint and job id to add to the copied support info. */
  supportExtra?: Omit<SupportPacketExtra, 'now'>
  /** How long before `expiresAt` to refresh, in ms. Default 15 000. */
  refreshAheadMs?: number
}

/** An asset whose URL passed `safeUrl` (http, https or blob). */
type SafeAsset = TaskAsset & { url: string }

const VIEWS = ['front', 'left', 'back', 'right'] as const
type View = (typeof VIEWS)[number]
const VIEW_LABELS: Record<View, string> = { front: 'Front', left: 'Left', back: 'Back', right: 'Right' }

function viewOf(asset: TaskAsset): View | undefined {
  const role = asset.role?.toLowerCase().replace(/(_view)?(_url)?$/, '')
  return VIEWS.find((view) => view === role)
}

function usableAssets(task: Task): SafeAsset[] {
  const out: SafeAsset[] = []
  for (const asset of task.assets) {
    const url = safeUrl(asset.url)
    if (url) out.push({ ...asset, url })
  }
  return out
}

function isGltf(asset: SafeAsset): boolean {
  if (asset.mimeType && /gltf/i.test(asset.mimeType)) return true
  try {
    return /\.(glb|gltf)$/i.test(new URL(asset.url).pathname)
  } catch {
    return false
  }
}

function fileName(asset: SafeAsset): string {
  try {
    const last = new URL(asset.url).pathname.split('/').pop()
    if (last) return decodeURIComponent(last)
  } catch {
    // fall through
  }
  return asset.role ?? 'file'
}

type LinkState = 'expired'

function slotOf(asset: TaskAsset, index: number): string {
  return `${asset.kind}:${asset.role ?? ''}:${index}`
}

interface AssetProps {
  asset: SafeAsset
  index: number
  expired: boolean
  onMediaError: (url: string, slot: string) => void
  onMediaLoad: (slot: string) => void
  onRefreshLink?: (url: string) => void
}

function ExpiredLink({ asset, onRefreshLink }: Pick<AssetProps, 'asset' | 'onRefreshLink'>) {
  return (
    <div className="tk-result__expired" data-state="expired">
      <span role="status">Link expired</span>
      {onRefreshLink ? (
        <button type="button" className="tk-result__button" onClick={() => onRefreshLink(asset.url)}>
          Refresh link
        </button>
      ) : null}
    </div>
  )
}

interface ImageAssetProps {
  asset: SafeAsset
  alt: string
  slot: string
  onMediaError: (url: string, slot: string) => void
  onMediaLoad: (slot: string) => void
}

function ImageAsset({ asset, alt, slot, onMediaError, onMediaLoad }: ImageAssetProps) {
  return (
    <Dialog.Root>
      <div className="tk-result__image">
        <img
          className="tk-result__media"
          src={asset.url}
          alt={alt}
          onLoad={() => onMediaLoad(slot)}
          onError={() => onMediaError(asset.url, slot)}
        />
        <Dialog.Trigger asChild>
          <button type="button" className="tk-result__button">
            View larger<span className="tk-result__visually-hidden">: {alt}</span>
          </button>
        </Dialog.Trigger>
      </div>
      <Dialog.Portal>
        <Dialog.Overlay className="tk-result__overlay" />
        <Dialog.Content className="tk-result__dialog" aria-describedby={undefined}>
          <Dialog.Title className="tk-result__dialog-title">{alt}</Dialog.Title>
          <img className="tk-result__dialog-image" src={asset.url} alt={alt} />
          <Dialog.Close asChild>
            <button type="button" className="tk-result__button tk-result__close">
              Close
            </button>
          </Dialog.Close>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}

function ModelAsset({ asset }: { asset: SafeAsset }) {
  const [ready, setReady] = useState(isModelViewerDefined)
  useEffect(() => {
    if (ready) return
    let active = true
    loadModelViewer().then(
      () => {
        if (active) setReady(true)
      },
      () => {
        // Not installed or failed to load: the download link stays.
      },
    )
    return () => {
      active = false
    }
  }, [ready])
  if (!ready) {
    return (
      <a className="tk-result__link" href={asset.url} download rel="noopener noreferrer" data-loading="model-viewer">
        Download 3D model ({fileName(asset)})
      </a>
    )
  }
  return createElement('model-viewer', {
    className: 'tk-result__model',
    src: asset.url,
    alt: 'Generated 3D model',
    'camera-controls': '',
  })
}

function AssetView({ asset, index, expired, onMediaError, onMediaLoad, onRefreshLink }: AssetProps) {
  const slot = slotOf(asset, index)
  if (expired) return <ExpiredLink asset={asset} onRefreshLink={onRefreshLink} />
  switch (asset.kind) {
    case 'image':
      return <ImageAsset asset={asset} alt={`Generated image ${index + 1}`} slot={slot} onMediaError={onMediaError} onMediaLoad={onMediaLoad} />
    case 'video':
      return (
        <video className="tk-result__media" src={asset.url} controls preload="metadata"
          onLoadedMetadata={() => onMediaLoad(slot)}
          onError={() => onMediaError(asset.url, slot)}
        >
          <a href={asset.url} download rel="noopener noreferrer">
            Download video
          </a>
        </video>
      )
    case 'audio':
      return (
        <audio
          className="tk-result__audio"
          src={asset.url}
          controls
          preload="metadata"
          aria-label={`Generated audio ${index + 1}`}
          onLoadedMetadata={() => onMediaLoad(slot)}
          onError={() => onMediaError(asset.url, slot)}
        />
      )
    case 'model3d':
      if (isGltf(asset)) return <ModelAsset asset={asset} />
      break
    default:
      break
  }
  return (
    <a className="tk-result__link" href={asset.url} download rel="noopener noreferrer">
      Download {fileName(asset)}
    </a>
  )
}

/** Refresh-before-expiry timers, media error retries and expired links, all tracked per URL. */
function useExpiringLinks(assets: SafeAsset[], onRefresh: (() => void) | undefined, refreshAheadMs: number) {
  const [links, setLinks] = useState<Record<string, LinkState>>({})
  const refreshedOnError = useRef(new Set<string>())
  /** Slots (asset positions) whose error refresh has not been followed by a successful load. */
  const awaitingLoad = useRef(new Set<string>())
  const refreshedAhead = useRef(new Set<string>())
  const onRefreshRef = useRef(onRefresh)
  useEffect(() => {
    onRefreshRef.current = onRefresh
  })
  const hasRefresh = !!onRefresh

  const expiring = assets
    .filter((asset) => asset.expiresAt !== undefined)
    .map((asset) => `${asset.expiresAt}|${asset.url}`)
    .join('\n')

  useEffect(() => {
    if (!expiring) return
    const timers: ReturnType<typeof setTimeout>[] = []
    const now = Date.now()
    for (const entry of expiring.split('\n')) {
      const cut = entry.indexOf('|')
      const expiresAt = Number(entry.slice(0, cut))
      const url = entry.slice(cut + 1)
      if (hasRefresh && !refreshedAhead.current.has(url)) {
        timers.push(
          setTimeout(
            () => {
              refreshedAhead.current.add(url)
              onRefreshRef.current?.()
            },
            Math.max(0, expiresAt - refreshAheadMs - now),
          ),
        )
      }
      if (!hasRefresh) {
        timers.push(setTimeout(() => setLinks((prev) => ({ ...prev, [url]: 'expired' })), Math.max(0, expiresAt - now)))
      }
    }
    return () => timers.forEach(clearTimeout)
  }, [expiring, hasRefresh, refreshAheadMs])

  const onMediaError = useCallback((url: string, slot: string) => {
    const refresh = onRefreshRef.current
    // Once per URL, and not again for a fresh URL that fails before anything loaded: no loops.
    if (refresh && !refreshedOnError.current.has(url) && !awaitingLoad.current.has(slot)) {
      refreshedOnError.current.add(url)
      awaitingLoad.current.add(slot)
      refresh()
      return
    }
    setLinks((prev) => (prev[url] === 'expired' ? prev : { ...prev, [url]: 'expired' }))
  }, [])

  const onMediaLoad = useCallback((slot: string) => {
    awaitingLoad.current.delete(slot)
  }, [])

  const onRefreshLink = useCallback((url: string) => {
    setLinks((prev) => {
      const next = { ...prev }
      delete next[url]
      return next
    })
    onRefreshRef.current?.()
  }, [])

  return { links, onMediaError, onMediaLoad, onRefreshLink: hasRefresh ? onRefreshLink : undefined }
}

type CopyState = 'idle' | 'copied' | 'manual'

function SupportInfo({ task, extra }: { task: Task; extra?: Omit<SupportPacketExtra, 'now'> }) {
  const [copy, setCopy] = useState<{ state: CopyState; text: string }>({ state: 'idle', text: '' })
  const onCopy = async () => {
    const text = supportPacket(task, extra)
    try {
      if (typeof navigator === 'undefined' || !navigator.clipboard?.writeText) throw new Error('No clipboard')
      await navigator.clipboard.writeText(text)
      setCopy({ state: 'copied', text })
    } catch {
      setCopy({ state: 'manual', text })
    }
  }
  return (
    <div className="tk-result__support" data-state={copy.state}>
      <button type="button" className="tk-result__button" onClick={() => void onCopy()}>
        Copy support info
      </button>
      <span className="tk-result__copy-status" role="status" aria-live="polite">
        {copy.state === 'copied' ? 'Copied' : copy.state === 'manual' ? 'Copy the support info below' : ''}
      </span>
      {copy.state === 'manual' ? (
        <label className="tk-result__support-text">
          Support info
          <textarea readOnly value={copy.text} rows={8} onFocus={(event) => event.currentTarget.select()} />
        </label>
      ) : null}
    </div>
  )
}

const FAILED_STATES = new Set(['failed', 'blocked', 'expired', 'cancelled'])

/**
 * Presentational result of a task: its media by kind (only safe http/https/blob URLs), expiring
 * links refreshed ahead of time, or the failure with a copyable support packet.
 */
export const TaskResultView = forwardRef<HTMLDivElement, TaskResultViewProps>(function TaskResultView(
  { task, onRefresh, label, supportExtra, refreshAheadMs = 15_000, className, ...rest },
  ref,
) {
  const assets = task?.state === 'succeeded' ? usableAssets(task) : []
  const { links, onMediaError, onMediaLoad, onRefreshLink } = useExpiringLinks(assets, onRefresh, refreshAheadMs)
  const groupLabel = label ?? (task ? `Result of task ${task.id}` : 'Task result')
  const ready = !!task && isTerminalState(task.state)
  const missing = task?.state === 'succeeded' && assets.length === 0
  const failed = !!task && (FAILED_STATES.has(task.state) || missing)

  let body: ReactNode
  if (!task || !ready) {
    body = (
      <p className="tk-result__pending" role="status">
        Result not ready
      </p>
    )
  } else if (failed) {
    const message = missing ? 'Final media URL missing' : (task.error?.message ?? 'The task did not produce a result.')
    const code = missing ? undefined : task.error?.code
    body = (
      <div className="tk-result__failure">
        <p className="tk-result__reason">
          {message}
          {code ? <code className="tk-result__code"> ({code})</code> : null}
        </p>
        <SupportInfo task={task} extra={supportExtra} />
      </div>
    )
  } else {
    const views = new Map<View, SafeAsset>()
    for (const asset of assets) {
      const view = viewOf(asset)
      if (view && asset.kind === 'image' && !views.has(view)) views.set(view, asset)
    }
    const grid = views.size >= 2
    const others = grid ? assets.filter((asset) => !(asset.kind === 'image' && viewOf(asset) && [...views.values()].includes(asset))) : assets
    body = (
      <>
        {grid ? (
          <div className="tk-result__multiview" role="group" aria-label="Multiview">
            {VIEWS.map((view) => {
              const asset = views.get(view)
              if (!asset) return null
              return (
                <figure key={view} className="tk-result__view" data-view={view}>
                  {links[asset.url] === 'expired' ? (
                    <ExpiredLink asset={asset} onRefreshLink={onRefreshLink} />
                  ) : (
                    <ImageAsset
                      asset={asset}
                      alt={`${VIEW_LABELS[view]} view`}
                      slot={`view:${view}`}
                      onMediaError={onMediaError}
                      onMediaLoad={onMediaLoad}
                    />
                  )}
                  <figcaption>{VIEW_LABELS[view]}</figcaption>
                </figure>
              )
            })}
          </div>
        ) : null}
        {others.map((asset, index) => (
          <div key={`${index}:${asset.url}`} className="tk-result__item" data-kind={asset.kind}>
            <AssetView
              asset={asset}
              index={index}
              expired={links[asset.url] === 'expired'}
              onMediaError={onMediaError}
              onMediaLoad={onMediaLoad}
              onRefreshLink={onRefreshLink}
            />
          </div>
        ))}
      </>
    )
  }

  return (
    <div
      ref={ref}
      role="group"
      aria-label={groupLabel}
      data-status={task?.state ?? 'loading'}
      data-outcome={missing ? 'missing-output' : undefined}
      className={withClassName('tk-result', className)}
      {...rest}
    >
      {body}
    </div>
  )
})

export interface TaskResultProps extends Omit<TaskResultViewProps, 'task'> {
  /** The task to show (presentational form). */
  task?: Task
  /** Reads the task through `useTask(taskId)`; `onRefresh` defaults to the hook's `refresh()`. */
  taskId?: string
}

const TaskResultById = forwardRef<HTMLDivElement, Omit<TaskResultProps, 'task'> & { taskId: string }>(function TaskResultById(
  { taskId, onRefresh, ...rest },
  ref,
) {
  const { task, refresh } = useTask(taskId)
  return <TaskResultView ref={ref} task={task} onRefresh={onRefresh ?? refresh} {...rest} />
})

/**
 * The result of one asynchronous generation task. Pass `task` (presentational) or `taskId` (reads
 * through `useTask`, which needs a `TaskKitProvider`).
 */
export const TaskResult = forwardRef<HTMLDivElement, TaskResultProps>(function TaskResult({ task, taskId, ...rest }, ref) {
  if (task || taskId === undefined) return <TaskResultView ref={ref} task={task} {...rest} />
  return <TaskResultById ref={ref} taskId={taskId} {...rest} />
})
