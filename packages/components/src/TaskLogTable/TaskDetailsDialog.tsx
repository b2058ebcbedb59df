import { isTerminalState, type Task } from '@taskkit/hooks'
import { Dialog } from 'radix-ui'
import { memo, useId, useState, type ReactNode } from 'react'
import { stateLabel } from '../format'
import { supportPacket, type SupportPacketExtra } from '../supportPacket'
import { TaskResultView } from '../TaskResult'
import { copyText } from './copyText'
import { completedAt, durationMs, formatDateTime, formatDuration } from './logFormat'

export interface TaskDetailsDialogProps {
  /** The task to show; undefined = closed. */
  task: Task | undefined
  onClose: () => void
  /** Where focus goes back to on close (the row's details button). */
  returnFocusTo?: () => HTMLElement | null | undefined
  locale: string | undefined
  supportExtra?: Omit<SupportPacketExtra, 'now'>
}

/** Raw answers can be large or odd (cycles, BigInt): shown bounded, never thrown. */
const RAW_LIMIT = 50_000

export function rawJson(raw: unknown): string {
  let text: string | undefined
  try {
    text = JSON.stringify(raw, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2)
  } catch {
    return 'The raw answer cannot be shown as JSON.'
  }
  if (text === undefined) return 'No raw answer (the task was read from local history).'
  return text.length > RAW_LIMIT ? `${text.slice(0, RAW_LIMIT)}\n… (${text.length - RAW_LIMIT} more characters)` : text
}

const FAILED = new Set(['failed', 'blocked', 'expired', 'cancelled'])

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId()
  return (
    <section className="tk-log__section" aria-labelledby={id}>
      <h3 id={id} className="tk-log__section-title">
        {title}
      </h3>
      {children}
    </section>
  )
}

function SupportSection({ task, extra }: { task: Task; extra?: Omit<SupportPacketExtra, 'now'> }) {
  // One stamp per opened task, so the text does not change under the user while reading it.
  const [stamp] = useState(() => Date.now())
  const text = supportPacket(task, { ...extra, now: stamp })
  const [status, setStatus] = useState('')
  return (
    <Section title="Support info">
      <pre className="tk-log__pre tk-log__support" role="region" tabIndex={0} aria-label="Support info text">
        {text}
      </pre>
      <div className="tk-log__row">
        <button
          type="button"
          className="tk-log__button"
          onClick={() => {
            void copyText(text).then((copied) => setStatus(copied ? 'Support info copied' : 'Could not copy: select the text above'))
          }}
        >
          Copy support info
        </button>
        <span className="tk-log__copy-status" role="status" aria-live="polite">
          {status}
        </span>
      </div>
    </Section>
  )
}

function Facts({ task, locale }: { task: Task; locale: string | undefined }) {
  const facts: [string, ReactNode][] = [
    ['Status', `${stateLabel(task.state)}${task.rawStatus ? ` (${task.rawStatus})` : ''}`],
    ['Submitted', formatDateTime(task.createdAt, locale)],
    ['Completed', formatDateTime(completedAt(task), locale)],
    ['Duration', formatDuration(durationMs(task), locale)],
    ['Type', task.type],
    ['Platform', task.platform],
    ['Model', task.model],
    ['Provider', task.provider],
    ['Request ID', task.requestId],
  ]
  return (
    <dl className="tk-log__facts">
      {facts
        .filter(([, value]) => value !== undefined && value !== '')
        .map(([name, value]) => (
          <div key={name} className="tk-log__fact">
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  )
}

/**
 * A row's details: facts, the result preview (TaskResultView: media only through safe URLs), the
 * failure reason, the support packet (no keys, prompts or URLs) and the raw JSON. Radix handles
 * the focus trap and Escape; focus goes back to the row that opened it. Memoized: while closed it
 * does not re-render with the log.
 */
export const TaskDetailsDialog = memo(function TaskDetailsDialog({ task, onClose, returnFocusTo, locale, supportExtra }: TaskDetailsDialogProps) {
  return (
    <Dialog.Root open={task !== undefined} onOpenChange={(open) => (open ? undefined : onClose())}>
      <Dialog.Portal>
        <Dialog.Overlay className="tk-log__overlay" />
        <Dialog.Content
          className="tk-log__dialog"
          aria-describedby={undefined}
          data-status={task?.state}
          onCloseAutoFocus={(event) => {
            const target = returnFocusTo?.()
            if (target?.isConnected) {
              event.preventDefault()
              target.focus()
            }
          }}
        >
          {task ? (
            <>
              <div className="tk-log__dialog-header">
                <Dialog.Title className="tk-log__dialog-title">
                  Task <code>{task.id}</code>
                </Dialog.Title>
                <Dialog.Close asChild>
                  <button type="button" className="tk-log__button">
                    Close
                  </button>
                </Dialog.Close>
              </div>
              <Facts task={task} locale={locale} />
              {task.state === 'succeeded' || !isTerminalState(task.state) ? (
                <Section title="Result">
                  <TaskResultView task={task} supportExtra={supportExtra} />
                </Section>
              ) : null}
              {FAILED.has(task.state) || task.error ? (
                <Section title="Failure reason">
                  <p className="tk-log__reason-text">
                    {task.error?.message ?? 'The provider gave no reason.'}
                    {task.error?.code ? <code className="tk-log__code"> ({task.error.code})</code> : null}
                  </p>
                </Section>
              ) : null}
              <SupportSection key={task.id} task={task} extra={supportExtra} />
              <Section title="Raw JSON">
                <pre className="tk-log__pre tk-log__raw-json" role="region" tabIndex={0} aria-label="Raw JSON of the provider's answer">
                  {rawJson(task.raw)}
                </pre>
              </Section>
            </>
          ) : null}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
})
