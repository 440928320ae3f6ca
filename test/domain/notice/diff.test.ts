import { describe, expect, it } from 'vitest';
import { diffNotices, parseNotice } from '../../../src/domain/notice/index.js';

const OLD = `清河区2017年工作要点
一、依法行政
（一）深化行政审批制度改革，全面清理规范行政审批中介服务。（区编办、区政府各部门负责）
（二）全面推行权力清单和责任清单制度，完成清单动态调整。（区编办、区法制办负责）
（三）建立重大行政决策合法性审查机制，未经审查不得提交讨论。（区法制办负责）
（四）推进行政执法公示制度。（区法制办负责）
二、监督
（一）加强审计监督，实现审计全覆盖。（区审计局负责）`;

const NEW = `清河区2017年工作要点（修订）
一、依法行政
（一）深化行政审批制度改革，全面清理规范行政审批中介服务。（区编办、区政府各部门负责）
（二）建立重大行政决策合法性审查机制，未经审查不得提交讨论。（区法制办负责）
（三）全面推行权力清单和责任清单制度，年内完成清单动态调整并向社会公布。（区编办、区法制办负责）
（四）推进行政执法公示制度。（区司法局、区法制办负责）
（五）开展规范性文件清理。（区法制办负责）
二、监督
（一）加强审计监督，实现审计全覆盖。（区审计局负责）`;

describe('diffNotices', () => {
  const before = parseNotice(OLD).tasks;
  const after = parseNotice(NEW).tasks;
  const diff = diffNotices(before, after);

  it('matches a renumbered task to its old self by wording', () => {
    const moved = diff.matched.find((change) => change.after.no === 2 && change.after.section === 1);
    expect(moved?.before.no).toBe(3);
    expect(moved?.reworded).toBe(false);
    expect(moved?.unitsChanged).toBe(false);
  });

  it('tells a reworded task from an added one', () => {
    expect(diff.reworded.map((change) => [change.before.no, change.after.no])).toEqual([[2, 3]]);
    expect(diff.added.map((task) => task.title)).toEqual(['开展规范性文件清理']);
    expect(diff.removed).toEqual([]);
  });

  it('reports changed units with what was added and whether the lead changed', () => {
    expect(diff.unitsChanged).toHaveLength(1);
    expect(diff.unitsChanged[0]).toMatchObject({ leadChanged: true, unitsAdded: ['区司法局'], unitsRemoved: [] });
  });

  it('keeps unchanged tasks, including those in later sections', () => {
    expect(diff.unchanged.map((change) => [change.after.section, change.after.no])).toEqual([
      [1, 1],
      [1, 2],
      [2, 1],
    ]);
  });

  it('reports removed tasks', () => {
    const removal = diffNotices(before, after.slice(0, 1));
    expect(removal.removed.map((task) => task.no)).toEqual([2, 3, 4, 1]);
    expect(removal.unchanged).toHaveLength(1);
  });

  it('does not call a unit change a rewording', () => {
    const onlyUnits = diffNotices(
      [{ no: 1, section: 1, text: '推进执法公示。（区法制办负责）', lead: '区法制办', supporting: [] }],
      [{ no: 1, section: 1, text: '推进执法公示。（区司法局负责）', lead: '区司法局', supporting: [] }],
    );
    expect(onlyUnits.reworded).toEqual([]);
    expect(onlyUnits.unitsChanged).toHaveLength(1);
  });
});
