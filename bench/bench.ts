/**
 * One benchmark: a module `bench/<name>.ts` whose default export is a Bench. `pnpm bench` runs them
 * all, `pnpm bench <name>` one; each returns markdown (a table and a few lines) so results can be
 * pasted into BENCHMARKS.md as they are.
 */
export interface Bench {
  /** The name on the command line: `pnpm bench polling`. */
  name: string
  /** One line saying what is measured. */
  title: string
  run(): Promise<string>
}
