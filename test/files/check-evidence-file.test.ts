import { describe, expect, it } from 'vitest';
import { checkEvidenceFile } from '../../src/files/index.js';

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('[Content_Types].xml word/document.xml')]);
const exe = Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]), Buffer.alloc(64)]);
const check =
  (filename: string, bytes: Uint8Array, contentType: string | null = null) =>
  () =>
    checkEvidenceFile({ filename, contentType, bytes });

describe('checkEvidenceFile', () => {
  it('takes PDFs, Office files, pictures and plain text that are what they claim', () => {
    expect(check('总结.pdf', pdf, 'application/pdf')).not.toThrow();
    expect(check('总结.docx', docx)).not.toThrow();
    expect(check('现场.PNG', png, 'image/png')).not.toThrow();
    expect(check('签到表.csv', Buffer.from('姓名,单位'), 'text/csv; charset=utf-8')).not.toThrow();
    expect(check('录像.mp4', Buffer.from('ftypisom'))).not.toThrow();
  });

  it('refuses a file whose name or content type claims a kind its bytes are not', () => {
    expect(check('总结.pdf', Buffer.from('这不是PDF'))).toThrow('附件“总结.pdf”不是有效的 PDF 文件:内容与文件类型不符');
    expect(check('总结.docx', png)).toThrow('不是有效的 Word 文件');
    expect(check('照片.jpg', pdf)).toThrow('不是有效的图片');
    expect(check('说明.txt', Buffer.from('文字'), 'application/pdf')).toThrow('不是有效的 PDF 文件');
  });

  it('refuses programs, whatever they are called, and empty files', () => {
    expect(check('照片.jpg', exe, 'image/jpeg')).toThrow('附件“照片.jpg”是可执行程序');
    expect(check('run.bat', Buffer.from('del *.*'))).toThrow('是可执行程序');
    expect(check('note.txt', Buffer.from('x'), 'application/x-msdownload')).toThrow('是可执行程序');
    expect(check('空.txt', new Uint8Array(0))).toThrow('附件“空.txt”是空文件');
  });
});
