export { draftAnnualReport, type DraftAnnualReportInput } from './annual-report.js';
