import { useId } from 'react'
import { formatCount } from './logFormat'

export interface PaginationProps {
  /** 1-based. */
  page: number
  pageCount: number
  pageSize: number
  total: number
  pageSizes: readonly number[]
  locale: string | undefined
  onPageChange: (page: number) => void
  onPageSizeChange: (pageSize: number) => void
}

function PageButton({ label, text, enabled, onClick }: { label: string; text: string; enabled: boolean; onClick: () => void }) {
  // aria-disabled rather than disabled: the button keeps focus when the last page is reached.
  return (
    <button
      type="button"
      className="tk-log__button tk-log__page-button"
      aria-label={label}
      aria-disabled={!enabled || undefined}
      onClick={() => {
        if (enabled) onClick()
      }}
    >
      {text}
    </button>
  )
}

/** Server pages: first, previous, next, last, the page size, and where the user is. */
export function Pagination({ page, pageCount, pageSize, total, pageSizes, locale, onPageChange, onPageSizeChange }: PaginationProps) {
  const id = useId()
  const last = Math.max(1, pageCount)
  const sizes = pageSizes.includes(pageSize) ? pageSizes : [...pageSizes, pageSize].sort((a, b) => a - b)
  return (
    <nav className="tk-log__pagination" aria-label="Pages">
      <p className="tk-log__page-status" aria-live="polite">
        Page {formatCount(Math.min(page, last), locale)} of {formatCount(last, locale)} · {formatCount(total, locale)} {total === 1 ? 'task' : 'tasks'}
      </p>
      <div className="tk-log__page-buttons">
        <PageButton label="First page" text="«" enabled={page > 1} onClick={() => onPageChange(1)} />
        <PageButton label="Previous page" text="‹" enabled={page > 1} onClick={() => onPageChange(page - 1)} />
        <PageButton label="Next page" text="›" enabled={page < last} onClick={() => onPageChange(page + 1)} />
        <PageButton label="Last page" text="»" enabled={page < last} onClick={() => onPageChange(last)} />
      </div>
      <div className="tk-log__field tk-log__field--inline">
        <label className="tk-log__label" htmlFor={id}>
          Rows per page
        </label>
        <select id={id} className="tk-log__control" value={pageSize} onChange={(event) => onPageSizeChange(Number(event.target.value))}>
          {sizes.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </div>
    </nav>
  )
}
