export { readNoticeFile } from './read-notice-file.js';
export type { NoticeFileKind, NoticeFileText } from './read-notice-file.js';
export { NoticeFileError, MAX_NOTICE_FILE_BYTES } from './notice-file-error.js';
export type { NoticeFileErrorCode } from './notice-file-error.js';
export { htmlToText } from './html-to-text.js';
export { readPlainText } from './decode-text.js';
export { checkEvidenceFile } from './check-evidence-file.js';
