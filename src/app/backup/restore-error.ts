import { UserError } from '../../errors.js';
import type { BackupRow } from './backup-document.js';

/** Every refusal of a restore says the same first thing: nothing was changed. */
export const RESTORE_REFUSED = '恢复失败,数据库保持原样,未写入任何数据';

/** "units 表第 3 行(id 7)": the row as a person finds it in the file (1-based, with its id when it has one). */
export function describeRow(table: string, index: number, row: BackupRow): string {
  const id = row.id === undefined ? '' : `(id ${typeof row.id === 'string' || typeof row.id === 'number' ? row.id : JSON.stringify(row.id)})`;
  return `${table} 表第 ${index + 1} 行${id}`;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** A value in the file that does not fit: names the table, row and column, and shows the start of the value. */
export function badValueError(table: string, index: number, row: BackupRow, column: string, problem: string): UserError {
  const shown = column in row && typeof row[column] !== 'object' ? `,文件中的值为 ${preview(row[column])}` : '';
  return new UserError(
    'backup_bad_value',
    `${RESTORE_REFUSED}:备份文件中 ${describeRow(table, index, row)}的 ${column} 列${problem}${shown}。请修正或重新导出备份文件。`,
  );
}

interface PgError {
  code?: string;
  detail?: string;
  column?: string;
  constraint?: string;
  message?: string;
}

/** PostgreSQL refused a value or a row for what it holds (SQLSTATE classes 22 and 23), not for being away or broken. */
export function isRowError(error: unknown): boolean {
  const code = (error as PgError | null)?.code;
  return typeof code === 'string' && /^2[23]/.test(code);
}

/** "Key (workspace_id, name)=(1, 区司法局) already exists." → the columns and values. */
function keyOf(detail: string | undefined): { columns: string; values: string } | null {
  const match = /Key \((.+?)\)=\((.*)\)/.exec(detail ?? '');
  return match?.[1] ? { columns: match[1], values: match[2] ?? '' } : null;
}

/** The database's refusal of one row, as one Chinese sentence naming the table, row and column(s). */
export function rowRefusedError(table: string, index: number, row: BackupRow, error: unknown): UserError {
  const e = (error ?? {}) as PgError;
  const key = keyOf(e.detail);
  const where = `${RESTORE_REFUSED}:备份文件中 ${describeRow(table, index, row)}`;
  let sentence: string;
  switch (e.code) {
    case '23505':
      sentence = `的 ${key?.columns ?? e.constraint ?? '唯一'} 列与同表另一行重复(${key?.values ?? ''}),违反唯一约束 ${e.constraint ?? ''}`;
      break;
    case '23503': {
      const target = /in table "([^"]+)"/.exec(e.detail ?? '')?.[1];
      sentence = `的 ${key?.columns ?? '外键'} 列指向${target ? ` ${target} 表中` : ''}不存在的行(${key?.values ?? ''}),文件可能被改动或不完整`;
      break;
    }
    case '23502':
      sentence = `的 ${e.column ?? '某'} 列不能为空`;
      break;
    case '23514':
      sentence = `不符合数据库约束 ${e.constraint ?? ''}${e.column ? `(${e.column} 列)` : ''}`;
      break;
    default:
      sentence = `${e.column ? `的 ${e.column} 列` : ''}的值无效(${e.message ?? '数据库拒绝'})`;
  }
  return new UserError('backup_bad_row', `${where}${sentence}。请修正或重新导出备份文件。`);
}
