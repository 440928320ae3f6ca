import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { UserError } from '../../errors.js';
import { backupDocumentSchema, type BackupDocument } from './backup-document.js';

/** Writes the file whole or not at all: a crash mid-write never leaves a truncated backup under the name. */
export async function writeBackupFile(file: string, document: BackupDocument): Promise<number> {
  const text = `${JSON.stringify(document, null, 1)}\n`;
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, text, { flag: 'wx' });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? '所在目录不存在' : '没有写入权限或路径无效';
    throw new UserError('output_not_writable', `无法写入文件“${file}”:${reason}。`);
  }
  return Buffer.byteLength(text);
}

export async function readBackupFile(file: string): Promise<BackupDocument> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UserError('backup_unreadable', `无法读取文件“${file}”。`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UserError('backup_invalid', `文件“${file}”不是有效的 JSON,不是 duban export 写出的备份。`);
  }
  const parsed = backupDocumentSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(
      'backup_invalid',
      `文件“${file}”不是 duban export 写出的备份(${issue ? `${issue.path.join('.') || '根'}:${issue.message}` : '格式不符'})。`,
    );
  }
  return parsed.data;
}
