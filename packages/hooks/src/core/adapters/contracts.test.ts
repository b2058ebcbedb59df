import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { AdapterResponse, TaskAdapter } from '../adapter'
import { TaskKitError, type TaskKitErrorKind } from '../errors'
import { TASK_STATES, isTerminalState, type Task, type TaskState } from '../model'
import { safeUrl } from '../safeUrl'
import { fal, kling, luma, meshy, midjourneyProxy, openaiVideo, replicate, runway, stability } from './extra'
import { newApi, qingbo, tokenlab, tripo } from './index'

/**
 * Every file in the shared contracts directory is read by its adapter and checked against
 * CONTRACTS.md. Nothing here is per file: the adapter comes from the file name's prefix, the
 * parser from its suffix, and the expected state from the doc's own state tables, so a file
 * added later is covered (or fails loudly) without touching this test.
 */

const CONTRACTS_DIR =
  process.env.TASKKIT_CONTRACTS_DIR ?? fileURLToPath(new URL('../../../../../../shared/contracts/', import.meta.url))

const NOW = Date.UTC(2026, 0, 1)

type AnyAdapter = TaskAdapter<never>

/** File name prefix -> adapter. A prefix missing here makes its files fail. */
const ADAPTERS: Record<string, () => AnyAdapter> = {
  tokenlab: () => tokenlab() as AnyAdapter,
  tripo: () => tripo({ now: () => NOW }) as AnyAdapter,
  qingbo: () => qingbo() as AnyAdapter,
  newapi: () => newApi({ baseUrl: 'https://gateway.example.com' }) as AnyAdapter,
  replicate: () => replicate() as AnyAdapter,
  fal: () => fal({ app: 'fal-ai/fast-sdxl' }) as AnyAdapter,
  runway: () => runway() as AnyAdapter,
  luma: () => luma() as AnyAdapter,
  'openai-video': () => openaiVideo() as AnyAdapter,
  kling: () => kling() as AnyAdapter,
  meshy: () => meshy() as AnyAdapter,
  stability: () => stability() as AnyAdapter,
  'midjourney-proxy': () => midjourneyProxy({ baseUrl: 'https://mj.example.com' }) as AnyAdapter,
}

// ---------------------------------------------------------------------------------------------
// CONTRACTS.md -> expected states

type Letter = string
interface StateRule {
  words: string[]
  /** Undefined: the doc names the word but no state ("fetch `response_url` to tell S from F"). */
  letter?: Letter
  /** A refinement: applies when the file matches (`cancelled:true`, `SAFETY.*`). */
  when?: (json: unknown) => boolean
}
interface ContractDoc {
  letters: Map<Letter, TaskState>
  /** Normalized provider name (`tokenlab`, `newapitasklog`, `falai`) -> rules. */
  providers: Map<string, StateRule[]>
}

const squash = (name: string) => name.replace(/\(.*?\)/g, '').toLowerCase().replace(/[^a-z0-9]/g, '')

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(strings)
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings)
  return []
}

function globMatcher(glob: string): (json: unknown) => boolean {
  const pattern = new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`)
  return (json) => strings(json).some((text) => pattern.test(text))
}

function parseStateCell(cell: string, letters: string): StateRule[] {
  const rules: StateRule[] = []
  const letter = `([${letters}])`
  for (const raw of cell.replace(/`/g, '').split(/[,;]/)) {
    let part = raw.trim()
    if (part === '') continue
    // "FAILED F (SAFETY.* -> B)": a refinement of the rule it annotates.
    const refinement = new RegExp(`\\(\\s*(\\S+)\\s*->\\s*${letter}\\s*\\)`).exec(part)
    part = part.replace(/\(.*?\)/g, '').trim()
    // "failed + cancelled:true -> C"
    const flag = new RegExp(`^(.+?)\\s*\\+\\s*(\\w+):(\\S+)\\s*->\\s*${letter}$`).exec(part)
    if (flag) {
      const [, words = '', key = '', value = '', target] = flag
      const expected: unknown = JSON.parse(value)
      rules.push({
        words: words.split('/'),
        letter: target,
        when: (json) => (json as Record<string, unknown> | null)?.[key] === expected,
      })
      continue
    }
    // "'' = submitting": named, no letter.
    const quoted = /^'(.*)'\s*=/.exec(part)
    const plain = new RegExp(`^(.+?)\\s+${letter}$`).exec(part)
    const words = (quoted ? quoted[1] ?? '' : plain ? plain[1] ?? '' : part).split('/')
    rules.push({ words, letter: quoted ? undefined : plain?.[2] })
    if (refinement) rules.push({ words, letter: refinement[2], when: globMatcher(refinement[1] ?? '') })
  }
  return rules
}

