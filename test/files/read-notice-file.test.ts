import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseNotice } from '../../src/domain/notice/index.js';
import { NoticeFileError, readNoticeFile } from '../../src/files/index.js';
import {
  DOCX_NOTICE,
  PDF_NOTICE_PAGES,
  encodeGb18030,
  encodeUtf16WithBom,
  makeCorruptDocx,
  makeCorruptPdf,
  makeDocx,
  makeEncryptedDocx,
  makeGbkWebPage,
  makeJunk,
  makeScannedPdf,
  makeTextPdf,
  ONE_PIXEL_PNG,
  readFixtureText,
} from '../fixtures/make-fixtures.js';
import { expectEveryLineAccounted, expectTasks } from '../domain/notice/helpers.js';

async function expectFileError(promise: Promise<unknown>, code: string): Promise<NoticeFileError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(NoticeFileError);
  const fileError = error as NoticeFileError;
  expect(fileError.code).toBe(code);
  expect(fileError.message).toMatch(/[\u4e00-\u9fff]/);
  return fileError;
}

describe('readNoticeFile on text files', () => {
  const original = readFixtureText('trailing-paren-fazhi-2017.txt');

  it('reads UTF-8 text as it is', async () => {
    const file = await readNoticeFile(new Uint8Array(Buffer.from(original, 'utf8')), 'notice.txt');
    expect(file).toEqual({ kind: 'text', text: original });
  });

  it('detects GB18030 without being told, whatever the extension says', async () => {
    const file = await readNoticeFile(encodeGb18030(original), 'notice.docx');
    expect(file.kind).toBe('text');
    expect(file.text).toBe(original);
  });

  it('detects GBK text of a short notice too', async () => {
    const short = readFixtureText('lead-fields-zhuban.txt');
    const file = await readNoticeFile(new Uint8Array(iconv.encode(short, 'gbk')));
    expect(file.text).toBe(short);
  });

  it('reads a one-line GBK text that detectors take for Shift_JIS, and a Big5 text in traditional characters', async () => {
    const gbk = '（一）深化行政审批制度改革。（区编办负责）\n牵头单位：区司法局';
    expect((await readNoticeFile(new Uint8Array(iconv.encode(gbk, 'gbk')))).text).toBe(gbk);
    const big5 = '（一）深化行政審批制度改革。（區編辦、區政府各部門負責）';
    const notice = parseNotice((await readNoticeFile(new Uint8Array(iconv.encode(big5, 'big5')))).text);
    expect(notice.tasks[0]?.leads).toEqual(['区编办']);
    expect(notice.tasks[0]?.supporting).toEqual(['区政府各部门']);
  });

  it('reads UTF-16 with a byte order mark and drops a UTF-8 BOM', async () => {
    expect((await readNoticeFile(encodeUtf16WithBom(original))).text).toBe(original);
    expect((await readNoticeFile(new Uint8Array(Buffer.from(`\ufeff${original}`, 'utf8')))).text).toBe(original);
  });
});

describe('readNoticeFile on a .docx', () => {
  it('reads paragraphs, Word numbering and the task table so that every task is found', async () => {
    const file = await readNoticeFile(makeDocx(DOCX_NOTICE), 'upload.bin');
    expect(file.kind).toBe('docx');
    expect(file.text).toContain('序号\t工作任务\t牵头单位\t配合单位\t完成时限');
    const notice = parseNotice(file.text);
    expectEveryLineAccounted(file.text, notice);
    expect(notice.title).toBe('金水区2023年法治政府建设工作要点');
    expect(notice.sections.map((section) => section.title)).toEqual(['健全政府机构职能体系', '健全依法行政制度体系', '严格规范执法', '重点任务分工表']);
    expectTasks(notice, [
      [1, '（一）', '区委编办', ['区政府各部门']],
      [1, '（二）', '区行政审批局', ['区大数据中心', '各镇政府（街道办事处）']],
      [2, '（三）', '区司法局', ['区政府各部门']],
      [3, '1.', '区司法局', []],
      [3, '2.', '区市场监管局', ['区司法局']],
      [4, '1', '区司法局', ['区法院', '区信访局']],
      [4, '2', '区司法局', ['区政府各部门', '各镇政府（街道办事处）']],
      [4, '3', '区司法局', ['区委宣传部']],
    ]);
    expect(notice.tasks.map((task) => task.dueDate)).toEqual([null, '2023-12-31', null, null, null, '2023-06-30', null, '2023-09-30']);
    expect(notice.diagnostics).toEqual([]);
  });

  it('refuses an encrypted .docx with a clear message', async () => {
    const error = await expectFileError(readNoticeFile(makeEncryptedDocx(), 'notice.docx'), 'encrypted');
    expect(error.message).toContain('密码');
  });

  it('refuses a truncated .docx as corrupt', async () => {
    await expectFileError(readNoticeFile(makeCorruptDocx(), 'notice.docx'), 'corrupt');
  });
});

