import { zipSync, type Zippable } from 'fflate';
import mammoth from 'mammoth';
import { htmlToText } from './html-to-text.js';
import { inflateZipBounded } from './inflate-zip-bounded.js';
import { NoticeFileError } from './notice-file-error.js';
import { NOTICE_LIMITS, tooLongMessage } from './notice-limits.js';

/**
 * .docx → text: mammoth reads paragraphs and tables into HTML, which keeps table cells apart; the HTML is then
 * flattened with tables as tab-separated rows. Word's automatic numbering comes out as list items, written back
 * as "1." / "（1）" by nesting level so the outline survives (the original numeral style is not in the file's text).
 *
 * mammoth builds the whole document in memory and trusts the zip's sizes, so it never sees the upload: the XML
 * parts are inflated under limits first (see inflateZipBounded), counted, and packed again uncompressed.
 */
export async function readDocx(bytes: Uint8Array): Promise<string> {
  // Pictures, fonts and embedded objects carry no text and are never inflated.
  const parts = await inflateZipBounded(bytes, (name) => /\.(xml|rels)$/i.test(name));
  checkWordText(parts);
  let html: string;
  try {
    const result = await mammoth.convertToHtml({ buffer: repack(parts) }, { externalFileAccess: false, convertImage: skipImages });
    html = result.value;
  } catch {
    throw new NoticeFileError('corrupt', '.docx 文件已损坏，无法打开。请在 Word 中打开后重新“另存为”.docx 再上传，或直接粘贴文字。');
  }
  const text = htmlToText(numberListItems(html));
  if (text.length > NOTICE_LIMITS.chars) throw new NoticeFileError('too_long', tooLongMessage(text.length));
  return text;
}

const skipImages = mammoth.images.imgElement(() => Promise.resolve({ src: '' }));

function repack(parts: ReadonlyMap<string, Uint8Array>): Buffer {
  const files: Zippable = {};
  for (const [name, data] of parts) files[name] = [data, { level: 0 }];
  const zip = zipSync(files);
  return Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
}

/**
 * Counts the paragraphs and the characters of text runs in Word's XML before mammoth builds them: both decide
 * what reading costs, and a document past either limit is refused in milliseconds instead of after seconds and
 * hundreds of MB. The count reads Word's own `w:` prefix; a file using another prefix is still bounded by the
 * inflated sizes and by the reading thread's memory and time limits.
 */
function checkWordText(parts: ReadonlyMap<string, Uint8Array>): void {
  let paragraphs = 0;
  let chars = 0;
  for (const [name, data] of parts) {
    if (!/^word\/[^/]+\.xml$/i.test(name)) continue;
    const xml = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
    paragraphs += countMatches(xml, /<w:p[\s/>]/g);
    for (const run of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)) chars += run[1]?.length ?? 0;
  }
  if (paragraphs > NOTICE_LIMITS.docxParagraphs) {
    throw new NoticeFileError(
      'too_many_paragraphs',
      `这个 .docx 文件有 ${paragraphs} 个段落，超过 ${NOTICE_LIMITS.docxParagraphs} 段的上限，已拒绝读取。请确认是工作要点正文，删去空行、附件和附表后另存再上传，或直接把文字粘贴进来。`,
    );
  }
  if (chars > NOTICE_LIMITS.chars) throw new NoticeFileError('too_long', tooLongMessage(chars));
}

function countMatches(text: string, pattern: RegExp): number {
  let count = 0;
  for (pattern.lastIndex = 0; pattern.exec(text) !== null;) count++;
  return count;
}

/** Writes the numbers of Word's automatic lists into the text: <ol><li> → "1." at the top level, "（1）" below. */
function numberListItems(html: string): string {
  if (!html.includes('<ol')) return html;
  const counters: number[] = [];
  const kinds: ('ol' | 'ul')[] = [];
  return html.replace(/<(\/?)(ol|ul|li)\b[^>]*>/g, (tag, closing: string, name: string) => {
    if (name === 'ol' || name === 'ul') {
      if (closing) {
        counters.pop();
        kinds.pop();
      } else {
        counters.push(0);
        kinds.push(name);
      }
      return tag;
    }
    if (closing || kinds[kinds.length - 1] !== 'ol') return tag;
    const depth = counters.length - 1;
    const next = (counters[depth] ?? 0) + 1;
    counters[depth] = next;
    return `${tag}${depth === 0 ? `${next}.` : `（${next}）`}`;
  });
}
