import type { ProgressStatus } from '../progress/progress-status.js';

// Wording seen in liaisons' replies. The guess only pre-fills the confirmation the liaison sees.
const blockedWords = /受阻|阻碍|停滞|搁置|暂缓|暂停|无法推进|难以推进|推进困难|未能推进|卡住/;
const notStartedWords = /未启动|尚未启动|未开展|尚未开展|暂未开展|未开始|尚未开始|还未开始/;
const doneWords = /已完成|已全部完成|全面完成|圆满完成|已经完成|已办结|已落实到位|完成率(?:达到?)?100\s*[%％]/;
const ongoingWords = /推进中|正在|进行中|有序推进|稳步推进|持续推进|积极推进|已启动|已开展|逐步|下一步|尚未完成|未完成/;

const percentPattern = /(\d{1,3}(?:\.\d+)?)\s*[%％]/g;
const completionPercentPattern = /(?:完成|进度|完成率|完成比例)[^，。；,;\d]{0,6}?(\d{1,3}(?:\.\d+)?)\s*[%％]/;

/**
 * The completion percentage a reply states: one tied to 完成/进度 first, else the first percentage
 * in the text (the liaison confirms it). Values over 100 are not completion and are ignored.
 */
export function guessPercent(text: string): number | null {
  const tied = completionPercentPattern.exec(text);
  const candidates = tied ? [tied[1]] : [...text.matchAll(percentPattern)].map((match) => match[1]);
  for (const raw of candidates) {
    const value = Math.round(Number(raw));
    if (Number.isFinite(value) && value >= 0 && value <= 100) return value;
  }
  return null;
}

/** A status guessed from the wording and the percentage; null when the text gives no hint. */
export function guessStatus(text: string, percent: number | null): ProgressStatus | null {
  if (blockedWords.test(text)) return 'blocked';
  const ongoing = ongoingWords.test(text);
  const done = doneWords.test(text);
  if (notStartedWords.test(text) && !ongoing && !done) return 'not_started';
  if (percent === 100) return 'done';
  if (done && !ongoing && percent === null) return 'done';
  if (percent === 0 && !done && !ongoing) return 'not_started';
  if (ongoing || done || percent !== null) return 'in_progress';
  return null;
}
