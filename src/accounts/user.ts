import { z } from 'zod';
import { isCommonPassword } from './common-passwords.js';

export const ROLES = ['reader', 'creator', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** NIST SP 800-63B asks for at least 8; we ask the same and check common passwords (later issue). */
export const PASSWORD_MIN_LENGTH = 8;
/** argon2 hashes the whole input; an upper bound stops denial-of-service by huge passwords. */
export const PASSWORD_MAX_LENGTH = 256;

export const EmailSchema = z
  .email({ error: '请输入有效的邮箱地址' })
  .max(254, '邮箱地址过长')
  .transform((e) => e.toLowerCase());

export const PasswordSchema = z
  .string({ error: '请填写密码' })
  .min(PASSWORD_MIN_LENGTH, `密码至少 ${PASSWORD_MIN_LENGTH} 个字符`)
  .max(PASSWORD_MAX_LENGTH, `密码最多 ${PASSWORD_MAX_LENGTH} 个字符`)
  .refine((p) => !isCommonPassword(p), '这个密码太常见，很容易被猜到，请换一个');

/** Registration (page form and POST /api/v1/users). */
export const RegisterSchema = z.strictObject({
  email: EmailSchema,
  password: PasswordSchema,
  displayName: z
    .string({ error: '请填写昵称' })
    .trim()
    .min(1, '请填写昵称')
    .max(40, '昵称最多 40 个字符'),
});
export type RegisterInput = z.input<typeof RegisterSchema>;

/** Sign-in: only shape checks; the password rules apply when it is set, not when it is tried. */
export const SignInSchema = z.strictObject({
  email: z
    .string({ error: '请填写邮箱' })
    .trim()
    .min(1, '请填写邮箱')
    .max(254)
    .transform((e) => e.toLowerCase()),
  password: z.string({ error: '请填写密码' }).min(1, '请填写密码').max(PASSWORD_MAX_LENGTH),
});
export type SignInInput = z.input<typeof SignInSchema>;

/** The user a session belongs to. */
export interface SessionUser {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  /** Hash of the session this request came with (for CSRF tokens and sign-out). */
  readonly sessionIdHash: string;
}

/**
 * Who is making a request, as the edges and domains see it: the session's
 * user and, filled in by the creators domain, their creator profile.
 */
/** Who acts on an account: a signed-in admin, or the site itself (the CLI: no account, id null). */
export interface Actor {
  readonly id: string | null;
  readonly role: Role;
}

export interface Viewer extends SessionUser {
  /** The creator profile, for creators (and editors/admins who have one). */
  readonly creator: { readonly id: string; readonly handle: string } | null;
}

export const CreateUserSchema = z.object({
  email: EmailSchema,
  /** Absent for accounts that cannot sign in (demo creators). */
  password: PasswordSchema.optional(),
  displayName: z.string().trim().min(1, '请填写名称').max(40, '名称最多 40 个字符'),
  role: z.enum(ROLES).default('reader'),
});
export type CreateUserInput = z.input<typeof CreateUserSchema>;

export interface User {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
}
