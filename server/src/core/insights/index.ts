export { insightLetters } from './facts';
export type { InsightItem, InsightLetter } from './facts';
export { computeStats, distinctLetters, DAY_RANGES, STATS_TABLES } from './stats';
export type { Stats, StatsRow, StatsOptions, StatsItemRef, DaysSummary } from './stats';
