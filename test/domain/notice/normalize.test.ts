import * as OpenCC from 'opencc-js/t2cn';
import { describe, expect, it } from 'vitest';
import { compactSpaces, joinContinuation, looksTraditional, normalizeChars } from '../../../src/domain/notice/normalize.js';

describe('normalizeChars', () => {
  it('makes digits half width and parentheses and colons full width', () => {
    expect(normalizeChars('２０１７年　各镇政府(街道办事处):区司法局')).toBe('2017年 各镇政府（街道办事处）：区司法局');
  });

  it('keeps colons and commas inside numbers', () => {
    expect(normalizeChars('9:30开会，投入1,000万元')).toBe('9:30开会，投入1,000万元');
  });

  it('turns enclosed numerals into the schemes they stand for', () => {
    expect(normalizeChars('⑵推进改革')).toBe('（2）推进改革');
  });
});

describe('compactSpaces', () => {
  it('removes spaces next to Chinese text but keeps them between Latin words', () => {
    expect(compactSpaces('2017 年 区 发改局，open data')).toBe('2017年区发改局，open data');
  });
});

describe('joinContinuation', () => {
  it('mends a wrapped line and keeps a paragraph break after a full stop', () => {
    expect(joinContinuation('（一）区', '发改局负责')).toBe('（一）区发改局负责');
    expect(joinContinuation('完成评估。', '下一段')).toBe('完成评估。\n下一段');
  });
});

describe('looksTraditional', () => {
  it('tells traditional text from simplified text', () => {
    expect(looksTraditional('清河區2017年法治政府建設工作要點，區編辦負責')).toBe(true);
    expect(looksTraditional('清河区2017年法治政府建设工作要点，区编办负责')).toBe(false);
  });

  it('judges a long text on samples spread over it', () => {
    const traditional = '清河區2017年法治政府建設工作要點，區編辦負責。'.repeat(2000);
    const simplified = '清河区2017年法治政府建设工作要点，区编办负责。'.repeat(2000);
    expect(looksTraditional(traditional)).toBe(true);
    expect(looksTraditional(simplified)).toBe(false);
    // A few traditional names quoted in a long simplified notice do not make it traditional.
    expect(looksTraditional(`${simplified}區編辦、區財政局`)).toBe(false);
  });

  it('lists only characters that OpenCC really converts', () => {
    const convert = OpenCC.Converter({ from: 'tw', to: 'cn' });
    const source =
      '區縣鎮辦責務實設機關於國對應業開問進組織導領負門級與為們會發來這個時後點單當條規劃財稅額產權環衛計農勞動證據審經濟聯絡檢監執訴訟複議訊網統報數節約資營創專項體護險檔號態勢陽陰東處員種樣歷廣鄉價標準質範觀衝擊顯現階層歸頭協調簡將擴眾強黨廳齊優題屬術則類線屆';
    for (const ch of source) expect(convert(ch), ch).not.toBe(ch);
  });
});
