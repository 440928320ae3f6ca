import mammoth from 'mammoth';
import { htmlToText } from './html-to-text.js';
import { NoticeFileError } from './notice-file-error.js';

/**
 * .docx → text: mammoth reads paragraphs and tables into HTML, which keeps table cells apart; the HTML is then
 * flattened with tables as tab-separated rows. Word's automatic numbering comes out as list items, written back
 * as "1." / "（1）" by nesting level so the outline survives (the original numeral style is not in the file's text).
 */
export async function readDocx(bytes: Uint8Array): Promise<string> {
  let html: string;
  try {
    const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { externalFileAccess: false });
    html = result.value;
  } catch {
    throw new NoticeFileError('corrupt', '.docx 文件已损坏，无法打开。请在 Word 中打开后重新“另存为”.docx 再上传，或直接粘贴文字。');
  }
  return htmlToText(numberListItems(html));
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
