export {
  ChannelChangeSchema,
  ChannelInputSchema,
  ChannelSlugSchema,
  DEFAULT_CHANNELS,
  type Channel,
  type ChannelChange,
  type ChannelInput,
} from './channel.js';
export {
  createChannel,
  deleteChannelRow,
  ensureDefaultChannels,
  reorderChannels,
  updateChannel,
  type ChangedBy,
} from './commands.js';
export {
  findChannelBySlug,
  getChannelBySlugOrThrow,
  getChannelRefs,
  listChannels,
} from './queries.js';
