import type { MessagePort } from 'node:worker_threads';
import { parseNotice, type ParsedNotice } from '../domain/notice/index.js';
import { UserError } from '../errors.js';
import { NOTICE_LIMITS, tooLongMessage, tooManyTasksMessage } from './notice-limits.js';
import { readNoticeFile, type NoticeFileText } from './read-notice-file.js';

/** What the reading thread is asked to do. */
export type NoticeJob = { kind: 'read'; bytes: Uint8Array; filename: string | null } | { kind: 'parse'; text: string };

export interface NoticeJobValue {
  read: NoticeFileText;
  parse: ParsedNotice;
}

/** An error as it crosses threads: structured cloning keeps an Error's message but not its class or code. */
export interface ClonedError {
  name: string;
  code: string | null;
  message: string;
}

export type WorkerMessage = { type: 'ready' } | { type: 'done'; id: number; value: unknown } | { type: 'failed'; id: number; error: ClonedError };
export interface WorkerRequest {
  id: number;
  job: NoticeJob;
}

/** Runs one job on the current thread: the reading thread calls it, and so can a one-shot process such as the CLI. */
export async function runNoticeJob(job: NoticeJob): Promise<NoticeJobValue[NoticeJob['kind']]> {
  if (job.kind === 'read') return readNoticeFile(job.bytes, job.filename ?? undefined);
  if (job.text.length > NOTICE_LIMITS.chars) throw new UserError('notice_too_long', tooLongMessage(job.text.length));
  const notice = parseNotice(job.text);
  // Refused here, so a notice of 10,000 tasks is never cloned back to the bot's thread.
  if (notice.tasks.length > NOTICE_LIMITS.tasks) throw new UserError('too_many_tasks', tooManyTasksMessage(notice.tasks.length));
  return notice;
}

/** The reading thread's loop: one job at a time, each answered with its value or its error. */
export function serveNoticeJobs(port: MessagePort): void {
  port.on('message', (request: WorkerRequest) => {
    runNoticeJob(request.job).then(
      (value) => port.postMessage({ type: 'done', id: request.id, value } satisfies WorkerMessage),
      (error: unknown) => port.postMessage({ type: 'failed', id: request.id, error: cloneError(error) } satisfies WorkerMessage),
    );
  });
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
}

function cloneError(error: unknown): ClonedError {
  if (error instanceof UserError) return { name: error.name, code: error.code, message: error.message };
  if (error instanceof Error) return { name: error.name, code: null, message: error.stack ?? error.message };
  return { name: 'Error', code: null, message: String(error) };
}
