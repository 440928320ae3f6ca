/** Serialises the imports of one workspace and the corrections of their previews: two confirmations at once must not both become version N. */
export const IMPORT_LOCK = 7_305_002;
