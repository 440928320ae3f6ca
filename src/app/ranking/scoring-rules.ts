import { z } from 'zod';
import { describeRules, scoringRulesSchema, type ScoringRules, type ScoringRulesInput } from '../../domain/ranking/index.js';
import { UserError } from '../../errors.js';
import type { AppContext } from '../context.js';
import { parseUseCaseInput, workspaceIdSchema } from './ranking-input.schema.js';
import { loadScoringWorkspace } from './scoring-data.js';

export interface ScoringRulesView {
  readonly rules: ScoringRules;
  readonly isDefault: boolean;
  /** The rules in plain Chinese, one line each, as units and leaders read them. */
  readonly text: readonly string[];
}

/** Names of the rule fields as coordinators know them, for error messages. */
const fieldLabels: Readonly<Record<string, string>> = {
  base: '基础分',
  'deductions.missingReport': '未报送扣分',
  'deductions.lateReport': '逾期报送扣分',
  'deductions.perfunctoryReport': '敷衍应付扣分',
  'credits.doneOnTime': '按时完成加分',
  'credits.progress': '进展加分',
  'credits.progressWithoutPercent': '未填百分比的进展折算比例',
  'roleWeights.lead': '牵头任务权重',
  'roleWeights.support': '配合任务权重',
  'ratingPoints.excellent': '评价“优”的分值',
  'ratingPoints.good': '评价“良”的分值',
  'ratingPoints.fair': '评价“中”的分值',
  'ratingPoints.poor': '评价“差”的分值',
  bonusCap: '每季度加分上限',
  yearly: '年度计分方式',
  'yearly.method': '年度计分方式',
  'yearly.weights': '季度权重',
};

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  const field = fieldLabels[path] ?? fieldLabels[issue.path.slice(0, 2).map(String).join('.')] ?? (path || '评分规则');
  switch (issue.code) {
    case 'too_small':
      return `${field}不能小于${String(issue.minimum)}`;
    case 'too_big':
      return `${field}不能大于${String(issue.maximum)}`;
    case 'invalid_type':
      return `${field}应为${issue.expected === 'number' ? '数字' : issue.expected === 'object' ? '一组设置' : '有效的值'}`;
    case 'invalid_union':
      return `${field}应为 average（平均）、sum（求和）或 weighted（加权）`;
    case 'unrecognized_keys':
      return `评分规则中有无法识别的项：${issue.keys.join('、')}`;
    default:
      return `${field}：${issue.message}`;
  }
}

/** Rejects unknown fields so a typo (missingReprot) is not silently ignored. */
const strictRulesSchema = z
  .object({
    base: z.unknown(),
    deductions: z.strictObject({ missingReport: z.unknown(), lateReport: z.unknown(), perfunctoryReport: z.unknown() }).partial(),
    credits: z.strictObject({ doneOnTime: z.unknown(), progress: z.unknown(), progressWithoutPercent: z.unknown() }).partial(),
    roleWeights: z.strictObject({ lead: z.unknown(), support: z.unknown() }).partial(),
    ratingPoints: z.strictObject({ excellent: z.unknown(), good: z.unknown(), fair: z.unknown(), poor: z.unknown() }).partial(),
    bonusCap: z.unknown(),
    yearly: z.unknown(),
  })
  .partial()
  .strict();

/** Validates a rule set as a coordinator wrote it; the first problem becomes a Chinese UserError. */
export function validateScoringRules(input: unknown): ScoringRules {
  const shape = strictRulesSchema.safeParse(input);
  const parsed = shape.success ? scoringRulesSchema.safeParse(input) : shape;
  if (parsed.success) return parsed.data as ScoringRules;
  const issue = parsed.error.issues[0];
  throw new UserError('invalid_scoring_rules', `评分规则有误：${issue ? describeIssue(issue) : '格式不正确'}。`);
}

export async function readScoringRules(ctx: AppContext, input: { workspaceId: number }): Promise<ScoringRulesView> {
  const workspaceId = parseUseCaseInput(workspaceIdSchema, input.workspaceId);
  const workspace = await loadScoringWorkspace(ctx.store, workspaceId);
  return { rules: workspace.rules, isDefault: workspace.rulesAreDefault, text: describeRules(workspace.rules) };
}

/**
 * Stores the workspace's scoring rules, filled out with the defaults so a later change of the
 * defaults does not move a rule set people agreed on; `rules: null` goes back to the default set.
 */
