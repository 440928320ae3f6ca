import { UserError } from '../errors.js';

/** Stable codes: tests, logs and the Discord adapter key on them. */
export type NoticeFileErrorCode =
  | 'too_large'
  | 'encrypted'
  | 'corrupt'
  | 'no_text_layer'
  | 'binary'
  | 'empty'
  /** A .docx that inflates (or declares it inflates) past the limits: a zip bomb, or far more than a notice. */
  | 'inflated_too_large'
  | 'too_many_entries'
  | 'too_many_paragraphs'
  /** More characters than a notice has. */
  | 'too_long'
  /** Reading took longer than the time limit, or more memory than the reading thread may use. */
  | 'read_timeout'
  | 'too_complex'
  | 'busy';

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
