/** What the notice grammar returns. Plain data: safe to JSON-serialise and store. */

import type { TaskRole } from '../cycle/types.js';

export type Severity = 'error' | 'warning';

export interface NoticeDiagnostic {
  /** 1-based line number in the input text. */
  line: number;
  severity: Severity;
  /** Simplified Chinese: read by the coordinator. */
  message: string;
}

export interface ParsedSection {
  no: number;
  title: string;
  line: number;
}

export interface TaskUnit {
  /** As written, whitespace removed and parentheses canonicalised to full width （）. */
  name: string;
  role: TaskRole;
  /** A name standing for many units (各镇政府（街道办事处）, 区政府各部门): expanded through the unit directory later. */
  collective: boolean;
}

export interface ParsedTask {
  no: number;
  /** The number as written, parentheses in full width: "（一）", "3.", "12、", "（2）". Empty for unnumbered table rows. */
  label: string;
  section: number | null;
  /**
   * The sub-headings above the task inside its section ("（一）深化放管服改革", and "1.…" above a "（1）" task), outermost
   * first, joined by " / "; null when the task sits right under its section. Context only: a sub-heading is not a task.
   */
  subheading: string | null;
  /** A short title: the task's first sentence or clause. */
  title: string;
  /** The task's full text as written (without its number), sub-items on their own lines. */
  text: string;
  /** The first lead unit, or null when the notice names none. */
  lead: string | null;
  /** Every lead unit (a few tasks name two). */
  leads: string[];
  /** Supporting units in the order written. */
  supporting: string[];
  units: TaskUnit[];
  /** The phrase that assigned the units ("区编办、区发改局负责"), to tell wording changes from unit changes. */
  unitsText: string | null;
  /** The deadline phrase as written ("2017年底前", "长期坚持"). */
  deadline: string | null;
  /** The deadline as a date, YYYY-MM-DD; null when open-ended or unknown. */
  dueDate: string | null;
  /** Measurable targets in the text ("70%以上", "不少于2次"). */
  targets: string[];
  /** A person named by 牵头领导/责任领导: not a unit. */
  leaderPerson: string | null;
  /** Line of the task's number (1-based). */
  line: number;
}

/**
 * Where each input line went. `header` covers the document matter that is neither a section nor a task:
 * the title block, a cover letter, the preamble, the signature and table header rows.
 */
export type LineKind = 'blank' | 'header' | 'section' | 'task' | 'diagnostic';

export interface LineAccount {
  line: number;
  kind: LineKind;
  /** Index into sections, tasks or diagnostics for those kinds; null for blank and header lines. */
  ref: number | null;
}

export interface ParsedNotice {
  title: string | null;
  year: number | null;
  issuer: string | null;
  /** The date the notice was issued (its signature date, or the page's 发布日期), YYYY-MM-DD; null when not written. */
  issuedOn: string | null;
  sections: ParsedSection[];
  tasks: ParsedTask[];
  diagnostics: NoticeDiagnostic[];
  /** One entry per input line, in order: proof that nothing was silently dropped. */
  lineAccounting: LineAccount[];
}
