import { UserError } from '../errors.js';

/** Stable codes: tests, logs and the Discord adapter key on them. */
export type NoticeFileErrorCode = 'too_large' | 'encrypted' | 'corrupt' | 'no_text_layer' | 'binary' | 'empty';

/** A notice file that cannot be read. `message` is Simplified Chinese and tells the coordinator what to do. */
export class NoticeFileError extends UserError {
  override readonly code: NoticeFileErrorCode;

  constructor(code: NoticeFileErrorCode, message: string) {
    super(code, message);
    this.name = 'NoticeFileError';
    this.code = code;
  }
}

export const MAX_NOTICE_FILE_BYTES = 10 * 1024 * 1024;
