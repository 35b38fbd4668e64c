export { createCreatorProfile, recountCreatorArticles } from './commands.js';
export {
  ACCOUNT_TYPES,
  ACCOUNT_TYPE_LABELS,
  CreateCreatorSchema,
  HandleSchema,
  type AccountType,
  type CreateCreatorInput,
  type Creator,
  type CreatorWithStats,
} from './creator.js';
export {
  findCreatorByHandle,
  findCreatorById,
  getCreatorByHandleOrThrow,
  listCreators,
} from './queries.js';
export {
  APPLICATION_STATUSES,
  ApplicationSchema,
  approveApplication,
  DecisionSchema,
  getApplicationOrThrow,
  listApplications,
  listApplicationsOfUser,
  rejectApplication,
  submitApplication,
  type Application,
  type ApplicationInput,
  type ApplicationStatus,
} from './applications.js';
