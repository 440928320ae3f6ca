import { defaultTimeZone, toLocalDate } from '../calendar/zoned-time.js';
import type { LocalDate } from '../calendar/local-date.js';
import { assignmentsOf } from '../cycle/task-role.js';
import { groupByTask, TaskReportLookup } from '../cycle/task-report-lookup.js';
import { progressStatusLabels } from '../progress/progress-status.js';
import { formatPoints, fromHundredths, roundToHundredths } from './score-points.js';
import {
  scoreItemLabels,
  type Quarter,
  type ScoreItem,
  type ScoreItemKind,
  type ScoreStats,
  type ScoringBonus,
  type ScoringReport,
  type ScoringTask,
  type ScoringUnit,
  type TaskRole,
  type UnitScore,
} from './scoring-input.js';
import { reportRatingLabels, type ReportRating, type ScoringRules } from './scoring-rules.schema.js';

export interface ScoreQuarterInput {
  /** The quarter scored: every item says so, for a year's explanation. */
  readonly quarter: Quarter;
  readonly rules: ScoringRules;
  readonly units: readonly ScoringUnit[];
  readonly tasks: readonly ScoringTask[];
  readonly reports: readonly ScoringReport[];
  readonly bonuses: readonly ScoringBonus[];
  /** The quarter's due date: the deadline for done-on-time when a task has none of its own. */
  readonly periodDueDate: LocalDate;
  /** For reading a report's local submission date; Asia/Shanghai by default. */
  readonly timeZone?: string;
}

function item(quarter: Quarter, kind: ScoreItemKind, task: ScoringTask | null, hundredths: number, reason: string): ScoreItem {
  const exact = hundredths === 0 ? 0 : hundredths; // no -0 in the output
  return {
    quarter,
    kind,
    kindLabel: scoreItemLabels[kind],
    taskId: task ? task.id : null,
    taskLabel: task ? task.label : null,
    points: fromHundredths(exact),
    hundredths: exact,
    reason,
  };
}

function roleNote(role: TaskRole, weight: number): string {
  const name = role === 'lead' ? '牵头' : '配合';
  return weight === 1 ? `${name}任务` : `${name}任务×${formatPoints(weight)}`;
}

/** Whether `report` wins over `held` for the same task and unit: the latest submitted. */
function supersedes(report: ScoringReport, held: ScoringReport): boolean {
  return report.submittedAt.getTime() > held.submittedAt.getTime();
}

/**
 * True when a task's units are already as assignmentsOf would give them: each unit once, leads first. Tasks
 * coming from the cycle's due reports always are, and then the 20,000 listings of a large quarter need not
 * be decided again. `seenIn` holds the last task each unit was seen in (no set cleared for every task).
 */
function isSettled(units: ScoringTask['units'], taskIndex: number, seenIn: Map<number, number>): boolean {
  let supportSeen = false;
  for (const { unitId, role } of units) {
    if (seenIn.get(unitId) === taskIndex || (role === 'lead' && supportSeen)) return false;
    seenIn.set(unitId, taskIndex);
    if (role !== 'lead') supportSeen = true;
  }
  return true;
}

/** Points weighted by the task role's weight (and a fraction of them, for progress), in hundredths. */
function weighted(points: number, weight: number, fraction = 1): number {
  return roundToHundredths(points * weight * fraction);
}

const progressKeyStatuses: Readonly<Record<ScoringReport['status'], number>> = { not_started: 0, in_progress: 1, done: 2, blocked: 3 };

/** What progress short of done is worth in one role, whatever the task: points, and the reason after the task's label. */
interface ProgressWorth {
  readonly hundredths: number;
  readonly reason: string;
}

/**
 * A role's terms in one quarter's scoring: its weight, its note, and what each progress (status and
 * percent) is worth in it. The worth of 推进中，完成60% is the same on every task, so it is worked out once.
 */
class RoleTerms {
  readonly note: string;
  private readonly worths = new Map<number, ProgressWorth | null>();

  constructor(
    private readonly rules: ScoringRules,
    readonly role: TaskRole,
    readonly weight: number,
  ) {
    this.note = roleNote(role, weight);
  }

  /** For a report not done (done reports' progress depends on the task's deadline); null when worth nothing. */
  progressWorth(report: ScoringReport, deadline: LocalDate): ProgressWorth | null {
    const { percent } = report;
    // Percents are whole numbers from 0 to 100; any other value is worked out without the cache.
    const cacheable = percent === null || (Number.isInteger(percent) && percent >= 0 && percent < 1000);
    const key = progressKeyStatuses[report.status] * 1000 + (percent ?? 999);
    const cached = cacheable ? this.worths.get(key) : undefined;
    if (cached !== undefined) return cached;
    const worth = this.describeWorth(report, deadline);
    if (cacheable) this.worths.set(key, worth);
    return worth;
  }