function readContractDoc(markdown: string): ContractDoc {
  // "Normalized states: Q queued, R running, S succeeded, ..."
  const legend = /Normalized states:([^\n]*(?:\n[^\n|]+)*)/.exec(markdown)?.[1] ?? ''
  const letters = new Map<Letter, TaskState>()
  for (const [, letter = '', state = ''] of legend.matchAll(/\b([A-Z]) ([a-z]+)/g)) {
    if ((TASK_STATES as readonly string[]).includes(state)) letters.set(letter, state as TaskState)
  }
  const letterClass = [...letters.keys()].join('')
  const providers = new Map<string, StateRule[]>()
  const rows = markdown
    .split('\n')
    .filter((line) => line.trim().startsWith('|'))
    .map((line) => line.trim().slice(1, -1).split('|').map((cell) => cell.trim()))
  let header: string[] = []
  for (const row of rows) {
    if (row.every((cell) => /^-*$/.test(cell))) continue
    if (row[0] === '' || row[0] === 'provider') {
      header = row
      continue
    }
    if (header[0] === '' && row[0] === 'states') {
      // The seed table: one provider per column.
      row.slice(1).forEach((cell, index) => providers.set(squash(header[index + 1] ?? ''), parseStateCell(cell, letterClass)))
    } else if (header[0] === 'provider') {
      const column = header.indexOf('states')
      providers.set(squash(row[0] ?? ''), parseStateCell(row[column] ?? '', letterClass))
    }
  }
  return { letters, providers }
}

// ---------------------------------------------------------------------------------------------
// One file -> a list of problems (empty = the file passes)

export interface ContractCheck {
  file: string
  json: unknown
  doc: ContractDoc
  adapters: Record<string, () => AnyAdapter>
}

const ERROR_KIND_BY_STATUS: Record<number, TaskKitErrorKind> = { 401: 'auth', 403: 'auth', 404: 'not-found', 429: 'rate-limited' }

function checkTask(task: Task, problems: string[], where: string): void {
  if (!TASK_STATES.includes(task.state)) problems.push(`${where}: invalid state ${String(task.state)}`)
  if (typeof task.id !== 'string' || task.id.trim() === '') problems.push(`${where}: empty id`)
  if (typeof task.rawStatus !== 'string') problems.push(`${where}: rawStatus is not a string`)
  if (task.progress !== undefined && !(task.progress >= 0 && task.progress <= 100)) {
    problems.push(`${where}: progress ${task.progress} outside 0-100`)
  }
  for (const field of ['createdAt', 'startedAt', 'finishedAt'] as const) {
    const value = task[field]
    if (value !== undefined && !(value > 1e12)) problems.push(`${where}: ${field} ${value} is not epoch ms`)
  }
  for (const asset of task.assets) {
    if (safeUrl(asset.url) !== asset.url || !/^(https?|blob):/.test(asset.url)) {
      problems.push(`${where}: unsafe or relative asset URL ${asset.url}`)
    }
    if (!['image', 'video', 'audio', 'model3d', 'file'].includes(asset.kind)) problems.push(`${where}: asset without kind`)
    if (asset.expiresAt !== undefined && !(asset.expiresAt > 1e12)) problems.push(`${where}: asset expiresAt not ms`)
  }
  if (task.error !== undefined && !task.error.message) problems.push(`${where}: error without message`)
  if (['failed', 'blocked', 'expired'].includes(task.state) && !task.error) problems.push(`${where}: ${task.state} without error`)
  if (task.queuePosition !== undefined && !(task.queuePosition >= 1)) problems.push(`${where}: queuePosition not 1-based`)
  if (task.etaMs !== undefined && !(task.etaMs >= 0)) problems.push(`${where}: negative etaMs`)
}

function expectState(
  task: Task,
  json: unknown,
  rules: StateRule[],
  doc: ContractDoc,
  lookup: string,
  problems: string[],
  where: string,
): void {
  const matching = rules.filter((rule) => rule.words.some((word) => word.toLowerCase() === lookup.toLowerCase()))
  if (matching.length === 0) {
    problems.push(`${where}: status word "${lookup}" is not in CONTRACTS.md's table for this provider`)
    return
  }
  const rule = matching.find((candidate) => candidate.when?.(json)) ?? matching.find((candidate) => !candidate.when)
  if (rule?.letter === undefined) {
    // Named without a state: the adapter must not claim an outcome it cannot know yet.
    if (isTerminalState(task.state)) problems.push(`${where}: "${lookup}" is undecided in CONTRACTS.md but read as ${task.state}`)
    return
  }
  const expected = doc.letters.get(rule.letter)
  if (task.state !== expected) problems.push(`${where}: "${lookup}" should be ${String(expected)}, got ${task.state}`)
}

