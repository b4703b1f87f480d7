import { ScenarioError } from '../../sim/engine/errors.ts';
import type { ModelRunSummary } from '../../sim/exercise/modelRuns.ts';
import { readResult, type VerifiedResult } from '../../sim/exercise/results.ts';
import type { Exercise } from '../../sim/exercise/types.ts';
import type { ModelRunsCache } from './modelRunsClient.ts';
import { issueText } from './parts.ts';
import type { TextContext } from './text.ts';

/** The facilitator's page of the Exercise view: teams' result files of one exercise, and the model's runs. */
export class WorkshopTeams {
  exercise: Exercise | null = null;
  teams: VerifiedResult[] = [];
  problems: string[] = [];
  models: ModelRunSummary[] | null = null;
  /** Bumped by clear(), so runs that finish after it are dropped. */
  private generation = 0;

  constructor(
    private runs: ModelRunsCache,
    private replicates: number,
  ) {}

  clear(): void {
    this.generation++;
    this.exercise = null;
    this.teams = [];
    this.problems = [];
    this.models = null;
  }

  /**
   * Read teams' result files: each is checked by replaying its log on this device. `changed` is called
   * when the files are read and again when the model's runs for the exercise are in.
   */
  async load(files: File[], ctx: TextContext, signal: AbortSignal, changed: () => void): Promise<void> {
    const generation = this.generation;
    this.problems = [];
    for (const f of files) {
      try {
        const result = readResult(JSON.parse(await f.text()), this.exercise ?? undefined);
        if (signal.aborted || generation !== this.generation) return;
        this.exercise ??= result.exercise;
        this.teams.push(result);
      } catch (err) {
        const lines =
          err instanceof ScenarioError
            ? issueText(err.issues, ctx)
            : [err instanceof Error ? err.message : String(err)];
        this.problems.push(...lines.map((l) => `${f.name}: ${l}`));
      }
    }
    changed();
    const ex = this.exercise;
    if (ex && !this.models) {
      const models = await this.runs.get(ex.hash, ex.raw, this.replicates);
      if (signal.aborted || generation !== this.generation) return;
      this.models = models;
      changed();
    }
  }
}
