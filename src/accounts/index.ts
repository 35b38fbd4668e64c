export { createUser, ensureAdmin, findUserByEmail } from './commands.js';
export { hashPassword, verifyPassword } from './password.js';
export { ROLES, CreateUserSchema, type CreateUserInput, type Role, type User } from './user.js';
