export { deleteAccount, type DeletionReport } from './delete.js';
export { exportAccount } from './export.js';
