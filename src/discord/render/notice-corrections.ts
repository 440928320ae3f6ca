import type { CorrectionNote } from '../../app/notices/reimport-corrections.js';
import { commandRef } from '../../command-names.js';
import { correctionFieldLabels } from './task-correction-view.js';

/** The re-import diff's lines about a coordinator's corrections: kept where the notice did not change, replaced where it did. */
export function correctionNoteLines(notes: readonly CorrectionNote[] | undefined): string[] {
  return (notes ?? []).map((note) => {
    const fields = note.fields.map((field, i) => `${correctionFieldLabels[field]}:${note.values[i] ?? ''}`).join(';');
    switch (note.kind) {
      case 'kept':
        return `✏️ ${note.task}:通知未改动,保留您此前的修正(${fields})`;
      case 'replaced':
        return `⚠️ ${note.task}:通知已改动${note.fields.map((f) => correctionFieldLabels[f]).join('、')},您此前的修正(${note.values.join(';')})将被通知中的新内容替换`;
      case 'added_kept':
        return `📌 ${note.task}:您新增的任务在新通知中没有,予以保留`;
      case 'added_now_in_notice':
        return `📌 ${note.task}:您新增的任务已出现在新通知中,将按通知内容保存`;
      case 'removed_kept':
        return `🚫 ${note.task}:您撤销的任务仍保持撤销(如需恢复,用 ${commandRef('task restore')})`;
    }
  });
}