describe('readNoticeFile on a PDF', () => {
  it('reads the text layer, and the grammar mends the wrapped lines', async () => {
    const file = await readNoticeFile(makeTextPdf(PDF_NOTICE_PAGES), 'notice.pdf');
    expect(file.kind).toBe('pdf');
    const notice = parseNotice(file.text);
    expectEveryLineAccounted(file.text, notice);
    expect(notice.title).toBe('石湾区2018年法治政府建设工作要点');
    expectTasks(notice, [
      [1, '（一）', '区政府办', ['区法制办']],
      [1, '（二）', '区法制办', ['区司法局']],
      [2, '（三）', '区法制办', ['区城管执法局', '区市场监管局', '区环保局']],
      [2, '（四）', '区法制办', ['区公安分局', '区检察院']],
      [3, '（五）', '区审计局', []],
      [3, '（六）', '区政府办', ['区政务服务中心', '各镇政府（街道办事处）']],
    ]);
    expect(notice.tasks[1]?.deadline).toBe('2018年底前');
    expect(notice.tasks[1]?.targets).toEqual(['不少于30件']);
  });

  it('refuses a scanned PDF without a text layer', async () => {
    const error = await expectFileError(readNoticeFile(makeScannedPdf(), 'scan.pdf'), 'no_text_layer');
    expect(error.message).toContain('扫描件');
  });

  it('refuses a password-protected PDF', async () => {
    await expectFileError(readNoticeFile(makeTextPdf(PDF_NOTICE_PAGES, { encrypted: true })), 'encrypted');
  });

  it('refuses a damaged PDF as corrupt', async () => {
    await expectFileError(readNoticeFile(makeCorruptPdf()), 'corrupt');
  });
});

describe('readNoticeFile on a web page', () => {
  it('turns a UTF-8 page into text, dropping scripts and styles and keeping table rows', async () => {
    const file = await readNoticeFile(new Uint8Array(Buffer.from(readFixtureText('web-page.html'), 'utf8')), 'page.html');
    expect(file.kind).toBe('html');
    expect(file.text).not.toMatch(/setFontSize|text-indent|<p>/);
    const notice = parseNotice(file.text);
    expectEveryLineAccounted(file.text, notice);
    expect(notice.title).toBe('长宁县2019年法治政府建设工作要点');
    expect(notice.issuer).toBe('长宁县人民政府办公室');
    expectTasks(notice, [
      [1, '（一）', '县行政审批局', ['县委编办', '县政府各部门']],
      [1, '（二）', '县市场监管局', ['县政府有关部门']],
      [2, '（一）', '县司法局', ['县政府各行政执法部门', '各乡镇人民政府']],
      [2, '（二）', '县委编办', ['县司法局', '县城管局', '各乡镇人民政府']],
      [3, '1', '县司法局', ['县政府办公室', '县委组织部']],
      [3, '2', '县司法局', ['各乡镇人民政府']],
    ]);
    expect(notice.diagnostics.map((diagnostic) => diagnostic.message)).toEqual([expect.stringMatching(/^已忽略8行网页附加内容/)]);
  });

  it('reads a GB2312 page by its declared charset, without a file name', async () => {
    const file = await readNoticeFile(makeGbkWebPage());
    expect(file.kind).toBe('html');
    expect(parseNotice(file.text).tasks).toHaveLength(6);
  });
});

describe('readNoticeFile refusals', () => {
  it('refuses files over 10 MB before reading them', async () => {
    const error = await expectFileError(readNoticeFile(new Uint8Array(11 * 1024 * 1024).fill(0x41), 'big.txt'), 'too_large');
    expect(error.message).toContain('10 MB');
  });

  it('refuses an empty file and a file of blank lines', async () => {
    await expectFileError(readNoticeFile(new Uint8Array(0)), 'empty');
    await expectFileError(readNoticeFile(new Uint8Array(Buffer.from(' \n\r\n\t ', 'utf8'))), 'empty');
  });

  it('refuses binary junk, images and old .doc files', async () => {
    await expectFileError(readNoticeFile(makeJunk(4096)), 'binary');
    await expectFileError(readNoticeFile(ONE_PIXEL_PNG), 'no_text_layer');
    const legacy = new Uint8Array(2048);
    legacy.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const error = await expectFileError(readNoticeFile(legacy, 'old.doc'), 'binary');
    expect(error.message).toContain('.doc');
  });

  it('either reads arbitrary bytes as text or refuses them with a NoticeFileError, never anything else', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        try {
          const file = await readNoticeFile(bytes);
          expect(typeof file.text).toBe('string');
          expectEveryLineAccounted(file.text, parseNotice(file.text));
        } catch (error) {
          expect(error).toBeInstanceOf(NoticeFileError);
        }
      }),
      { numRuns: 300 },
    );
  });
});
