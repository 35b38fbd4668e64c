export { recordShare, SHARE_TARGETS, ShareInputSchema, type ShareTarget } from './shares.js';
export { isFollowing, toggleFollow } from './follows.js';
