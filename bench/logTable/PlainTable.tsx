import type { Task } from '../../packages/hooks/src/core/model.ts'

// One shared formatter, as a careful app would write it: the baseline is slow only where plain
// tables are slow (every row in the DOM), not because of a strawman.
const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'short', timeStyle: 'medium' })
const time = (ms: number | undefined) => (ms === undefined ? '' : dateTime.format(ms))

/**
 * The baseline: the table most apps write first. Every row is a DOM row (no virtualization), cells
 * formatted on each render.
 */
export function PlainTable({ rows }: { rows: readonly Task[] }) {
  return (
    <table aria-label="Plain task log">
      <thead>
        <tr>
          {['Submitted', 'Completed', 'Duration', 'Type', 'Platform', 'Model', 'Task ID', 'Status', 'Progress', 'Result'].map((name) => (
            <th key={name}>{name}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((task) => (
          <tr key={task.id}>
            <td>{time(task.createdAt)}</td>
            <td>{time(task.finishedAt)}</td>
            <td>{task.finishedAt && task.createdAt ? `${Math.round((task.finishedAt - task.createdAt) / 1000)} s` : ''}</td>
            <td>{task.type}</td>
            <td>{task.platform}</td>
            <td>{task.model}</td>
            <td>
              <code>{task.id}</code>
            </td>
            <td>{task.rawStatus}</td>
            <td>{task.progress === undefined ? '' : `${task.progress}%`}</td>
            <td>{task.error ? task.error.message : task.assets.length > 0 ? 'Open' : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
