const digits: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

/** '五' → 5, '十二' → 12, '二十' → 20, '一百零三' → 103; null for anything else. */
export function parseChineseNumeral(text: string): number | null {
  if (text === '') return null;
  let total = 0;
  let pending = 0;
  let seenDigit = false;
  for (const char of text) {
    const digit = digits[char];
    if (digit !== undefined) {
      pending = digit;
      seenDigit = true;
    } else if (char === '十') {
      total += (seenDigit ? pending : 1) * 10;
      pending = 0;
      seenDigit = false;
    } else if (char === '百') {
      if (!seenDigit) return null;
      total += pending * 100;
      pending = 0;
      seenDigit = false;
    } else {
      return null;
    }
  }
  return total + pending;
}
