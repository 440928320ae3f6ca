import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from '../../src/files/html-to-text.js';

describe('htmlToText', () => {
  it('breaks lines at block elements and <br>, and drops scripts, styles and the head', () => {
    const html =
      '<html><head><title>标题</title><style>p{}</style></head><body><script>alert(1)</script><p>第一段</p><div>第二段<br>第三段</div></body></html>';
    expect(htmlToText(html)).toBe('第一段\n第二段\n第三段');
  });

  it('writes table rows as tab-separated cells, a spanning row keeping one tab', () => {
    const html =
      '<table><tr><td>序号</td><td>工作任务</td><td>牵头单位</td></tr><tr><td colspan="3">一、依法行政</td></tr><tr><td>1</td><td><p>推进</p><p>改革</p></td><td>区司法局</td></tr></table>';
    expect(htmlToText(html)).toBe('序号\t工作任务\t牵头单位\n一、依法行政\t\n1\t推进 改革\t区司法局');
  });

  it('keeps columns aligned under a cell that spans rows', () => {
    const html = '<table><tr><td rowspan="2">1</td><td>措施一</td><td>区司法局</td></tr><tr><td>措施二</td><td>区财政局</td></tr></table>';
    expect(htmlToText(html)).toBe('1\t措施一\t区司法局\n\t措施二\t区财政局');
  });

  it('decodes entities', () => {
    expect(decodeEntities('A&amp;B&nbsp;&lt;&#20013;&#x6587;&gt;&ldquo;好&rdquo;')).toBe('A&B <中文>“好”');
  });
});
