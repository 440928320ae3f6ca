import { DeflatedEntry, zipArchive, type ZipEntry } from './zip-writer.js';

/**
 * zlib's level for the parts. Level 1 deflates a 500-unit quarter's workbook (40,000 rows) in half the CPU of
 * level 6 (its default) for a file a quarter larger (2.4 MB, not 1.9); a year's workbook of 60,000 task rows
 * would then come near Discord's 10 MB upload limit (7.3 MB, 5.8 at level 6), so past this many rows level 6.
 */
function deflateLevelFor(rows: number): number {
  return rows > 50_000 ? 6 : 1;
}

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

  /** sharedStrings.xml, a string at a time: the texts of 20,000 reports are megabytes. */
  async writeTo(out: DeflatedEntry): Promise<ZipEntry> {
    out.write(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
        `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.count}" uniqueCount="${this.parts.length}">`,
    );
    for (const part of this.parts) if (!out.write(part)) await out.drained();
    out.write('</sst>');
    return out.end();
  }
}

/** The sheet's XML, row by row into `out` (a 40,000-row sheet is 17 MB of XML, never held whole). */
async function writeSheet(sheet: XlsxSheet, strings: SharedStrings, out: DeflatedEntry): Promise<ZipEntry> {
  const width = sheet.columns.length;
  const lastColumn = columnName(Math.max(0, width - 1));
  const names = sheet.columns.map((_, i) => columnName(i));
  out.write(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
  );
  if (sheet.landscape) out.write('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
  out.write(`<dimension ref="A1:${lastColumn}${Math.max(1, sheet.rows.length)}"/>`);
  const frozen = sheet.frozenRows ?? 0;
  out.write(
    frozen > 0
      ? `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${frozen}" topLeftCell="A${frozen + 1}" activePane="bottomLeft" state="frozen"/>` +
          `<selection pane="bottomLeft" activeCell="A${frozen + 1}" sqref="A${frozen + 1}"/></sheetView></sheetViews>`
      : '<sheetViews><sheetView workbookViewId="0"/></sheetViews>',
  );
  out.write('<sheetFormatPr defaultRowHeight="15"/><cols>');
  sheet.columns.forEach((column, i) => {
    const style = column.score ? ` style="${STYLE_INDEX.score}"` : '';
    out.write(`<col min="${i + 1}" max="${i + 1}" width="${column.width}" customWidth="1"${style}/>`);
  });
  out.write('</cols><sheetData>');
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
    if (!out.write(`${xml}</row>`)) await out.drained();
  }
  out.write('</sheetData>');
  if (sheet.autoFilterRow) out.write(`<autoFilter ref="A${sheet.autoFilterRow}:${lastColumn}${sheet.autoFilterRow}"/>`);
  if (sheet.titleMerged && width > 1) out.write(`<mergeCells count="1"><mergeCell ref="A1:${lastColumn}1"/></mergeCells>`);
  out.write('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
  if (sheet.landscape) out.write('<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
  out.write('</worksheet>');
  return out.end();
}

function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** The workbook as .xlsx bytes. */
export async function writeXlsx(sheets: readonly XlsxSheet[], properties: { creator: string; title: string }): Promise<Buffer> {
  const strings = new SharedStrings();
  const level = deflateLevelFor(sheets.reduce((sum, sheet) => sum + sheet.rows.length, 0));
  const sheetEntries: ZipEntry[] = [];
  // One after another: shared strings are numbered in the order cells meet them.
  for (const [i, sheet] of sheets.entries()) {
    sheetEntries.push(await writeSheet(sheet, strings, new DeflatedEntry(`xl/worksheets/sheet${i + 1}.xml`, level)));
  }
  const stringsEntry = await strings.writeTo(new DeflatedEntry('xl/sharedStrings.xml', level));
  const files: Record<string, string> = {};
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
  const xml = (text: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${text}`;
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
  files['xl/styles.xml'] = STYLES_XML;
  const small = await Promise.all(
    Object.entries(files).map(([name, text]) => {
      const entry = new DeflatedEntry(name, level);
      entry.write(text);
      return entry.end();
    }),
  );
  return zipArchive([...small, ...sheetEntries, stringsEntry]);
}
