import { TaskProgress, TaskProgressView, TaskResult } from '@taskkit/components'
import { usePendingTasks, useTask, type PendingTask } from '@taskkit/hooks'
import { useState } from 'react'

/**
 * The tasks to watch now: the ones made in this page, and every unsettled task of the account
 * that a reload brought back (usePendingTasks). Settled tasks from earlier visits live in History.
 */
export function TaskBoard({ sessionTaskIds }: { sessionTaskIds: readonly string[] }) {
  const { tasks: pending, forget } = usePendingTasks()
  const newestFirst = [...pending].sort((a, b) => b.record.submittedAt - a.record.submittedAt)
  const resumed = newestFirst.flatMap((item) => (item.status === 'resumable' && item.record.id ? [item.record.id] : []))
  // A resumed task stays on the board once it settles (it leaves the pending list then), so the
  // user who watched it sees how it ended. Updated while rendering: React's "previous renders" pattern.
  const [kept, setKept] = useState<readonly string[]>([])
  const newlyResumed = resumed.filter((id) => !kept.includes(id))
  if (newlyResumed.length > 0) setKept([...newlyResumed, ...kept])
  const ids = [...new Set([...sessionTaskIds, ...resumed, ...kept])]
  const unanswered = newestFirst.filter((item) => item.status === 'outcome-unknown')

  if (ids.length === 0 && unanswered.length === 0) {
    return <p className="studio-empty">No task yet. Write a prompt and press Generate.</p>
  }
  return (
    <ul className="studio-board" aria-label="Current tasks">
      {unanswered.map((item) => (
        <li key={item.record.jobId}>
          <UnansweredCreate item={item} onForget={() => forget(item.record.jobId)} />
        </li>
      ))}
      {ids.map((id) => (
        <li key={id}>
          <TaskCard id={id} />
        </li>
      ))}
    </ul>
  )
}

function TaskCard({ id }: { id: string }) {
  const { task } = useTask(id)
  const headingId = `task-${id}`
  return (
    <article className="studio-card" aria-labelledby={headingId} data-task-id={id} data-state={task?.state ?? 'loading'}>
      <header className="studio-card__header">
        <h3 id={headingId}>Task {id}</h3>
        {task?.model || task?.type ? <p className="studio-hint">{[task.type, task.model].filter(Boolean).join(' · ')}</p> : null}
      </header>
      <TaskProgress taskId={id} label={`Status of task ${id}`} />
      <TaskResult taskId={id} />
    </article>
  )
}

function UnansweredCreate({ item, onForget }: { item: PendingTask; onForget: () => void }) {
  const { record } = item
  const headingId = `job-${record.jobId}`
  return (
    <article className="studio-card" aria-labelledby={headingId} data-job-id={record.jobId} data-state="outcome-unknown">
      <header className="studio-card__header">
        <h3 id={headingId}>Job {record.jobId}</h3>
      </header>
      <TaskProgressView
        task={undefined}
        outcomeUnknown={{ jobId: record.jobId, endpoint: record.endpoint, model: record.model, submittedAt: record.submittedAt }}
      />
      <button type="button" className="studio-button" onClick={onForget}>
        Forget job {record.jobId}
      </button>
    </article>
  )
}
