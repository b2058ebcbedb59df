import { TaskLogTable } from '@taskkit/components'

/**
 * The account's task log: the provider's own history where it has one (new-api's
 * /api/task/self), else this browser's records. Filters, columns and density are remembered.
 */
export function History() {
  return <TaskLogTable label="Task history" />
}