  describeWorth(report: ScoringReport, deadline: LocalDate): ProgressWorth | null {
    const progress = describeProgress(this.rules, report, deadline);
    const hundredths = weighted(this.rules.credits.progress, this.weight, progress.fraction);
    return hundredths === 0 ? null : { hundredths, reason: `${progress.reason}（${this.note}）` };
  }
}

/**
 * The items one task gives in one role. Every unit missing the task's report, or reporting it late, gets
 * the same item, so each is made once and shared (a large quarter has 24,000 items, mostly alike).
 */
class TaskItems {
  private readonly prefix: string;
  private readonly weight: number;
  private readonly note: string;
  private missingItem: ScoreItem | undefined;
  private lateItem: ScoreItem | undefined;
  private perfunctoryItem: ScoreItem | undefined;
  private doneOnTimeItem: ScoreItem | undefined;
  /** Progress of a report done after the deadline; null when worth nothing. */
  private doneLateItem: ScoreItem | null | undefined;
  private ratingItems: Partial<Record<ReportRating, ScoreItem>> | undefined;

  constructor(
    private readonly quarter: Quarter,
    private readonly rules: ScoringRules,
    private readonly task: ScoringTask,
    private readonly terms: RoleTerms,
    /** The task's deadline, else the period's due date. */
    readonly deadline: LocalDate,
  ) {
    this.prefix = `${task.label}：`;
    this.weight = terms.weight;
    this.note = terms.note;
  }

  missing(): ScoreItem {
    this.missingItem ??= item(
      this.quarter,
      'missing',
      this.task,
      -weighted(this.rules.deductions.missingReport, this.weight),
      `${this.prefix}未报送进展（${this.note}）`,
    );
    return this.missingItem;
  }

  late(): ScoreItem {
    this.lateItem ??= item(this.quarter, 'late', this.task, -weighted(this.rules.deductions.lateReport, this.weight), `${this.prefix}逾期报送（${this.note}）`);
    return this.lateItem;
  }

  perfunctory(): ScoreItem {
    this.perfunctoryItem ??= item(
      this.quarter,
      'perfunctory',
      this.task,
      -weighted(this.rules.deductions.perfunctoryReport, this.weight),
      `${this.prefix}报送内容被认定为敷衍应付（${this.note}）`,
    );
    return this.perfunctoryItem;
  }

  doneOnTime(): ScoreItem {
    this.doneOnTimeItem ??= item(
      this.quarter,
      'done_on_time',
      this.task,
      weighted(this.rules.credits.doneOnTime, this.weight),
      `${this.prefix}在完成时限（${this.deadline}）内完成（${this.note}）`,
    );
    return this.doneOnTimeItem;
  }

  /** Progress credit for a report not done on time; null when it is worth nothing. */
  progress(report: ScoringReport): ScoreItem | null {
    if (report.status === 'done') {
      if (this.doneLateItem === undefined) {
        const worth = this.terms.describeWorth(report, this.deadline);
        this.doneLateItem = worth && item(this.quarter, 'progress', this.task, worth.hundredths, this.prefix + worth.reason);
      }
      return this.doneLateItem;
    }
    const worth = this.terms.progressWorth(report, this.deadline);
    return worth && item(this.quarter, 'progress', this.task, worth.hundredths, this.prefix + worth.reason);
  }

  rating(rating: ReportRating): ScoreItem {
    this.ratingItems ??= {};
    const made =
      this.ratingItems[rating] ??
      item(
        this.quarter,
        'rating',
        this.task,
        weighted(this.rules.ratingPoints[rating], this.weight),
        `${this.prefix}督办人评价为“${reportRatingLabels[rating]}”（${this.note}）`,
      );
    this.ratingItems[rating] = made;
    return made;
  }
}

/** A unit's score as it is added up, task by task. */
interface Tally {
  readonly breakdown: ScoreItem[];
  readonly stats: { -readonly [K in keyof ScoreStats]: number };
}

/** Scores one task of a unit, adding its items and counts to the unit's tally. */
function scoreAssignment(items: TaskItems, role: TaskRole, report: ScoringReport | undefined, timeZone: string, tally: Tally): void {
  const { breakdown, stats } = tally;
  stats.tasks += 1;
  if (role === 'lead') stats.leadTasks += 1;
  else stats.supportTasks += 1;
  if (!report) {
    breakdown.push(items.missing());
    stats.missing += 1;
    return;
  }
  stats.reported += 1;
  if (report.late) {
    breakdown.push(items.late());
    stats.late += 1;
  }
  if (report.perfunctory) {
    breakdown.push(items.perfunctory());
    stats.perfunctory += 1;
  }

  const done = report.status === 'done';
  const doneOnTime = done && toLocalDate(report.submittedAt, timeZone) <= items.deadline;
  if (done) stats.done += 1;
  if (doneOnTime) {
    breakdown.push(items.doneOnTime());
    stats.doneOnTime += 1;
  } else {
    const progress = items.progress(report);
    if (progress) breakdown.push(progress);
  }

  if (report.rating) breakdown.push(items.rating(report.rating));
}

