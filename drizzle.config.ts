import { defineConfig } from 'drizzle-kit';

// Only for `npm run db:generate` (writing new migration files). Migrations are
// applied by src/db/migrate.ts, never by drizzle-kit push/migrate.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/db/pg-schema.ts', './src/*/schema.ts'],
  out: './src/db/migrations',
});
