import { JSDOM } from 'jsdom'
import type { TaskAdapter } from '../packages/hooks/src/core/adapter.ts'
import type { Bench } from './bench'

/**
 * React commits per unchanged poll answer: the same task answered N times with identical JSON.
 * TaskKit's `useTask` against two baselines in the same run: the hand-written hook many apps have
 * (setState on every answer) and TanStack Query's own polling (`refetchInterval`).
 */
const POLLS = 50
const INTERVAL_MS = 5

interface Measured {
  commits: number
  polls: number
}

async function run(): Promise<string> {
  const dom = new JSDOM('<!doctype html><div id="root"></div>', { url: 'https://bench.test/' })
  Object.assign(globalThis, { window: dom.window, document: dom.window.document })
  Object.defineProperty(globalThis, 'navigator', { value: dom.window.navigator, configurable: true })
  // Imported after the DOM exists: react-dom reads globals when it loads.
  const React = await import('react')
  const { createRoot } = await import('react-dom/client')
  const { QueryClient, QueryClientProvider, useQuery } = await import('@tanstack/react-query')
  const { createTaskClient, defineAdapter, TaskKitProvider, useTask } = await import('../packages/hooks/src/index.ts')
  const { localCrossTab } = await import('../packages/hooks/src/core/crossTab.ts')
  const h = React.createElement
  // Query caches hold 5-minute garbage-collection timers: clear them so the bench process exits.
  const queryClients: InstanceType<typeof QueryClient>[] = []
  const track = (queryClient: InstanceType<typeof QueryClient>) => (queryClients.push(queryClient), queryClient)
  const answer = { id: 't1', status: 'running', progress: 40 }

  async function measure(element: (fetch: typeof globalThis.fetch) => React.ReactElement): Promise<Measured> {
    let calls = 0
    const fetch = (async () => {
      calls++
      return new Response(JSON.stringify(answer), { headers: { 'content-type': 'application/json' } })
    }) as typeof globalThis.fetch
    const root = createRoot(document.createElement('div'))
    let commits = 0
    root.render(h(React.Profiler, { id: 'bench', onRender: () => commits++ }, element(fetch)))
    // Count only what the identical answers after the first one cause.
    await until(() => calls >= 2)
    await sleep(INTERVAL_MS * 4)
    const start = { commits, calls }
    await until(() => calls >= start.calls + POLLS)
    await sleep(INTERVAL_MS * 4)
    const measured = { commits: commits - start.commits, polls: calls - start.calls }
    root.unmount()
    return measured
  }

  const View = ({ state, progress }: { state?: string; progress?: number }) => h('p', null, `${state} ${progress}`)

  const naive = await measure((fetch) => {
    function Naive() {
      const [task, setTask] = React.useState<typeof answer>()
      React.useEffect(() => {
        const timer = setInterval(() => void fetch('https://api.test/t1').then((r) => r.json()).then(setTask), INTERVAL_MS)
        return () => clearInterval(timer)
      }, [])
      return h(View, { state: task?.status, progress: task?.progress })
    }
    return h(Naive)
  })

  const tanstack = await measure((fetch) => {
    function Polled() {
      const { data } = useQuery({
        queryKey: ['t1'],
        queryFn: () => fetch('https://api.test/t1').then((r) => r.json() as Promise<typeof answer>),
        refetchInterval: INTERVAL_MS,
      })
      return h(View, { state: data?.status, progress: data?.progress })
    }
    return h(QueryClientProvider, { client: track(new QueryClient()) }, h(Polled))
  })

  const adapter: TaskAdapter<Record<string, unknown>> = defineAdapter<Record<string, unknown>>({
    name: 'bench',
    baseUrl: 'https://api.test',
    pollBounds: { minMs: 1, initialMs: INTERVAL_MS, maxMs: 1000 },
    statusMap: { running: 'running' },
    createRequest: (input) => ({ method: 'POST', url: '/tasks', body: input }),
    statusRequest: (ref) => ({ method: 'GET', url: `/tasks/${ref.id}` }),
    read: (body) => ({ id: body.id, status: body.status, progress: body.progress }),
  })
  const taskkit = await measure((fetch) => {
    const client = createTaskClient({ adapter, storage: null, fetch, crossTab: localCrossTab() })
    function Watched() {
      const { task } = useTask('t1', { interval: INTERVAL_MS })
      return h(View, { state: task?.state, progress: task?.progress })
    }
    return h(QueryClientProvider, { client: track(new QueryClient()) }, h(TaskKitProvider, { client }, h(Watched)))
  })

  queryClients.forEach((queryClient) => queryClient.clear())
  dom.window.close()
  const row = (name: string, r: Measured) => `| ${name} | ${r.polls} | ${r.commits} | ${(r.commits / r.polls).toFixed(2)} |`
  return [
    `${POLLS} identical status answers after the first, polled every ${INTERVAL_MS} ms; jsdom, react-dom ${React.version}.`,
    '',
    '| hook | unchanged answers | React commits | commits per answer |',
    '|---|---:|---:|---:|',
    row('hand-written useState + setInterval (baseline)', naive),
    row('TanStack Query refetchInterval (baseline)', tanstack),
    row('TaskKit useTask', taskkit),
    '',
    `Target: 0 commits per unchanged answer: ${taskkit.commits === 0 ? 'met' : 'NOT met'}.`,
  ].join('\n')
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('commits bench: polling did not happen in time')
    await sleep(1)
  }
}

const bench: Bench = { name: 'commits', title: 'React commits per unchanged poll answer', run }

export default bench