function check({ file, json, doc, adapters }: ContractCheck): string[] {
  const problems: string[] = []
  const prefix = Object.keys(adapters)
    .sort((a, b) => b.length - a.length)
    .find((candidate) => file.startsWith(`${candidate}-`))
  if (prefix === undefined) return [`${file}: unknown provider prefix (add it to ADAPTERS and CONTRACTS.md)`]
  const tableKey = [...doc.providers.keys()].find((key) => key.startsWith(squash(prefix)))
  const rules = tableKey === undefined ? undefined : doc.providers.get(tableKey)
  if (!rules) return [`${file}: provider "${prefix}" has no state table in CONTRACTS.md`]
  const adapter = adapters[prefix]!()
  const httpStatus = Number(/-(\d{3})(?=[-.])/.exec(file)?.[1] ?? 200)
  const response: AdapterResponse = { status: httpStatus, headers: {}, body: json }
  const ref = { id: 'ref-id' }

  try {
    if (/-error\b/.test(file) || httpStatus >= 400) {
      // An error answer: the adapter must throw the right kind, with a message.
      const expectedKind = ERROR_KIND_BY_STATUS[httpStatus] ?? (httpStatus >= 400 ? 'http' : 'provider')
      try {
        adapter.parseStatus(response, ref)
        problems.push(`${file}: an error answer was read as a task`)
      } catch (error) {
        if (!(error instanceof TaskKitError)) problems.push(`${file}: threw ${String(error)}, not a TaskKitError`)
        else {
          if (error.kind !== expectedKind) problems.push(`${file}: error kind ${error.kind}, expected ${expectedKind}`)
          if (!error.message) problems.push(`${file}: error without message`)
        }
      }
      return problems
    }
    if (/-submit\b/.test(file)) {
      // A create answer: a fresh task, not finished; a state named in the file name must match.
      const task = adapter.parseCreate(response, {} as never)
      checkTask(task, problems, file)
      if (isTerminalState(task.state)) problems.push(`${file}: a create answer read as ${task.state}`)
      const named = TASK_STATES.find((state) => file.includes(`-${state}`))
      if (named && task.state !== named) problems.push(`${file}: named ${named}, read as ${task.state}`)
      return problems
    }
    // A history page (`-list`): every row is a task, and none may be dropped.
    const isList = /-list\b/.test(file)
    const rows = isList ? ((json as { data?: { items?: unknown[] } } | null)?.data?.items ?? []) : [json]
    const tasks = isList ? (adapter.history?.parse(response).items ?? []) : [adapter.parseStatus(response, ref)]
    if (tasks.length !== rows.length) problems.push(`${file}: read ${tasks.length} tasks from ${rows.length} rows`)
    tasks.forEach((task, index) => {
      const where = tasks.length > 1 ? `${file}[${index}]` : file
      checkTask(task, problems, where)
      // The status is the HTTP code where the table says so ("HTTP 202 R").
      const byHttp = rules.some((rule) => rule.words.includes(`HTTP ${httpStatus}`)) && /-\d{3}\b/.test(file)
      const lookup = byHttp ? `HTTP ${httpStatus}` : task.rawStatus
      if (!byHttp && !strings(json).includes(lookup) && lookup !== '') {
        problems.push(`${where}: rawStatus "${lookup}" does not come from the file`)
      }
      const row = rows.find((candidate) => strings(candidate).includes(task.id)) ?? json
      expectState(task, row, rules, doc, lookup, problems, where)
    })
  } catch (error) {
    problems.push(`${file}: threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`)
  }
  return problems
}

// ---------------------------------------------------------------------------------------------

