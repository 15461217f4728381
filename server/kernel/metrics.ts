/**
 * Metric providers: modules register named, computed figures (e.g. services reports company-opening durations);
 * the action plan's KPIs read them by id. A KPI whose provider is not registered shows "暂无数据源" — there is no
 * way to type a number in.
 */
import type { AppContext } from './context.ts';

export interface MetricValue {
  value: number | null;
  /** What the figure was computed from, shown beside it (e.g. `{ applications: 212 }`). */
  detail?: Record<string, unknown>;
}

export interface MetricProvider {
  /** `module.metric-name`, e.g. `services.opening-time-workdays`. */
  id: string;
  name: string;
  unit: string;
  description: string;
  /**
   * Computes the figure for a period (`YYYY-MM`) as of `asOf`. Must be read-only. It gets the whole context
   * because figures such as "reports submitted on time" need the working-day calendar, not only the database.
   */
  compute(ctx: AppContext, period: string, asOf: Date): Promise<MetricValue>;
}

export class MetricRegistry {
  readonly #providers = new Map<string, MetricProvider>();

  register(p: MetricProvider): void {
    if (!/^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/.test(p.id))
      throw new Error(`metric id ${p.id} must look like module.metric-name`);
    if (this.#providers.has(p.id)) throw new Error(`metric ${p.id} registered twice`);
    this.#providers.set(p.id, p);
  }

  find(id: string): MetricProvider | undefined {
    return this.#providers.get(id);
  }

  list(): MetricProvider[] {
    return [...this.#providers.values()].sort((a, b) => a.id.localeCompare(b.id));
  }
}
