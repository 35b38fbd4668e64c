export { createCreatorProfile, ensureCreatorProfile, setCreatorArticleCount } from './commands.js';
export { findCreatorRefOfUser, findViewerBySession } from './viewer.js';
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
  findCreatorsNamed,
  getCreatorRefs,
  getCreatorByHandleOrThrow,
  listCreators,
} from './queries.js';
export {
  APPLICATION_STATUSES,
  ApplicationSchema,
  approveApplication,
  countPendingApplications,
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
export {
  countNewFollowersByDay,
  isFollowing,
  listFollowedCreatorIds,
  listFollowerIds,
  setFollow,
  toggleFollow,
} from './follows.js';
export {
  deleteCreatorProfile,
  eraseFollowsAndApplicationsOf,
  exportCreatorDataOf,
} from './erase.js';
export {
  findRenamedHandle,
  listHandleHistory,
  OwnProfileSchema,
  updateOwnProfile,
  type OwnProfileInput,
} from './profile.js';
