// The reading thread's entry. duban runs its TypeScript through tsx with no build step; a worker thread starts
// without the loader of the thread that made it (vitest's, for one), so this plain module loads the sources
// through tsx's API, which works whether or not tsx is already registered in this process.
import { parentPort } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { serveNoticeJobs } = await tsImport('./notice-worker.ts', import.meta.url);
serveNoticeJobs(parentPort);