export async function setScoringRules(
  ctx: AppContext,
  input: { workspaceId: number; actorId: string; rules: ScoringRulesInput | null },
): Promise<ScoringRulesView> {
  const workspaceId = parseUseCaseInput(workspaceIdSchema, input.workspaceId);
  const rules = input.rules === null ? null : validateScoringRules(input.rules);
  await ctx.store.transaction(async (tx) => {
    await loadScoringWorkspace(tx, workspaceId);
    await tx.workspaces.update(workspaceId, { scoring_rules: rules === null ? null : JSON.stringify(rules) });
    await tx.audit.record({
      workspaceId,
      actorId: input.actorId,
      action: rules === null ? 'scoring_rules.reset' : 'scoring_rules.set',
      subjectType: 'workspace',
      subjectId: workspaceId,
      details: { rules },
    });
  });
  return readScoringRules(ctx, { workspaceId });
}

/** The rule changes /ranking rules set offers, one field each; unset ones stay as they are. */
export interface ScoringRuleChanges {
  base?: number;
  missingReport?: number;
  lateReport?: number;
  perfunctoryReport?: number;
  doneOnTime?: number;
  progress?: number;
  leadWeight?: number;
  supportWeight?: number;
  excellent?: number;
  good?: number;
  fair?: number;
  poor?: number;
  bonusCap?: number;
  yearly?: 'average' | 'sum' | 'weighted';
  /** Four quarter weights as typed: "1,1,1.5,2" (full-width commas and spaces too). */
  quarterWeights?: string;
}

function readQuarterWeights(typed: string): [number, number, number, number] {
  const parts = typed
    .normalize('NFKC')
    .split(/[,，、\s]+/u)
    .filter(Boolean)
    .map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n)))
    throw new UserError('invalid_scoring_rules', `季度权重“${typed}”应为四个数字,用逗号分隔,如 1,1,1,2。`);
  return parts as [number, number, number, number];
}

/**
 * Changes some of the workspace's scoring rules, keeping the others, checked as a whole (a weighted
 * year needs its weights); audited. Nothing to change is refused rather than saved.
 */
export async function changeScoringRules(
  ctx: AppContext,
  input: { workspaceId: number; actorId: string; changes: ScoringRuleChanges },
): Promise<ScoringRulesView> {
  const c = input.changes;
  if (Object.values(c).every((value) => value === undefined)) throw new UserError('nothing_to_change', '请至少填写一项要修改的评分规则,或选择“恢复默认”。');
  const { rules } = await readScoringRules(ctx, { workspaceId: input.workspaceId });
  const weights = c.quarterWeights !== undefined ? readQuarterWeights(c.quarterWeights) : undefined;
  const method = c.yearly ?? (weights ? 'weighted' : rules.yearly.method);
  const previousWeights = rules.yearly.method === 'weighted' ? rules.yearly.weights : undefined;
  const yearly = method === 'weighted' ? { method, weights: weights ?? previousWeights } : { method };
  if (method === 'weighted' && !yearly.weights) throw new UserError('invalid_scoring_rules', '按季度加权计算年度得分时,请同时填写“季度权重”,如 1,1,1,2。');
  const next: ScoringRulesInput = {
    base: c.base ?? rules.base,
    deductions: {
      missingReport: c.missingReport ?? rules.deductions.missingReport,
      lateReport: c.lateReport ?? rules.deductions.lateReport,
      perfunctoryReport: c.perfunctoryReport ?? rules.deductions.perfunctoryReport,
    },
    credits: { ...rules.credits, doneOnTime: c.doneOnTime ?? rules.credits.doneOnTime, progress: c.progress ?? rules.credits.progress },
    roleWeights: { lead: c.leadWeight ?? rules.roleWeights.lead, support: c.supportWeight ?? rules.roleWeights.support },
    ratingPoints: {
      excellent: c.excellent ?? rules.ratingPoints.excellent,
      good: c.good ?? rules.ratingPoints.good,
      fair: c.fair ?? rules.ratingPoints.fair,
      poor: c.poor ?? rules.ratingPoints.poor,
    },
    bonusCap: c.bonusCap ?? rules.bonusCap,
    yearly: yearly as ScoringRulesInput['yearly'],
  };
  return setScoringRules(ctx, { workspaceId: input.workspaceId, actorId: input.actorId, rules: next });
}
