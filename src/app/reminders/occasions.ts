/*
 * A planned reminder's occasion says which due date it is for: '' for the period's own, 'e<date>' for
 * an extension's. A unit owing reports due on two dates in one period gets each date's stages.
 */

export function occasionOf(dueDate: string, periodDueDate: string): string {
  return dueDate === periodDueDate ? '' : `e${dueDate}`;
}

/** The due date an occasion stands for: the period's, or the extension's. */
export function dueDateOfOccasion(occasion: string, periodDueDate: string): string {
  return /^e\d{4}-\d{2}-\d{2}$/.test(occasion) ? occasion.slice(1) : periodDueDate;
}
