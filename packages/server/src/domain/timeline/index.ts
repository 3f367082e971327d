export { receivableTimeline } from './load.ts';
export { buildTimeline, type TimelineEntry, type TimelineSources } from './timeline.ts';
