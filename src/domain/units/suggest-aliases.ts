import { abbreviationPartners } from './abbreviations.js';
import { canonicalUnitName } from './unit-name.js';

// Prefixes and generic suffixes carry no identity: 区法制局 and 区司法局 differ in their core, 法制 vs 司法.
const PREFIX = /^(?:中共)?(?:[\u4e00-\u9fa5]{1,6}?(?:区|县|市))(?:委|政府)?/;
const SUFFIX = /(?:管理局|服务中心|委员会|办公室|中心|局|委|办|院|所|处|队|会)$/;

function core(name: string): string {
  const canonical = canonicalUnitName(name);
  const stripped = canonical.replace(PREFIX, '').replace(SUFFIX, '');
  return stripped.length >= 1 ? stripped : canonical;
}

function bigrams(text: string): string[] {
  if (text.length < 2) return [text];
  const grams: string[] = [];
  for (let i = 0; i < text.length - 1; i++) grams.push(text.slice(i, i + 2));
  return grams;
}

/** 发改 in 发展和改革: a Chinese short form keeps characters of the full name in order. */
function isAbbreviationOf(short: string, full: string): boolean {
  if (short.length < 2 || short.length >= full.length) return false;
  let at = 0;
  for (const ch of short) {
    at = full.indexOf(ch, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

/** Similarity of two unit names, 0..1: bigram overlap, shared characters, or one abbreviating the other. */
export function nameSimilarity(a: string, b: string): number {
  if (isAbbreviationOf(core(a), core(b)) || isAbbreviationOf(core(b), core(a))) return 0.8;
  const x = bigrams(core(a));
  const y = bigrams(core(b));
  const pool = [...y];
  let shared = 0;
  for (const gram of x) {
    const at = pool.indexOf(gram);
    if (at >= 0) {
      shared++;
      pool.splice(at, 1);
    }
  }
  const charsA = new Set(core(a));
  const sharedChars = [...new Set(core(b))].filter((c) => charsA.has(c)).length;
  const charScore = sharedChars / Math.max(charsA.size, new Set(core(b)).size, 1);
  return Math.max((2 * shared) / (x.length + y.length), charScore * 0.9);
}

/**
 * Existing units an unknown name may be another spelling of (a renamed bureau, a short form),
 * best first. Only suggestions: the coordinator decides.
 */
export function suggestAliases(unknown: string, known: readonly string[], limit = 3, threshold = 0.5): string[] {
  const target = canonicalUnitName(unknown);
  // A short or full form of the name (区经信局 ↔ 区经济和信息化局) is the likeliest of all.
  const partners = new Set(abbreviationPartners(target, known));
  return known
    .filter((name) => canonicalUnitName(name) !== target)
    .map((name) => ({
      name,
      score: partners.has(name) ? 2 : nameSimilarity(target, name) + (name.includes(target) || target.includes(name) ? 0.3 : 0),
    }))
    .filter((s) => s.score >= threshold)
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, 'zh-CN'))
    .slice(0, limit)
    .map((s) => s.name);
}
