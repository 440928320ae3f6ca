import { isLocalDate } from '../../domain/calendar/index.js';
import type { ColumnInfo } from './backup-document.js';

/**
 * Whether a value from a backup file can be written to a column exactly as export wrote it, checked
 * before anything reaches the database so that the message can name the row and column. Returns the
 * problem in Chinese, or null when the value fits.
 */
export function columnValueProblem(column: ColumnInfo, value: unknown): string | null {
  if (value === null) return column.nullable ? null : '不能为空';
  switch (column.type) {
    case 'smallint':
      return integerProblem(value, -32_768, 32_767);
    case 'integer':
      return integerProblem(value, -2_147_483_648, 2_147_483_647);
    case 'bigint':
      return bigintProblem(value);
    case 'numeric':
      return (typeof value === 'string' && /^-?\d{1,30}(\.\d{1,30})?$/.test(value)) || (typeof value === 'number' && Number.isFinite(value))
        ? null
        : '应为数字';
    case 'boolean':
      return typeof value === 'boolean' ? null : '应为 true 或 false';
    case 'text':
    case 'character varying':
      return typeof value === 'string' ? textProblem(value) : '应为文本';
    case 'json':
    case 'jsonb':
      return jsonProblem(value);
    case 'timestamp with time zone':
      return typeof value === 'string' && isTimestamp(value) ? null : '应为带时区的时间,如 2026-06-24T01:00:00.123456Z';
    case 'date':
      return typeof value === 'string' && isLocalDate(value) ? null : '应为真实存在的日期,如 2026-06-30';
    case 'bytea':
      return typeof value === 'string' && isBase64(value) ? null : '应为 base64 编码的文件内容';
    default:
      return `是本版本不认识的类型 ${column.type}`;
  }
}

function integerProblem(value: unknown, min: number, max: number): string | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? null : `应为 ${min} 至 ${max} 之间的整数`;
}

// Export writes int8 as a string (JSON numbers lose precision past 2^53).
function bigintProblem(value: unknown): string | null {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text !== 'string' || !/^-?\d{1,19}$/.test(text)) return '应为整数';
  const n = BigInt(text);
  return n >= -(2n ** 63n) && n < 2n ** 63n ? null : '超出整数范围';
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** PostgreSQL text cannot hold U+0000, and a lone surrogate would be silently replaced: both are refused. */
function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return '含有 NUL 字符(\\u0000),数据库无法存储';
  if (LONE_SURROGATE.test(value)) return '含有无效的 Unicode 字符(孤立的代理项)';
  return null;
}

function jsonProblem(value: unknown): string | null {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item === 'string') {
      const problem = textProblem(item);
      if (problem) return problem;
    } else if (Array.isArray(item)) {
      stack.push(...item);
    } else if (item !== null && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) stack.push(key, child);
    } else if (typeof item === 'number' && !Number.isFinite(item)) {
      return '含有无效的数字';
    }
  }
  return null;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,6})?(?:Z|[+-](\d{2})(?::?(\d{2}))?)$/;

function isTimestamp(value: string): boolean {
  const match = TIMESTAMP.exec(value);
  if (!match) return false;
  const [date, hour, minute, second, offsetHours, offsetMinutes] = [
    `${match[1]}-${match[2]}-${match[3]}`,
    Number(match[4]),
    Number(match[5]),
    Number(match[6]),
    Number(match[7] ?? 0),
    Number(match[8] ?? 0),
  ];
  return isLocalDate(date) && Number(match[1]) >= 1 && hour <= 23 && minute <= 59 && second <= 59 && offsetHours <= 15 && offsetMinutes <= 59;
}

/** Standard base64 as export writes it: one unbroken string, padded to a multiple of four. */
function isBase64(value: string): boolean {
  return value.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(value);
}
