import type { CycleTask } from '../cycle/index.js';

/** 一、二… of the notice. */
export interface ReportSection {
  readonly id: number;
  readonly no: number;
  readonly title: string;
}

/** A live task as the digest and the annual report read it: the cycle's task with its section. */
export interface ReportTask extends CycleTask {
  /** null for a task outside any section: listed under 其他工作. */
  readonly section: ReportSection | null;
}

/** Unit names by id. */
export type NamedUnits = ReadonlyMap<number, { readonly name: string }>;
