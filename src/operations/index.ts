export { loadDashboard, type Dashboard } from './dashboard.js';
export { INSTANCE_NAME, listJobRuns, recordJobRun, type JobRun } from './runs.js';
