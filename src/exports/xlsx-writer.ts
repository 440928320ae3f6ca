import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';

const gzip = promisify(gzipCallback);
const encoder = new TextEncoder();
const strToU8 = (text: string): Uint8Array => encoder.encode(text);

/**
 * A minimal .xlsx writer for table-shaped sheets: strings, numbers, a title row, a header row, column widths,
 * a frozen header, an autofilter and landscape fit-to-width printing. A ranking's workbook has 40,000 rows;
 * ExcelJS builds a model object, a style and an XML node for every cell and took seconds, where writing
 * the sheet XML directly takes a small part of that. Everything written is standard SpreadsheetML that
 * Excel, WPS, LibreOffice and ExcelJS read.
 */

export type XlsxCell = string | number | null;

/** The few looks a cell can have; each is one cell format (cellXfs index) in styles.xml. */
export type XlsxStyle = 'plain' | 'title' | 'header' | 'score';

export interface XlsxColumn {
  /** Width in characters. */
  readonly width: number;
  /** Scores: two decimals (number format 0.00). */
  readonly score?: boolean;
}

export interface XlsxRow {
  readonly cells: readonly XlsxCell[];
  /** 'title' and 'header' rows style every cell they hold; otherwise score columns are 'score', the rest plain. */
  readonly style?: 'title' | 'header';
}

export interface XlsxSheet {
  readonly name: string;
  readonly columns: readonly XlsxColumn[];
  readonly rows: readonly XlsxRow[];
  /** Row 1 is a title spread over every column. */
  readonly titleMerged?: boolean;
  /** Rows kept in view when scrolling (the title and the header). */
  readonly frozenRows?: number;
  /** The 1-based header row the autofilter sits on. */
  readonly autoFilterRow?: number;
  readonly landscape?: boolean;
}

/**
 * Text that Excel, LibreOffice or WPS would take for a formula once someone edits the cell or the sheet goes
 * through CSV: "=…", "+…", "-…", "@…", and the same behind a tab or carriage return. Progress text and names
 * are typed by liaisons, so they can start like this by accident or on purpose ("=HYPERLINK(…)"). Such a cell
 * gets the Text format (@, id 49) with quotePrefix — what Excel itself writes for a cell typed with a leading
 * apostrophe — so it stays text when edited and saved again.
 */
const FORMULA_LIKE = /^[=+\-@\t\r]/;

// cellXfs, in this order: the indexes cells refer to.
const STYLE_INDEX = { plain: 0, title: 1, header: 2, score: 3, text: 4 } as const;
const SCORE_FORMAT_ID = 164;

const STYLES_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  `<numFmts count="1"><numFmt numFmtId="${SCORE_FORMAT_ID}" formatCode="0.00"/></numFmts>` +
  '<fonts count="3">' +
  '<font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>' +
  '<font><b/><sz val="14"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>' +
  '<font><b/><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font>' +
  '</fonts>' +
  '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFDCE6F1"/><bgColor indexed="64"/></patternFill></fill></fills>' +
  '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>' +
  '<border><left/><right/><top/><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="5">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="0" fontId="2" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1">' +
  '<alignment horizontal="center" vertical="center" wrapText="1"/></xf>' +
  `<xf numFmtId="${SCORE_FORMAT_ID}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
  '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" quotePrefix="1"/>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

// eslint-disable-next-line no-control-regex -- these are the control characters XML 1.0 cannot hold
const XML_SPECIAL = /[<>&"'\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/;
// eslint-disable-next-line no-control-regex -- the same characters, to drop them
const XML_SPECIAL_ALL = /[<>&"'\x7F\x00-\x08\x0B\x0C\x0E-\x1F]/g;
const ENTITY: Readonly<Record<string, string>> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };

/** Escaped for XML; control characters XML cannot hold (all but tab, line feed and carriage return) are dropped. */
function xmlText(text: string): string {
  return XML_SPECIAL.test(text) ? text.replace(XML_SPECIAL_ALL, (ch) => ENTITY[ch] ?? '') : text;
}

/** 0 → A, 25 → Z, 26 → AA. */
function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** Each text once, cells pointing to it by index: the unit names, roles and statuses repeat thousands of times. */
class SharedStrings {
  private readonly index = new Map<string, number>();
  private readonly parts: string[] = [];
  count = 0;

  of(text: string): number {
    this.count += 1;
    let at = this.index.get(text);
    if (at === undefined) {
      at = this.parts.length;
      this.index.set(text, at);
      const preserve = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
      this.parts.push(`<si><t${preserve}>${xmlText(text)}</t></si>`);
    }
    return at;
  }

  toXml(): string {
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.count}" uniqueCount="${this.parts.length}">` +
      `${this.parts.join('')}</sst>`
    );
  }
}

