import { MAX_NOTICE_FILE_BYTES } from './notice-file-error.js';

/**
 * What one notice may cost to read and parse. Each limit is far above any real notice (a county's 工作要点
 * .docx inflates to well under 5 MB, holds a few thousand paragraphs and 30–200 tasks) and low enough that one
 * server's upload cannot take memory or time from everyone else. README "Guarantees" lists them for users.
 */
export const NOTICE_LIMITS = {
  /** The upload itself (compressed, for a .docx). */
  fileBytes: MAX_NOTICE_FILE_BYTES,
  /** Entries in a .docx (a zip): a real one has 10–30, a few hundred with many pictures. */
  docxEntries: 1_000,
  /** Everything a .docx declares it inflates to, and everything actually inflated from it. */
  docxInflatedBytes: 50 * 1024 * 1024,
  /** One part of a .docx inflated (word/document.xml is the largest, a few MB at most). */
  docxPartBytes: 20 * 1024 * 1024,
  /** Inflated ÷ compressed for one part. Word's XML compresses about 5–20:1; 1,000:1 is repetition built to explode. */
  docxRatio: 100,
  /** Below this a part's ratio does not matter: it cannot cost anything. */
  docxRatioFloorBytes: 1024 * 1024,
  /**
   * Paragraphs in a .docx. The .docx reader builds every paragraph in memory (about 140 µs and several KB each),
   * so this is checked on the inflated XML before it runs. A 2,000-task notice laid out as a table has ~10,000.
   */
  docxParagraphs: 30_000,
  /** Characters of a notice's text, pasted or read from a file. A 2,000-task notice is about 220,000. */
  chars: 1_000_000,
  /** Tasks in one notice. Real notices list 30–200; 1,000 is a stress test. */
  tasks: 2_000,
  /** Wall-clock time to read a file or parse a text, off the event loop; a real notice takes under 2 s. */
  parseTimeMs: 30_000,
  /** Heap of the thread that reads and parses; a reader going past it is stopped. */
  parseHeapMb: 512,
  /** All the memory (heap and binary buffers) the process may gain while a file is read or a notice parsed. */
  parseMemoryMb: 768,
} as const;

/** "1,000,000 characters" as a coordinator reads it: "100 万字". */
export function formatChars(count: number): string {
  return count >= 10_000 && count % 10_000 === 0 ? `${count / 10_000} 万字` : `${count} 字`;
}

export function formatMegabytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return `${mb >= 10 || Number.isInteger(mb) ? Math.round(mb) : mb.toFixed(1)} MB`;
}

/** The message for text past the character limit: pasted, or read from a file. */
export function tooLongMessage(chars: number): string {
  return `文本过长：内容有 ${chars} 字，超过每份工作要点 ${formatChars(NOTICE_LIMITS.chars)}的上限，无法导入。请确认是工作要点正文，删去附件、附表等无关内容后再导入。`;
}

export function tooManyTasksMessage(tasks: number): string {
  return `识别出 ${tasks} 项任务，超过每份工作要点 ${NOTICE_LIMITS.tasks} 项的上限，无法导入。请确认内容是一份工作要点（而不是多份合并或整本汇编），必要时拆分后分别导入。`;
}
