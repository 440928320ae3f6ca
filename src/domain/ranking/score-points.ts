/**
 * Scores are kept in integer hundredths so a breakdown adds up to its score exactly; each item is
 * rounded once, half away from zero, and the score is the sum of the rounded items.
 */
export function roundToHundredths(points: number): number {
  const scaled = points * 100;
  // The epsilon absorbs binary noise such as 0.325 * 100 = 32.49999….
  return Math.sign(scaled) * Math.floor(Math.abs(scaled) + 0.5 + 1e-9) || 0;
}

export function fromHundredths(hundredths: number): number {
  return hundredths / 100;
}

/** 10 → '10', 0.5 → '0.5', 2.25 → '2.25'. */
export function formatPoints(points: number): string {
  return String(Math.round(points * 100) / 100);
}

/** 20% style, for weights. */
export function formatShare(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}
