/**
 * The SET clause that folds a batch's figures (columns of `v`: n, lid, lt, ps, pe, rs, re)
 * into a Datastream's maintained count, latest pointer and time extents. Both dialects
 * use it: SQLite per Datastream, PostgreSQL for all of a batch's Datastreams at once.
 */
export const STATS_ASSIGNMENTS = [
  'observation_count = observation_count + v.n',
  'latest_observation_id = CASE WHEN latest_phenomenon_time IS NULL OR latest_phenomenon_time <= v.lt THEN v.lid ELSE latest_observation_id END',
  'latest_phenomenon_time = CASE WHEN latest_phenomenon_time IS NULL OR latest_phenomenon_time <= v.lt THEN v.lt ELSE latest_phenomenon_time END',
  'phenomenon_time_start = CASE WHEN phenomenon_time_start IS NULL OR phenomenon_time_start > v.ps THEN v.ps ELSE phenomenon_time_start END',
  'phenomenon_time_end = CASE WHEN phenomenon_time_end IS NULL OR phenomenon_time_end < v.pe THEN v.pe ELSE phenomenon_time_end END',
  'result_time_start = CASE WHEN v.rs IS NULL THEN result_time_start WHEN result_time_start IS NULL OR result_time_start > v.rs THEN v.rs ELSE result_time_start END',
  'result_time_end = CASE WHEN v.re IS NULL THEN result_time_end WHEN result_time_end IS NULL OR result_time_end < v.re THEN v.re ELSE result_time_end END',
].join(', ');
