/**
 * Characters that show nothing: whitespace, controls and format characters (zero-width spaces and
 * joiners, direction marks and overrides, the byte-order mark). `String.prototype.trim` leaves most
 * of them, so text made only of them would pass for written.
 */
const INVISIBLE = /[\p{White_Space}\p{Cc}\p{Cf}]/gu;

/** Whether the text has anything a reader would see. */
export function hasVisibleText(text: string): boolean {
  return text.replace(INVISIBLE, '') !== '';
}
