export { canonicalUnitName, guessUnitCategory, looksCollective, unitCategoryLabels, type UnitCategory } from './unit-name.js';
export { nameSimilarity, suggestAliases } from './suggest-aliases.js';
export { resolveUnitNames, type DirectoryEntry, type ResolvedUnitName, type UnitDirectorySnapshot } from './resolve-unit-names.js';
export { abbreviationPartners, abbreviationRule, suggestAbbreviationPairs, type AbbreviationPair, type AbbreviationRule } from './abbreviations.js';
