import { memo } from 'react'
import type { TaskLogDensity } from './types'

/** Compact / standard rows, as a switch: on = compact. Memoized like the column chooser. */
export const DensitySwitch = memo(function DensitySwitch({ density, onChange }: { density: TaskLogDensity; onChange: (density: TaskLogDensity) => void }) {
  const compact = density === 'compact'
  return (
    <button
      type="button"
      role="switch"
      aria-checked={compact}
      className="tk-log__button tk-log__density"
      data-state={compact ? 'on' : 'off'}
      onClick={() => onChange(compact ? 'standard' : 'compact')}
    >
      <span className="tk-log__switch-track" aria-hidden="true">
        <span className="tk-log__switch-thumb" />
      </span>
      Compact rows
    </button>
  )
})
