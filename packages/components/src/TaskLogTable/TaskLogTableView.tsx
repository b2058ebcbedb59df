import { TASK_STATES, type StorageLike, type Task } from '@taskkit/hooks'
import { functionalUpdate, useTable, type PaginationState, type SortingState, type Updater } from '@tanstack/react-table'
import { forwardRef, useCallback, useEffect, useMemo, useRef, useState, type ComponentPropsWithoutRef, type ReactNode } from 'react'
import type { SupportPacketExtra } from '../supportPacket'
import { VisuallyHidden } from './cells'
import { ColumnChooser } from './ColumnChooser'
import { HIDEABLE_COLUMNS, sortTasks, taskLogColumns, taskLogFeatures } from './columns'
import { copyText } from './copyText'
import { DensitySwitch } from './DensitySwitch'
import { useKnownFilterOptions } from './filterOptions'
import { clearFilters, hasFilters } from './filters'
import { formatCount } from './logFormat'
import { Pagination } from './Pagination'
import { useTaskLogPreferences } from './preferences'
import { TaskCards } from './TaskCards'
import { TaskDetailsDialog } from './TaskDetailsDialog'
import { TaskRows } from './TaskRows'
import { Toolbar } from './Toolbar'
import type { TaskListQuery, TaskListResult, TaskLogFilterOptions, TaskLogLayout, TaskLogTableMeta } from './types'
import { useLayout } from './useLayout'
import { withClassName } from '../className'

type RootProps = Omit<ComponentPropsWithoutRef<'div'>, 'children'>

export interface TaskLogTableViewProps extends RootProps {
  /** What to show: `useTaskList(query)`'s answer, or your own. */
  result: TaskListResult
  /** The query the result answers (filters, page). */
  query: TaskListQuery
  /** Called with the whole next query on every filter, page or page-size change. */
  onQueryChange: (query: TaskListQuery) => void
  /** Whose column and density choices to remember (one browser, many users). Default `default`. */
  account?: string
  /** Where the choices are remembered: default localStorage; `null` = this page only. */
  preferencesStorage?: StorageLike | null
  /** Accessible name (table caption and region). Default "Task log". */
  label?: string
  /** Locale for dates and numbers; default the browser's. */
  locale?: string
  /** `auto` (default): cards when the log is narrower than `cardsBelow` px (default 640). */
  layout?: TaskLogLayout
  cardsBelow?: number
  /** Values of the type and platform filters; default every value seen in the results so far (per account). */
  filterOptions?: TaskLogFilterOptions
  /** Called when a row's details are opened; when given, the built-in dialog does not open. */
  onOpenTask?: (task: Task) => void
  /** Endpoint and job id for the copied support info. */
  supportExtra?: Omit<SupportPacketExtra, 'now'>
  /** Page sizes offered (server source). Default 10, 20, 50, 100. */
  pageSizes?: readonly number[]
  /** Delay before typed task-id text filters, in ms. Default 300. */
  searchDebounceMs?: number
  /** Local lists longer than this are virtualized. Default 100. */
  virtualizeAbove?: number
  /** Clock for the time-range presets (tests). Default `Date.now`. */
  now?: () => number
}

export type TaskLogState = 'loading' | 'empty' | 'error' | 'ready'

const DEFAULT_PAGE_SIZES = [10, 20, 50, 100] as const

/** TanStack Table holds the columns and their state, not the rows (see `taskLogFeatures`). */
const NO_ROWS: Task[] = []

function stateOf(result: TaskListResult): TaskLogState {
  if (result.error) return 'error'
  if (result.rows.length === 0) return result.isLoading ? 'loading' : 'empty'
  return 'ready'
}

/**
 * The task log, presentational: filters, sortable columns, column chooser, compact switch,
 * server pages or a virtualized local list, row details, and cards on narrow screens. It renders
 * a `TaskListResult` and reports query changes, so it works without a network.
 */