function describeProgress(rules: ScoringRules, report: ScoringReport, deadline: LocalDate): { fraction: number; reason: string } {
  if (report.status === 'done') return { fraction: 1, reason: `已完成，但晚于完成时限（${deadline}），按进展满分计` };
  if (report.status === 'not_started') return { fraction: 0, reason: '未启动' };
  const label = progressStatusLabels[report.status];
  if (report.percent !== null) return { fraction: report.percent / 100, reason: `${label}，完成${report.percent}%` };
  if (report.status === 'in_progress') {
    return { fraction: rules.credits.progressWithoutPercent, reason: `${label}，未填写完成百分比` };
  }
  return { fraction: 0, reason: label };
}

function scoreBonuses(quarter: Quarter, rules: ScoringRules, bonuses: readonly ScoringBonus[]): ScoreItem[] {
  const capHundredths = roundToHundredths(rules.bonusCap);
  let used = 0;
  return bonuses.map((bonus) => {
    if (!(bonus.points > 0)) throw new RangeError(`Bonus points must be positive: ${bonus.points}`);
    const asked = roundToHundredths(bonus.points);
    const granted = Math.min(asked, capHundredths - used);
    used += granted;
    const capped = granted < asked ? `（已达本季度加分上限${formatPoints(rules.bonusCap)}分，按${formatPoints(fromHundredths(granted))}分计）` : '';
    return item(quarter, 'bonus', null, granted, `加分：${bonus.reason.trim()}${capped}`);
  });
}

/**
 * Every unit's score for one quarter with the items that make it up. Only the substance counts:
 * reports missing, late or perfunctory, work done and progress made, the coordinator's ratings and
 * bonuses. Nothing here can see clicks, time online or how fast a reminder was answered.
 */
export function scoreQuarter(input: ScoreQuarterInput): UnitScore[] {
  const { rules, periodDueDate } = input;
  const timeZone = input.timeZone ?? defaultTimeZone;
  const reports = groupByTask(input.reports);
  const lookup = new TaskReportLookup<ScoringReport>(supersedes);
  const base = item(input.quarter, 'base', null, roundToHundredths(rules.base), '基础分');
  const tallies = new Map<number, Tally>();
  for (const unit of input.units) {
    if (tallies.has(unit.id)) continue;
    const stats = { tasks: 0, leadTasks: 0, supportTasks: 0, reported: 0, missing: 0, late: 0, perfunctory: 0, done: 0, doneOnTime: 0 };
    tallies.set(unit.id, { breakdown: [base], stats });
  }
  const lead = new RoleTerms(rules, 'lead', rules.roleWeights.lead);
  const support = new RoleTerms(rules, 'support', rules.roleWeights.support);

  // Task by task, so each unit's items come in task order.
  const seenIn = new Map<number, number>();
  for (let taskIndex = 0; taskIndex < input.tasks.length; taskIndex += 1) {
    const task = input.tasks[taskIndex] as ScoringTask;
    const listings = isSettled(task.units, taskIndex, seenIn)
      ? task.units
      : assignmentsOf(task.units.map(({ unitId, role }, position) => ({ unitId, role, direct: true, position })));
    lookup.use(reports.get(task.id));
    const deadline = task.dueDate ?? periodDueDate;
    let leadItems: TaskItems | undefined;
    let supportItems: TaskItems | undefined;
    for (const { unitId, role } of listings) {
      const tally = tallies.get(unitId);
      if (!tally) continue;
      const items =
        role === 'lead'
          ? (leadItems ??= new TaskItems(input.quarter, rules, task, lead, deadline))
          : (supportItems ??= new TaskItems(input.quarter, rules, task, support, deadline));
      scoreAssignment(items, role, lookup.find(unitId), timeZone, tally);
    }
  }

  const bonusesByUnit = new Map<number, ScoringBonus[]>();
  for (const bonus of input.bonuses) {
    const held = bonusesByUnit.get(bonus.unitId);
    if (held) held.push(bonus);
    else bonusesByUnit.set(bonus.unitId, [bonus]);
  }
  const scores = new Map<number, UnitScore>();
  return input.units.map((unit) => {
    const done = scores.get(unit.id);
    if (done) return done;
    const { breakdown, stats } = tallies.get(unit.id) as Tally;
    const bonuses = bonusesByUnit.get(unit.id);
    if (bonuses) breakdown.push(...scoreBonuses(input.quarter, rules, bonuses));
    let scoreHundredths = 0;
    for (const entry of breakdown) scoreHundredths += entry.hundredths;
    const score: UnitScore = { unitId: unit.id, score: fromHundredths(scoreHundredths), scoreHundredths, breakdown, stats: stats satisfies ScoreStats };
    scores.set(unit.id, score);
    return score;
  });
}
