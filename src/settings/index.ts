export { updateSiteSettings } from './commands.js';
export { getOrCreateServerSecret, getSiteSettings } from './queries.js';
export { DEFAULT_SITE_SETTINGS, SiteSettingsSchema, type SiteSettings } from './settings.js';
