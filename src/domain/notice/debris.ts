/**
 * Lines that came with the notice but are not part of it: web-page furniture (breadcrumbs, 发布时间, 字号【大】【中】【小】,
 * 打印本页) and PDF page furniture (page numbers). They are ignored, and the parser reports that it did so.
 */
export type DebrisKind = 'web' | 'page';

const WEB_START =
  /^(?:当前位置|您的位置|你的位置|你现在的位置|您现在的位置|所在位置|位置|首页|网站首页|主页)\s*[：>＞»›→/|]|^(?:发布时间|发布日期|更新时间|时间|来源|信息来源|文章来源|作者|浏览次数|阅读次数|点击数|访问次数|浏览量|字号|字体|索引号|主题分类|发文机关|发布机构|成文日期|发文日期|发布日期|公开方式|公开范围|公开时限|文号|发文字号|分类|体裁分类|有效性|生效日期|废止日期|信息索引|编号|关键词|标题)\s*[：:]/;
const WEB_ANYWHERE =
  /技术支持\s*[：:]|【\s*[大中小]\s*】|打印本页|打印此页|关闭窗口|【\s*打印\s*】|【\s*关闭\s*】|【\s*收藏\s*】|【\s*纠错\s*】|分享到|扫一扫在手机|在手机上打开|网站地图|版权所有|Copyright|ICP备|公网安备|联系我们|返回顶部|上一篇|下一篇|相关链接|相关文件|相关阅读|视力保护色|无障碍浏览|长者模式|政务服务网|主办单位[：:].*网站|网站标识码|^\[?\s*(?:打印|关闭|收藏|返回)\s*\]?$|^(?:打印|关闭|收藏|分享|纠错)(?:\s+(?:打印|关闭|收藏|分享|纠错))+$/;
const WEB_FOOTER_START = /^(?:主办(?:单位)?\s*[：:].*(?:承办|协办|网站|技术支持|维护)|承办(?:单位)?\s*[：:].*(?:中心|网站))/;
const BREADCRUMB = /^[^。；，]{1,12}(?:\s*[>＞»›→]\s*[^。；，>＞»›→]{1,16}){2,}$/;

const PAGE_NUMBER =
  /^(?:[-—–－~]\s*\d{1,3}\s*[-—–－~]|第\s*\d{1,3}\s*页(?:\s*[，,]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*\/\s*\d{1,3}|\d{1,3}|Page\s*\d+(?:\s*of\s*\d+)?)$/i;

// The web patterns as one alternation: one regex call for a content line, which matches none of them.
const WEB = new RegExp([WEB_START, WEB_FOOTER_START, WEB_ANYWHERE, BREADCRUMB].map((pattern) => `(?:${pattern.source})`).join('|'));

/** The kind of furniture a normalised line is, or null for content. Long lines are never furniture. */
export function classifyDebris(line: string): DebrisKind | null {
  if (line.length > 100) return null;
  if (PAGE_NUMBER.test(line)) return 'page';
  return WEB.test(line) ? 'web' : null;
}

const ISSUER_META = /(?:发文机关|发布机构|发文单位)\s*[：:]\s*([^\s：:|]{2,30}?)(?:\s|$|发布|时间|日期|字号|成文)/;
const SOURCE_META = /(?:信息来源|来源)\s*[：:]\s*([^\s：:|]{2,30}?)(?:\s|$|发布|时间|日期|字号)/;

/**
 * The issuing body stated in web furniture: "发文机关：清河区人民政府办公室" is the issuer; "来源：区司法局" is only the
 * body that posted the page, a weaker hint used when nothing else names the issuer.
 */
export function readIssuerFromDebris(line: string): { issuer: string; stated: boolean } | null {
  const stated = ISSUER_META.exec(line)?.[1];
  if (stated && isIssuerName(stated)) return { issuer: stated, stated: true };
  const source = SOURCE_META.exec(line)?.[1];
  if (source && isIssuerName(source)) return { issuer: source, stated: false };
  return null;
}

function isIssuerName(name: string): boolean {
  return !/网|^本站$|^\d/.test(name);
}

// Page text a web copy glues to the end of the last paragraph: "…湛江市坡头区人民政府办公室2017年8月15印发分享打印全文".
const PAGE_TAIL =
  /(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日?\s*(?:印发|发布)(?=$|\s|分享|打印|关闭|【)|分享到?(?=$|\s|打印|微信|微博|QQ)|打印本页|打印此页|打印全文|关闭窗口|【\s*(?:打印|关闭|收藏)\s*】|(?<=^|[。；）\s])(?:来源|信息来源|文章来源|发布日期|发布时间|浏览次数)\s*[：:])/;
const MAY_HOLD_PAGE_TAIL = /印发|发布|分享|打印|关闭|来源|浏览/;
const ISSUER_BEFORE = /[\u4e00-\u9fff（）]{2,30}?(?:人民政府办公室|人民政府|办公室|委员会|局)\s*$/;

/**
 * Splits web-page text off the end of a paragraph: the paragraph without it, and the page text (the issuing body
 * in front of the date included). Null when the paragraph has none.
 */
export function splitPageTail(text: string): { kept: string; tail: string } | null {
  // Most paragraphs hold none of the words page text is made of: skip them before the large regex runs.
  if (!MAY_HOLD_PAGE_TAIL.test(text)) return null;
  const match = PAGE_TAIL.exec(text);
  if (!match) return null;
  let cut = match.index;
  const before = text.slice(0, cut);
  const sentenceEnd = Math.max(before.lastIndexOf('。'), before.lastIndexOf('；'), before.lastIndexOf('）'));
  const issuer = ISSUER_BEFORE.exec(before.slice(sentenceEnd + 1));
  if (issuer) cut = sentenceEnd + 1 + issuer.index;
  return { kept: text.slice(0, cut).trimEnd(), tail: text.slice(cut).trim() };
}

const ISSUE_DATE = /((?:19|20)\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})/;

/** The first date written in a text ("2017年8月15日", "2017-08-15", "2017年8月15印发"), as YYYY-MM-DD. */
export function readDate(text: string): string | null {
  const match = ISSUE_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