export const TaskLogTableView = forwardRef<HTMLDivElement, TaskLogTableViewProps>(function TaskLogTableView(
  {
    result,
    query,
    onQueryChange,
    account = 'default',
    preferencesStorage,
    label = 'Task log',
    locale,
    layout = 'auto',
    cardsBelow = 640,
    filterOptions,
    onOpenTask,
    supportExtra,
    pageSizes = DEFAULT_PAGE_SIZES,
    searchDebounceMs = 300,
    virtualizeAbove = 100,
    now = Date.now,
    className,
    ...rest
  },
  ref,
) {
  const rootRef = useRef<HTMLDivElement | null>(null)
  const setRoot = (element: HTMLDivElement | null) => {
    rootRef.current = element
    if (typeof ref === 'function') ref(element)
    else if (ref) (ref as { current: HTMLDivElement | null }).current = element
  }
  const shape = useLayout(layout, rootRef, cardsBelow)
  const { preferences, setColumnVisibility, toggleColumn, setDensity } = useTaskLogPreferences(account, preferencesStorage)
  const [sorting, setSorting] = useState<SortingState>([])
  const [announcement, setAnnouncement] = useState('')
  const [openTask, setOpenTask] = useState<Task | undefined>()
  const openerRef = useRef<HTMLElement | null>(null)
  const [resetGeneration, setResetGeneration] = useState(0)

  const pagination: PaginationState = { pageIndex: Math.max(0, result.page - 1), pageSize: result.pageSize }

  // The callbacks rows get stay the same object across renders (rows are memoized); the latest
  // onOpenTask is read when a row's details are opened.
  const onOpenTaskRef = useRef(onOpenTask)
  useEffect(() => {
    onOpenTaskRef.current = onOpenTask
  })
  const meta = useMemo<TaskLogTableMeta>(
    () => ({
      locale,
      copyTaskId: (id) => {
        void copyText(id).then((copied) => setAnnouncement(copied ? `Copied task ID ${id}` : `Could not copy task ID ${id}`))
      },
      openDetails: (task) => {
        const onOpen = onOpenTaskRef.current
        if (onOpen) {
          onOpen(task)
          return
        }
        openerRef.current = typeof document !== 'undefined' && document.activeElement instanceof HTMLElement ? document.activeElement : null
        setOpenTask(task)
      },
    }),
    [locale],
  )

  const table = useTable({
    features: taskLogFeatures,
    columns: taskLogColumns,
    data: NO_ROWS,
    state: { sorting, columnVisibility: preferences.columnVisibility, pagination },
    onSortingChange: setSorting,
    onColumnVisibilityChange: (updater: Updater<Record<string, boolean>>) =>
      setColumnVisibility(functionalUpdate(updater, preferences.columnVisibility as Record<string, boolean>)),
    // Pages belong to the server: the table only reports the wish, the query carries it.
    manualPagination: true,
    rowCount: result.total,
    onPaginationChange: (updater: Updater<PaginationState>) => {
      const next = functionalUpdate(updater, pagination)
      onQueryChange({ ...query, page: next.pageIndex + 1, pageSize: next.pageSize })
    },
    meta,
  })

  // Sorting reorders the rows at hand: the page for the server source, the whole list for the local one.
  const rows = useMemo(() => sortTasks(result.rows, sorting), [result.rows, sorting])
  const state = stateOf(result)
  const filtered = hasFilters(query)
  const resetFilters = () => {
    setResetGeneration((value) => value + 1)
    onQueryChange(clearFilters(query))
  }

  // Every value seen so far for this account: a filter never takes the other choices away.
  const known = useKnownFilterOptions(result.rows, account)
  const options = { types: filterOptions?.types ?? known.types, platforms: filterOptions?.platforms ?? known.platforms }

  const columnChoices = useMemo(
    () => HIDEABLE_COLUMNS.map(({ id, label }) => ({ id, label, visible: preferences.columnVisibility[id] !== false })),
    [preferences.columnVisibility],
  )
  const closeDetails = useCallback(() => setOpenTask(undefined), [])
  // The opener may be gone (a virtualized row scrolled away, a page changed): then the log itself.
  const detailsReturnFocusTo = useCallback(() => (openerRef.current?.isConnected ? openerRef.current : rootRef.current), [])

  // The open task follows live updates of its row; the snapshot taken on open stays if the row leaves.
  const detailsTask = openTask ? (result.rows.find((task) => task.id === openTask.id) ?? openTask) : undefined

  let message: ReactNode = null
  if (state === 'loading') {
    message = <p className="tk-log__message" role="status">Loading tasks…</p>
  } else if (state === 'empty') {
    message = (
      <div className="tk-log__message" role="status">
        <p>{filtered ? 'No tasks match these filters.' : 'No tasks yet.'}</p>
        {filtered ? (
          <button type="button" className="tk-log__button" onClick={resetFilters}>
            Show all tasks
          </button>
        ) : null}
      </div>
    )
  }

  const virtual = result.source === 'local' && rows.length > virtualizeAbove

  return (
    <div
      ref={setRoot}
      role="region"
      aria-label={label}
      tabIndex={-1}
      data-state={state}
      data-density={preferences.density}
      data-layout={shape}
      data-source={result.source}
      aria-busy={result.isFetching || undefined}
      className={withClassName('tk-log', className)}
      {...rest}
    >
      <Toolbar
        query={query}
        onQueryChange={onQueryChange}
        options={options}
        statuses={result.statuses ?? TASK_STATES}
        now={now}
        searchDebounceMs={searchDebounceMs}
        onReset={resetFilters}
        resetGeneration={resetGeneration}
      >
        <ColumnChooser columns={columnChoices} onToggle={toggleColumn} />
        <DensitySwitch density={preferences.density} onChange={setDensity} />
      </Toolbar>
      <p className="tk-log__announce" role="status" aria-live="polite">
        {announcement}
      </p>
      {result.error ? (
        <div className="tk-log__error" role="alert">
          <p>
            Could not load tasks: {result.error.message}
          </p>
          <button type="button" className="tk-log__button" onClick={() => result.refetch()}>
            Try again
          </button>
        </div>
      ) : null}
      {shape === 'cards' ? (
        <TaskCards table={table} rows={rows} label={label} virtual={virtual} density={preferences.density} />
      ) : (
        <TaskRows
          table={table}
          rows={rows}
          label={label}
          virtual={virtual}
          density={preferences.density}
          total={result.total}
          // The server pages in its own order (newest first): sorting reorders the page at hand.
          captionNote={result.source === 'server' && sorting.length > 0 ? 'sorted within this page' : undefined}
        >
          {message}
        </TaskRows>
      )}
      {shape === 'cards' ? message : null}
      {result.source === 'server' ? (
        <Pagination
          page={result.page}
          pageCount={result.pageCount}
          pageSize={result.pageSize}
          total={result.total}
          pageSizes={pageSizes}
          locale={locale}
          onPageChange={(page) => table.setPageIndex(page - 1)}
          onPageSizeChange={(pageSize) => onQueryChange({ ...query, page: 1, pageSize })}
        />
      ) : (
        <p className="tk-log__count">
          {formatCount(result.total, locale)} {result.total === 1 ? 'task' : 'tasks'}
          {virtual ? <VisuallyHidden> (scroll the list to see them all)</VisuallyHidden> : null}
        </p>
      )}
      <TaskDetailsDialog
        task={detailsTask}
        onClose={closeDetails}
        returnFocusTo={detailsReturnFocusTo}
        locale={locale}
        supportExtra={supportExtra}
      />
    </div>
  )
})
