import { useSubmitTask, type Task } from '@taskkit/hooks'
import { useId, useState, type FormEvent } from 'react'
import { defaultValues, type FieldSpec, type FieldValues, type ProviderSpec } from './providers'

interface GenerateFormProps {
  spec: ProviderSpec
  /** Told about each created task, to show it on the board. */
  onCreated: (task: Task) => void
}

/** The provider's few create fields and a prompt, submitted once per click through useSubmitTask. */
export function GenerateForm({ spec, onCreated }: GenerateFormProps) {
  const { submit, isPending, error } = useSubmitTask<unknown>()
  const [values, setValues] = useState<FieldValues>(() => defaultValues(spec))
  const [prompt, setPrompt] = useState('')
  const promptId = useId()

  const change = (field: FieldSpec, value: string) => {
    const option = field.options?.find((candidate) => candidate.value === value)
    setValues((current) => ({ ...current, [field.name]: value, ...option?.sets }))
  }

  const generate = (event: FormEvent) => {
    event.preventDefault()
    if (!prompt.trim() || isPending) return
    // The error is shown from the hook's state; the board shows an unanswered create as "outcome unknown".
    submit(spec.input(values, prompt.trim())).then(onCreated, () => {})
  }

  return (
    <form className="studio-generate" onSubmit={generate} aria-label={`Generate with ${spec.label}`}>
      <div className="studio-fields">
        {spec.fields.map((field) => (
          <Field key={field.name} field={field} value={values[field.name] ?? ''} onChange={(value) => change(field, value)} />
        ))}
      </div>
      <div className="studio-field">
        <label htmlFor={promptId}>Prompt</label>
        <textarea id={promptId} name="prompt" rows={3} required value={prompt} onChange={(event) => setPrompt(event.target.value)} />
      </div>
      <div className="studio-actions">
        <button type="submit" className="studio-button studio-button--primary" disabled={isPending || !prompt.trim()}>
          {isPending ? 'Submitting…' : 'Generate'}
        </button>
        <span role="status" className="studio-hint">
          {isPending ? 'Creating the task…' : ''}
        </span>
      </div>
      {error ? (
        <p role="alert" className="studio-problem">
          {error.kind === 'outcome-unknown' ? 'The create request got no answer: check the task below before trying again.' : error.message}
        </p>
      ) : null}
    </form>
  )
}

function Field({ field, value, onChange }: { field: FieldSpec; value: string; onChange: (value: string) => void }) {
  const id = useId()
  return (
    <div className="studio-field">
      <label htmlFor={id}>{field.label}</label>
      {field.options ? (
        <select id={id} name={field.name} value={value} onChange={(event) => onChange(event.target.value)}>
          {field.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      ) : (
        <input id={id} name={field.name} value={value} required onChange={(event) => onChange(event.target.value)} />
      )}
    </div>
  )
}
