import type { Theme } from './settings'

export function ThemeToggle({ theme, onChange }: { theme: Theme; onChange: (theme: Theme) => void }) {
  const dark = theme === 'dark'
  return (
    <button type="button" className="studio-button studio-button--quiet" aria-pressed={dark} onClick={() => onChange(dark ? 'light' : 'dark')}>
      Dark theme
    </button>
  )
}
