/** One measured figure printed by `npm run bench`. */
export interface BenchRow {
  name: string;
  /** e.g. wall ms, peak MiB, ratio */
  figures: Record<string, string | number>;
  /** Target from the issue, shown beside the figure, e.g. "<= 1500 ms". */
  target?: string;
  /** Whether the target is met (undefined when there is no target). */
  met?: boolean;
}

export interface BenchContext {
  /** Scratch folder for synthetic repositories (created by main.ts, under .bench/). */
  workDir: string;
  /** Scale factor from BENCH_SCALE (1 = the sizes named in the issues). */
  scale: number;
}

export type BenchModule = (ctx: BenchContext) => Promise<BenchRow[]>;