function sheetXml(sheet: XlsxSheet, strings: SharedStrings): string {
  const width = sheet.columns.length;
  const lastColumn = columnName(Math.max(0, width - 1));
  const names = sheet.columns.map((_, i) => columnName(i));
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
  ];
  if (sheet.landscape) out.push('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
  out.push(`<dimension ref="A1:${lastColumn}${Math.max(1, sheet.rows.length)}"/>`);
  const frozen = sheet.frozenRows ?? 0;
  out.push(
    frozen > 0
      ? `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${frozen}" topLeftCell="A${frozen + 1}" activePane="bottomLeft" state="frozen"/>` +
          `<selection pane="bottomLeft" activeCell="A${frozen + 1}" sqref="A${frozen + 1}"/></sheetView></sheetViews>`
      : '<sheetViews><sheetView workbookViewId="0"/></sheetViews>',
  );
  out.push('<sheetFormatPr defaultRowHeight="15"/><cols>');
  sheet.columns.forEach((column, i) => {
    const style = column.score ? ` style="${STYLE_INDEX.score}"` : '';
    out.push(`<col min="${i + 1}" max="${i + 1}" width="${column.width}" customWidth="1"${style}/>`);
  });
  out.push('</cols><sheetData>');
  const scoreColumns = sheet.columns.map((column) => column.score === true);
  for (let r = 0; r < sheet.rows.length; r += 1) {
    const row = sheet.rows[r] as XlsxRow;
    const rowNumber = r + 1;
    const rowStyle = row.style ? STYLE_INDEX[row.style] : null;
    let xml = `<row r="${rowNumber}">`;
    for (let c = 0; c < row.cells.length; c += 1) {
      const value = row.cells[c];
      if (value === null || value === undefined) continue;
      const ref = `${names[c] ?? columnName(c)}${rowNumber}`;
      if (typeof value === 'number') {
        if (!Number.isFinite(value)) continue;
        const style = rowStyle ?? (scoreColumns[c] ? STYLE_INDEX.score : STYLE_INDEX.plain);
        xml += `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${value}</v></c>`;
      } else {
        const style = rowStyle ?? (FORMULA_LIKE.test(value) ? STYLE_INDEX.text : STYLE_INDEX.plain);
        xml += `<c r="${ref}"${style ? ` s="${style}"` : ''} t="s"><v>${strings.of(value)}</v></c>`;
      }
    }
    out.push(`${xml}</row>`);
  }
  out.push('</sheetData>');
  if (sheet.autoFilterRow) out.push(`<autoFilter ref="A${sheet.autoFilterRow}:${lastColumn}${sheet.autoFilterRow}"/>`);
  if (sheet.titleMerged && width > 1) out.push(`<mergeCells count="1"><mergeCell ref="A1:${lastColumn}1"/></mergeCells>`);
  out.push('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
  if (sheet.landscape) out.push('<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
  out.push('</worksheet>');
  return out.join('');
}

function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** The workbook as .xlsx bytes. */
export async function writeXlsx(sheets: readonly XlsxSheet[], properties: { creator: string; title: string }): Promise<Buffer> {
  const strings = new SharedStrings();
  const files: Record<string, Uint8Array> = {};
  sheets.forEach((sheet, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(sheet, strings));
  });
  const filters = sheets.flatMap((sheet, i) => {
    if (!sheet.autoFilterRow) return [];
    const last = columnName(Math.max(0, sheet.columns.length - 1));
    const ref = `${quoteSheetName(sheet.name)}!$A$${sheet.autoFilterRow}:$${last}$${sheet.autoFilterRow}`;
    return [`<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${xmlText(ref)}</definedName>`];
  });
  const sheetOverrides = sheets
    .map(
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    )
    .join('');
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const xml = (text: string) => strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${text}`);
  files['[Content_Types].xml'] = xml(
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      sheetOverrides +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
      '</Types>',
  );
  files['_rels/.rels'] = xml(
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
      '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>' +
      '</Relationships>',
  );
  files['docProps/app.xml'] = xml(
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Excel</Application></Properties>',
  );
  files['docProps/core.xml'] = xml(
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
      'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      `<dc:creator>${xmlText(properties.creator)}</dc:creator><dc:title>${xmlText(properties.title)}</dc:title>` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified>` +
      '</cp:coreProperties>',
  );
  files['xl/workbook.xml'] = xml(
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      '<bookViews><workbookView/></bookViews><sheets>' +
      sheets.map((sheet, i) => `<sheet name="${xmlText(sheet.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
      '</sheets>' +
      (filters.length > 0 ? `<definedNames>${filters.join('')}</definedNames>` : '') +
      '</workbook>',
  );
  files['xl/_rels/workbook.xml.rels'] = xml(
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      sheets
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join('') +
      `<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId${sheets.length + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` +
      '</Relationships>',
  );
  files['xl/styles.xml'] = strToU8(STYLES_XML);
  files['xl/sharedStrings.xml'] = strToU8(strings.toXml());
  return zipFiles(files);
}

/**
 * A zip archive of deflated files. Node's zlib deflates in C on the libuv thread pool, several files at once
 * and off the event loop, about six times faster than deflating in JavaScript; gzip's trailer carries each
 * file's CRC-32, which a zip entry needs, so nothing is computed twice.
 */
async function zipFiles(files: Record<string, Uint8Array>): Promise<Buffer> {
  const entries = await Promise.all(
    Object.entries(files).map(async ([name, data]) => {
      const gz = await gzip(data, { level: 6 });
      // A gzip member: a 10-byte header (Node writes no optional fields), the raw deflate stream, CRC-32 and size.
      return { name: Buffer.from(name, 'utf8'), data: gz.subarray(10, gz.length - 8), crc: gz.readUInt32LE(gz.length - 8), size: data.length };
    }),
  );
  const { time, date } = dosDateTime(new Date());
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeEntryFields(local, 4, entry, time, date);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: 2.0
    writeEntryFields(central, 6, entry, time, date);
    central.writeUInt32LE(offset, 42);
    locals.push(local, entry.name, entry.data);
    centrals.push(central, entry.name);
    offset += local.length + entry.name.length + entry.data.length;
  }
  const directorySize = centrals.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

/** What a local header and its central directory entry both say, in the same order, from "version needed" to the name's length. */
function writeEntryFields(header: Buffer, at: number, entry: { name: Buffer; data: Buffer; crc: number; size: number }, time: number, date: number): void {
  header.writeUInt16LE(20, at); // version needed: 2.0 (deflate)
  header.writeUInt16LE(0x0800, at + 2); // flags: UTF-8 names
  header.writeUInt16LE(8, at + 4); // method: deflate
  header.writeUInt16LE(time, at + 6);
  header.writeUInt16LE(date, at + 8);
  header.writeUInt32LE(entry.crc, at + 10);
  header.writeUInt32LE(entry.data.length, at + 14);
  header.writeUInt32LE(entry.size, at + 18);
  header.writeUInt16LE(entry.name.length, at + 22);
}

/** MS-DOS time and date fields of a zip entry, in local time as zip tools read them. */
function dosDateTime(at: Date): { time: number; date: number } {
  return {
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | Math.floor(at.getSeconds() / 2),
    date: (Math.max(0, at.getFullYear() - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
  };
}
