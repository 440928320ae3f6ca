import { getDocumentProxy } from 'unpdf';
import { NoticeFileError } from './notice-file-error.js';

/**
 * PDF → text from its text layer. Items on one baseline are joined (a wide gap becomes a tab, so tables keep
 * their columns), a new baseline starts a new line. Wrapped lines are repaired later by the notice grammar,
 * which knows where a sentence can continue.
 */

interface PositionedText {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
  hasEOL: boolean;
}

export async function readPdf(bytes: Uint8Array): Promise<string> {
  let document: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // A copy: pdf.js may transfer (detach) the buffer it is given.
    document = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, isEvalSupported: false });
  } catch (error) {
    if (error instanceof Error && error.name === 'PasswordException') {
      throw new NoticeFileError('encrypted', 'PDF 文件设置了打开密码，无法读取。请取消密码后重新导出 PDF 再上传，或直接粘贴文字。');
    }
    throw new NoticeFileError('corrupt', 'PDF 文件已损坏，无法打开。请重新下载或重新导出 PDF 后再上传，或直接粘贴文字。');
  }
  try {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      const items: PositionedText[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        items.push({ str: item.str, x: item.transform[4] ?? 0, y: item.transform[5] ?? 0, width: item.width, height: item.height, hasEOL: item.hasEOL });
      }
      pages.push(layOutLines(items));
    }
    const text = pages.join('\n');
    if (text.replace(/\s/g, '').length < 10) {
      throw new NoticeFileError(
        'no_text_layer',
        '这个 PDF 没有文字层（可能是扫描件或图片），无法读取文字。请上传 Word 版或可以复制文字的 PDF，或把文字直接粘贴进来。',
      );
    }
    return text;
  } catch (error) {
    if (error instanceof NoticeFileError) throw error;
    throw new NoticeFileError('corrupt', 'PDF 文件内容已损坏，无法读取文字。请重新下载或重新导出 PDF 后再上传，或直接粘贴文字。');
  } finally {
    await document.destroy();
  }
}

function layOutLines(items: readonly PositionedText[]): string {
  let out = '';
  let lineY: number | null = null;
  let lineEnd = 0;
  let afterEol = false;
  for (const item of items) {
    const size = item.height > 0 ? item.height : 10;
    const newLine = lineY !== null && Math.abs(item.y - lineY) > size * 0.5;
    if (lineY !== null && (newLine || afterEol) && !out.endsWith('\n')) out += '\n';
    else if (lineY !== null && !afterEol && item.str !== '') {
      const gap = item.x - lineEnd;
      if (gap > size * 1.5) out += '\t';
      else if (gap > size * 0.25 && /[A-Za-z0-9]$/.test(out) && /^[A-Za-z0-9]/.test(item.str)) out += ' ';
    }
    out += item.str;
    if (item.str !== '' || lineY === null) {
      lineY = item.y;
      lineEnd = item.x + item.width;
    }
    afterEol = item.hasEOL;
  }
  return out;
}
