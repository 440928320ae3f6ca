import { describe, expect, it } from 'vitest';
import { checkedEvidenceFile } from '../../src/files/index.js';
import { ONE_PIXEL_PNG } from '../fixtures/make-fixtures.js';

const png = ONE_PIXEL_PNG;
const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
const docx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('[Content_Types].xml word/document.xml')]);
const exe = Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00]), Buffer.alloc(64)]);
const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(8), Buffer.from([0x02, 0x00, 0x3e, 0x00])]);
const check = (filename: string, bytes: Uint8Array, contentType: string | null = null) => checkedEvidenceFile({ filename, contentType, bytes });

describe('checkedEvidenceFile', () => {
  it('takes PDFs, Office files, pictures and plain text that are what they claim', async () => {
    await expect(check('总结.pdf', pdf, 'application/pdf')).resolves.toMatchObject({ filename: '总结.pdf' });
    await expect(check('总结.docx', docx)).resolves.toBeDefined();
    await expect(check('现场.PNG', png, 'image/png')).resolves.toBeDefined();
    await expect(check('签到表.csv', Buffer.from('姓名,单位'), 'text/csv; charset=utf-8')).resolves.toBeDefined();
    await expect(check('录像.mp4', Buffer.from('ftypisom'))).resolves.toBeDefined();
  });

  it('takes a PDF with junk before its header, as PDF readers do', async () => {
    await expect(check('扫描.pdf', Buffer.concat([Buffer.from('\r\n\r\n'), pdf]))).resolves.toBeDefined();
  });

  it('refuses a file whose name or content type claims a kind its bytes are not', async () => {
    await expect(check('总结.pdf', Buffer.from('这不是PDF'))).rejects.toThrow('附件“总结.pdf”不是有效的 PDF 文件:内容与文件类型不符');
    await expect(check('总结.docx', png)).rejects.toThrow('不是有效的 Word 文件');
    await expect(check('照片.jpg', pdf)).rejects.toThrow('不是有效的图片');
    await expect(check('说明.txt', Buffer.from('文字'), 'application/pdf')).rejects.toThrow('不是有效的 PDF 文件');
  });

  it('refuses programs, whatever they are called, and empty files', async () => {
    await expect(check('照片.jpg', exe, 'image/jpeg')).rejects.toThrow('附件“照片.jpg”是可执行程序');
    await expect(check('notes.txt', elf)).rejects.toThrow('附件“notes.txt”是可执行程序');
    await expect(check('run.bat', Buffer.from('del *.*'))).rejects.toThrow('是可执行程序');
    await expect(check('note.txt', Buffer.from('x'), 'application/x-msdownload')).rejects.toThrow('是可执行程序');
    await expect(check('空.txt', new Uint8Array(0))).rejects.toThrow('附件“空.txt”是空文件');
  });
});
