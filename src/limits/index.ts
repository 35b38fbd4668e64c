export { DbRateStore, forgetRateLimitsOf, pruneRateLimits, RedisRateStore } from './stores.js';
