import type { ParsedNotice } from '../domain/notice/index.js';
import { UserError } from '../errors.js';
import { MAX_NOTICE_FILE_BYTES, NoticeFileError } from './notice-file-error.js';
import { NOTICE_LIMITS, formatMegabytes, tooLongMessage } from './notice-limits.js';
import { NoticeWorkerPool } from './notice-worker-pool.js';
import type { NoticeFileText } from './read-notice-file.js';

let pool: NoticeWorkerPool | null = null;

/** The process's reading threads, started on first use. */
export function noticeWorkerPool(): NoticeWorkerPool {
  pool ??= new NoticeWorkerPool();
  return pool;
}

/** readNoticeFile on a reading thread, under its memory and time limits: same result, same NoticeFileErrors. */
export async function readNoticeFileOffThread(bytes: Uint8Array, filename?: string): Promise<NoticeFileText> {
  // Refused here: copying a huge upload to another thread only to refuse it there costs memory for nothing.
  if (bytes.byteLength > MAX_NOTICE_FILE_BYTES) {
    throw new NoticeFileError(
      'too_large',
      `文件有 ${formatMegabytes(bytes.byteLength)}，超过 ${formatMegabytes(MAX_NOTICE_FILE_BYTES)} 的上限，无法导入。请只上传工作要点正文（删去图片或附件），或直接把文字粘贴进来。`,
    );
  }
  return noticeWorkerPool().run({ kind: 'read', bytes, filename: filename ?? null });
}

/**
 * parseNotice on a reading thread. Refuses text past the character limit and notices past the task limit with
 * a UserError naming the limit.
 */
export async function parseNoticeOffThread(text: string): Promise<ParsedNotice> {
  if (text.length > NOTICE_LIMITS.chars) throw new UserError('notice_too_long', tooLongMessage(text.length));
  return noticeWorkerPool().run({ kind: 'parse', text });
}
