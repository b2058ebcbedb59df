import { useEffect, useState, type RefObject } from 'react'
import type { TaskLogLayout } from './types'

/**
 * Table or cards. `auto` watches the log's own width (not the window's: the log may sit in a
 * narrow column), so it needs ResizeObserver; without one (server render, old browsers, jsdom)
 * the table stays.
 */
export function useLayout(layout: TaskLogLayout, rootRef: RefObject<HTMLElement | null>, cardsBelow: number): 'table' | 'cards' {
  const [narrow, setNarrow] = useState(false)
  useEffect(() => {
    const root = rootRef.current
    if (layout !== 'auto' || !root || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver((entries) => {
      const width = entries[0]?.contentRect.width ?? root.getBoundingClientRect().width
      // A hidden log (width 0) keeps its layout rather than flipping to cards.
      if (width > 0) setNarrow(width < cardsBelow)
    })
    observer.observe(root)
    return () => observer.disconnect()
  }, [layout, rootRef, cardsBelow])
  if (layout === 'auto') return narrow ? 'cards' : 'table'
  return layout
}
