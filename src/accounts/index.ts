export {
  createUser,
  ensureAdmin,
  findUserByEmail,
  registerUser,
  setUserRole,
  signIn,
} from './commands.js';
export { hashPassword, verifyPassword } from './password.js';
export { canEditArticle, isEditor, requireCreator, requireRole, requireViewer } from './policy.js';
export {
  createSession,
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  findViewerBySession,
  hashToken,
  SESSION_TTL_MS,
} from './sessions.js';
export {
  CreateUserSchema,
  RegisterSchema,
  ROLES,
  SignInSchema,
  type CreateUserInput,
  type RegisterInput,
  type Role,
  type SignInInput,
  type User,
  type Viewer,
} from './user.js';
