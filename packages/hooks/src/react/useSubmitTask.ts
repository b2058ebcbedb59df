import { useMutation } from '@tanstack/react-query'
import { useCallback } from 'react'
import type { SubmitOptions } from '../core/client'
import type { TaskKitError } from '../core/errors'
import type { Task } from '../core/model'
import { useTaskClient } from './TaskKitProvider'

export interface UseSubmitTaskResult<TInput> {
  /** Creates a task. Never retried automatically; the same `jobId` twice returns the stored task. */
  submit: (input: TInput, options?: SubmitOptions) => Promise<Task>
  /** The task the last submit created. Watch it with `useTask(task?.id)`. */
  task: Task | undefined
  isPending: boolean
  error: TaskKitError | undefined
  reset: () => void
}

export function useSubmitTask<TInput = unknown>(): UseSubmitTaskResult<TInput> {
  const client = useTaskClient<TInput>()
  const mutation = useMutation<Task, TaskKitError, { input: TInput; options?: SubmitOptions }>({
    mutationFn: ({ input, options }) => client.submit(input, options),
    // A create is never retried: a lost answer may mean a paid job exists.
    retry: false,
  })
  const { mutateAsync, reset } = mutation
  const submit = useCallback(
    (input: TInput, options?: SubmitOptions) => mutateAsync({ input, options }),
    [mutateAsync],
  )
  return {
    submit,
    task: mutation.data,
    isPending: mutation.isPending,
    error: mutation.error ?? undefined,
    reset,
  }
}
