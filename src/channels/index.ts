export { DEFAULT_CHANNELS, type Channel } from './channel.js';
export { ensureDefaultChannels } from './commands.js';
export { findChannelBySlug, getChannelBySlugOrThrow, listChannels } from './queries.js';
