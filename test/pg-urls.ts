/** The same server and credentials, another database. */
export function databaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Where CREATE/DROP DATABASE run: the `postgres` maintenance database. */
export function adminUrl(url: string): string {
  return databaseUrl(url, 'postgres');
}
