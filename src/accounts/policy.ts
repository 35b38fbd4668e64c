import { AppError } from '../shared/errors.js';
import type { Role, Viewer } from './user.js';

/** Signed in, or UNAUTHENTICATED (401). */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw new AppError('UNAUTHENTICATED');
  return viewer;
}

/** Signed in with one of these roles, or 401/403. */
export function requireRole(viewer: Viewer | null, ...roles: Role[]): Viewer {
  const v = requireViewer(viewer);
  if (!roles.includes(v.role)) throw new AppError('FORBIDDEN');
  return v;
}

/** A creator with a profile (creators write; editors and admins only when they also have a profile). */
export function requireCreator(
  viewer: Viewer | null,
): Viewer & { creator: { id: string; handle: string } } {
  const v = requireViewer(viewer);
  if (!v.creator || !['creator', 'editor', 'admin'].includes(v.role))
    throw new AppError('FORBIDDEN');
  return v as Viewer & { creator: { id: string; handle: string } };
}

export const isEditor = (viewer: Viewer | null): boolean =>
  viewer?.role === 'editor' || viewer?.role === 'admin';

/** Authors edit their own articles; editors and admins may edit any (moderation). */
export function canEditArticle(viewer: Viewer | null, authorId: string): boolean {
  return viewer !== null && (viewer.creator?.id === authorId || isEditor(viewer));
}
