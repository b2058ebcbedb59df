import { useId, useState, type FormEvent } from 'react'

/**
 * The user name that namespaces this browser's tasks (the client's `account`): two people can
 * share a browser and each sees only their own pending tasks and history.
 */
export function AccountForm({ account, onChange }: { account: string; onChange: (account: string) => void }) {
  const [draft, setDraft] = useState(account)
  const inputId = useId()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const next = draft.trim()
    if (next) onChange(next)
  }
  return (
    <form className="studio-inline-form" onSubmit={submit}>
      <label htmlFor={inputId}>Account</label>
      <input id={inputId} name="account" value={draft} autoComplete="username" onChange={(event) => setDraft(event.target.value)} />
      <button type="submit" className="studio-button" disabled={draft.trim() === '' || draft.trim() === account}>
        Switch account
      </button>
    </form>
  )
}
