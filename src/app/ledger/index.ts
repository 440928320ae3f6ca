export { buildLedgerOverview, describeLightRules, type LedgerOverview, type LedgerQuery, type LedgerSection, type LedgerTaskRow } from './ledger-overview.js';
export { buildLedgerRanking } from './ledger-ranking.js';
export { buildLedgerTask, openLedgerEvidence, taskActionLabels, type LedgerTaskPage } from './ledger-task.js';
export { buildLedgerUnit, buildLedgerUnitList, historyMarkLabels, type HistoryMark, type LedgerUnitList, type LedgerUnitPage } from './ledger-unit.js';
export { ledgerRefusals, resolveLedgerViewer, type LedgerSession, type LedgerViewer } from './ledger-viewer.js';
export { loadPeriodLights, type LightCell, type PeriodLights } from './period-lights.js';
export { revokeLedgerLinks } from './revoke-links.js';
