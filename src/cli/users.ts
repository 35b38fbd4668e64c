/** `byline user …`: create an account, change its role, suspend or restore it (audited as 系统或命令行). */
import { z } from 'zod';
import {
  createUser,
  findUserIdByEmail,
  ROLES,
  setUserRole,
  suspendUser,
  unsuspendUser,
} from '../accounts/index.js';
import type { Config } from '../config.js';
import { ensureCreatorProfile } from '../creators/index.js';
import type { Database } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { systemClock } from '../shared/clock.js';
import { parseInput } from '../shared/validation.js';

/** A mistake in how the command was called (exit code 2, with the usage). */
export class UsageError extends Error {}

type WithDatabase = (
  config: Config,
  fn: (database: Database) => Promise<number>,
) => Promise<number>;

/** The CLI acts as the site itself: an admin with no account (audited as 系统或命令行). */
const CLI_ACTOR = { id: null, role: 'admin' } as const;

export async function createUserCommand(
  values: Record<string, unknown>,
  config: Config,
  withDatabase: WithDatabase,
) {
  const input = parseInput(
    z.object({
      email: z.string({ error: '请用 --email 给出邮箱' }),
      password: z.string({ error: '请用 --password 给出密码' }),
      role: z.enum(ROLES, { error: `--role 只能是 ${ROLES.join('、')} 之一` }),
      name: z.string().optional(),
    }),
    values,
  );
  return withDatabase(config, async (database) => {
    await migrate(database.db);
    const user = await createUser(database.db, {
      email: input.email,
      password: input.password,
      role: input.role,
      displayName: input.name ?? input.email.split('@')[0] ?? input.email,
    });
    let profile = '';
    if (user.role === 'creator') {
      const creator = await ensureCreatorProfile(database.db, user.id);
      profile = `，创作者主页 /author/${creator.handle}`;
    }
    console.log(`已新建${ROLE_NAMES[user.role]} ${user.email}（${user.id}）${profile}`);
    return 0;
  });
}

const ROLE_NAMES = { reader: '读者', creator: '创作者', editor: '编辑', admin: '管理员' } as const;

export async function decideUserCommand(
  sub: string,
  rest: string[],
  values: Record<string, unknown>,
  config: Config,
  withDatabase: WithDatabase,
) {
  const reason = typeof values.reason === 'string' ? values.reason.trim() : '';
  if (!reason) throw new UsageError('请用 --reason 说明理由（记入审计日志）');
  return withDatabase(config, async (database) => {
    const db = database.db;
    const userId = await findUserIdByEmail(db, rest[0]!);
    if (!userId) throw new UsageError(`没有这个邮箱的用户：${rest[0]}`);
    const actor = CLI_ACTOR;
    if (sub === 'role') {
      const role = z.enum(ROLES).safeParse(rest[1]);
      if (!role.success) throw new UsageError(`角色只能是 ${ROLES.join('、')} 之一`);
      await setUserRole(db, systemClock, actor, userId, role.data, reason);
      let profile = '';
      if (role.data === 'creator')
        profile = `，创作者主页 /author/${(await ensureCreatorProfile(db, userId)).handle}`;
      console.log(`已把 ${rest[0]} 改为${ROLE_NAMES[role.data]}${profile}`);
    } else if (sub === 'suspend') {
      await suspendUser(db, systemClock, actor, userId, reason);
      console.log(`已停用 ${rest[0]}，其所有登录已失效`);
    } else {
      await unsuspendUser(db, systemClock, actor, userId, reason);
      console.log(`已恢复 ${rest[0]}，可以重新登录`);
    }
    return 0;
  });
}
