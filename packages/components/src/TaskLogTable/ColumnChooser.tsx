import { DropdownMenu } from 'radix-ui'
import { memo } from 'react'
import type { TaskLogColumnId } from './types'

export interface ColumnChoice {
  id: TaskLogColumnId
  label: string
  visible: boolean
}

export interface ColumnChooserProps {
  columns: readonly ColumnChoice[]
  onToggle: (id: TaskLogColumnId, visible: boolean) => void
}

/**
 * "Columns" menu: one checkbox item per column that may be hidden. The menu stays open while
 * toggling (several columns in a row); Escape closes it and focus returns to the button (Radix).
 * Memoized: a filter keystroke re-renders the log, not its menus.
 */
export const ColumnChooser = memo(function ColumnChooser({ columns, onToggle }: ColumnChooserProps) {
  return (
    <DropdownMenu.Root modal={false}>
      <DropdownMenu.Trigger asChild>
        <button type="button" className="tk-log__button tk-log__columns">
          Columns
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="tk-log__menu" align="end" sideOffset={4}>
          <DropdownMenu.Label className="tk-log__menu-label">Visible columns</DropdownMenu.Label>
          {columns.map((column) => (
            <DropdownMenu.CheckboxItem
              key={column.id}
              className="tk-log__menu-item"
              checked={column.visible}
              onCheckedChange={(checked) => onToggle(column.id, checked === true)}
              onSelect={(event) => event.preventDefault()}
            >
              <span className="tk-log__menu-check" aria-hidden="true">
                <DropdownMenu.ItemIndicator>✓</DropdownMenu.ItemIndicator>
              </span>
              {column.label}
            </DropdownMenu.CheckboxItem>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  )
})