describe('contracts', () => {
  it('finds the shared contracts directory', () => {
    expect(existsSync(join(CONTRACTS_DIR, 'CONTRACTS.md')), `no CONTRACTS.md in ${CONTRACTS_DIR}`).toBe(true)
  })

  const doc = readContractDoc(readFileSync(join(CONTRACTS_DIR, 'CONTRACTS.md'), 'utf8'))
  const files = readdirSync(CONTRACTS_DIR).filter((file) => file.endsWith('.json')).sort()

  it('reads the state tables of CONTRACTS.md', () => {
    expect(doc.letters.get('Q')).toBe('queued')
    expect(doc.letters.get('B')).toBe('blocked')
    expect(doc.providers.size).toBeGreaterThanOrEqual(13)
    expect(files.length).toBeGreaterThan(0)
  })

  it.each(files)('%s', (file) => {
    const json: unknown = JSON.parse(readFileSync(join(CONTRACTS_DIR, file), 'utf8'))
    expect(check({ file, json, doc, adapters: ADAPTERS })).toEqual([])
  })

  describe('the harness can fail', () => {
    const pending = JSON.parse(readFileSync(join(CONTRACTS_DIR, 'tokenlab-pending.json'), 'utf8')) as unknown

    it('rejects a file whose provider prefix is unknown', () => {
      expect(check({ file: 'acme-running.json', json: { id: 'x', status: 'running' }, doc, adapters: ADAPTERS })).toEqual([
        'acme-running.json: unknown provider prefix (add it to ADAPTERS and CONTRACTS.md)',
      ])
    })

    it('rejects a provider that CONTRACTS.md does not describe', () => {
      const adapters = { ...ADAPTERS, acme: ADAPTERS.tokenlab! }
      expect(check({ file: 'acme-pending.json', json: pending, doc, adapters })[0]).toMatch(/no state table/)
    })

    it('rejects an adapter that reads the wrong state', () => {
      const wrong = (): AnyAdapter => {
        const real = tokenlab() as AnyAdapter
        return { ...real, parseStatus: (response, ref) => ({ ...real.parseStatus(response, ref), state: 'running' }) }
      }
      expect(check({ file: 'tokenlab-pending.json', json: pending, doc, adapters: { tokenlab: wrong } })).toEqual([
        'tokenlab-pending.json: "pending" should be queued, got running',
      ])
    })

    it('rejects a status word the table does not know', () => {
      const json = { id: 'ldtask_x', status: 'paused' }
      expect(check({ file: 'tokenlab-paused.json', json, doc, adapters: ADAPTERS })).toEqual([
        'tokenlab-paused.json: status word "paused" is not in CONTRACTS.md\'s table for this provider',
      ])
    })

    it('applies the refinements of the tables (failed + cancelled:true -> C, SAFETY.* -> B)', () => {
      const cancelled = { id: 'ldtask_x', status: 'failed', cancelled: true, cancellation_status: 'cancelled' }
      expect(check({ file: 'tokenlab-cancelled.json', json: cancelled, doc, adapters: ADAPTERS })).toEqual([])
      const naive = (): AnyAdapter => {
        const real = tokenlab() as AnyAdapter
        return { ...real, parseStatus: (response, ref) => ({ ...real.parseStatus(response, ref), state: 'failed', error: { message: 'x' } }) }
      }
      expect(check({ file: 'tokenlab-cancelled.json', json: cancelled, doc, adapters: { tokenlab: naive } })).toEqual([
        'tokenlab-cancelled.json: "failed" should be cancelled, got failed',
      ])
    })

    it('checks the invariants of every task', () => {
      const broken = (): AnyAdapter => {
        const real = tokenlab() as AnyAdapter
        return {
          ...real,
          parseStatus: (response, ref) => ({
            ...real.parseStatus(response, ref),
            progress: 140,
            createdAt: 1720000000,
            assets: [{ kind: 'image', url: 'javascript:alert(1)' }],
          }),
        }
      }
      expect(check({ file: 'tokenlab-pending.json', json: pending, doc, adapters: { tokenlab: broken } })).toEqual([
        'tokenlab-pending.json: progress 140 outside 0-100',
        'tokenlab-pending.json: createdAt 1720000000 is not epoch ms',
        'tokenlab-pending.json: unsafe or relative asset URL javascript:alert(1)',
      ])
    })
  })

  describe('malformed answers are parse errors, never crashes', () => {
    const bodies: unknown[] = [undefined, null, 'oops', 42, true, [], {}, { status: 'running' }, { data: 'x' }, { code: 0 }]
    for (const [prefix, make] of Object.entries(ADAPTERS)) {
      it(prefix, () => {
        const adapter = make()
        for (const body of bodies) {
          let thrown: unknown
          try {
            adapter.parseStatus({ status: 200, headers: {}, body }, { id: 'ref-id' })
          } catch (error) {
            thrown = error
          }
          expect(thrown, `${prefix} read ${JSON.stringify(body)} as a task`).toBeInstanceOf(TaskKitError)
          expect((thrown as TaskKitError).kind, `${prefix}: ${JSON.stringify(body)}`).toBe('parse')
        }
      })
    }
  })
})
