import { act, fireEvent, renderHook } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { useRowWindow } from './useRowWindow'

const ROW = 48
const HEADER = 37

/** A scrolling container with the sizes a browser would give it (jsdom lays nothing out). */
function scroller({ height = 576, header = HEADER } = {}) {
  const element = document.createElement('div')
  const head = element.appendChild(document.createElement('table')).appendChild(document.createElement('thead'))
  Object.defineProperty(head, 'offsetHeight', { value: header })
  Object.defineProperty(element, 'clientHeight', { value: height })
  return element
}

function scrollTo(element: HTMLElement, top: number) {
  act(() => {
    element.scrollTop = top
    fireEvent.scroll(element)
  })
}

describe('useRowWindow', () => {
  it('renders the rows the view shows below the header, and one beyond', () => {
    const element = scroller()
    const { result } = renderHook(() => useRowWindow({ count: 10_000, rowHeight: ROW, scrollElement: element }))
    // 539 px below the header: rows 0-11 (the 12th in part), one more below.
    expect(result.current).toEqual({ start: 0, end: 13, before: 0, after: (10_000 - 13) * ROW })

    scrollTo(element, 100 * ROW + 10)
    // Row 100 is under the header in part; rows 100-111 are in view, 99 and 112 beyond.
    expect(result.current).toEqual({ start: 99, end: 113, before: 99 * ROW, after: (10_000 - 113) * ROW })
  })

  it('renders again only when a row enters or leaves the view', () => {
    const element = scroller()
    let renders = 0
    const { result } = renderHook(() => {
      renders += 1
      return useRowWindow({ count: 1_000, rowHeight: ROW, scrollElement: element })
    })
    scrollTo(element, 480)
    const after = renders
    scrollTo(element, 490)
    scrollTo(element, 500)
    expect(renders).toBe(after)
    expect(result.current.start).toBe(9)
  })

  it('shows the last rows when a filter leaves the list shorter than the scroll position', () => {
    const element = scroller()
    const { result, rerender } = renderHook(({ count }) => useRowWindow({ count, rowHeight: ROW, scrollElement: element }), {
      initialProps: { count: 10_000 },
    })
    scrollTo(element, 5_000 * ROW)
    rerender({ count: 30 })
    // The browser clamps the scroll afterwards; until then the view is not left empty.
    expect(result.current).toEqual({ start: 17, end: 30, before: 17 * ROW, after: 0 })
  })

  it('follows a new row height (density) and an unmeasured view', () => {
    const element = scroller({ height: 0 })
    const { result, rerender } = renderHook(({ rowHeight }) => useRowWindow({ count: 500, rowHeight, scrollElement: element }), {
      initialProps: { rowHeight: ROW },
    })
    // A view without a height yet (hidden, or no layout) is taken as the default 36rem.
    expect(result.current.end).toBe(13)
    rerender({ rowHeight: 40 })
    expect(result.current).toEqual({ start: 0, end: 15, before: 0, after: (500 - 15) * 40 })
  })

  it('renders rows in the first render, before the container is known', () => {
    const { result } = renderHook(() => useRowWindow({ count: 3, rowHeight: ROW, scrollElement: null }))
    expect(result.current).toEqual({ start: 0, end: 3, before: 0, after: 0 })
  })
})
