import { describe, expect, it } from 'vitest';
import { parseOccupancyCsv, type OccupancyRow } from '../../../src/live/demo/data.js';
import { buildReplayPlan, loopPeriod, resumePoint, runReplay, type ReplayStep } from '../../../src/live/demo/replay.js';

const CSV = `timestamp,facility_uuid,vacant_spaces,capacity,open,full
2026-03-06T13:00:00+00:00,aaa,15,201,True,False
2026-03-06T13:00:00+00:00,bbb,0,50,True,True
2026-03-06T13:00:00+00:00,zzz,1,2,True,False
2026-03-06T14:00:00+00:00,aaa,12,201,False,False
`;

const T13 = Date.parse('2026-03-06T13:00:00Z');
const T14 = T13 + 3_600_000;
const streams = new Map([
  ['aaa', new Map([['vacant', 1], ['capacity', 2], ['open', 3], ['full', 4]])],
  ['bbb', new Map([['vacant', 5], ['capacity', 6], ['open', 7], ['full', 8]])],
]);

describe('occupancy CSV', () => {
  it('reads the rows with times, numbers and booleans', () => {
    const rows = parseOccupancyCsv(CSV);
    expect(rows[1]).toEqual({ time: T13, uuid: 'bbb', vacant: 0, capacity: 50, open: true, full: true });
    expect(rows[3]).toMatchObject({ time: T14, open: false });
  });
  it('refuses a file with another header or a bad value, naming the line', () => {
    expect(() => parseOccupancyCsv('a,b\n')).toThrow(/not an occupancy CSV/);
    expect(() => parseOccupancyCsv(CSV.replace('15,201', 'x,201'))).toThrow(/line 2: vacant_spaces/);
    expect(() => parseOccupancyCsv(CSV.replace('False\n2026-03-06T14', 'Nee\n2026-03-06T14'))).toThrow(/line 4: full/);
  });
});

describe('the replay plan', () => {
  const rows = parseOccupancyCsv(CSV);

  it('makes four publishes per known row, to the right Datastream topics, with the row time', () => {
    const plan = buildReplayPlan(rows, streams);
    expect(plan.unknownRows).toBe(1);
    expect(plan.steps).toHaveLength(12);
    const aaa = plan.steps.filter((s) => s.at === T13 && /Datastreams\([1-4]\)/.test(s.topic));
    expect(aaa.map((s) => [s.topic, JSON.parse(s.payload)])).toEqual([
      ['v1.1/Datastreams(1)/Observations', { phenomenonTime: '2026-03-06T13:00:00.000Z', result: 15 }],
      ['v1.1/Datastreams(2)/Observations', { phenomenonTime: '2026-03-06T13:00:00.000Z', result: 201 }],
      ['v1.1/Datastreams(3)/Observations', { phenomenonTime: '2026-03-06T13:00:00.000Z', result: true }],
      ['v1.1/Datastreams(4)/Observations', { phenomenonTime: '2026-03-06T13:00:00.000Z', result: false }],
    ]);
    expect(JSON.parse(plan.steps.find((s) => s.topic.includes('(8)'))!.payload).result).toBe(true);
  });

  it('starts at --from, adds the loop shift and the ingest prefix', () => {
    const plan = buildReplayPlan(rows, streams, { from: T14, shift: 10 * 3_600_000, prefix: 'ingest/' });
    expect(plan.steps).toHaveLength(4);
    expect(plan.steps[0]!.topic).toBe('ingest/v1.1/Datastreams(1)/Observations');
    expect(JSON.parse(plan.steps[2]!.payload)).toEqual({ phenomenonTime: '2026-03-07T00:00:00.000Z', result: false });
  });

  it('resumes after what is stored, looping with times that keep rising', () => {
    const period = loopPeriod(rows);
    expect(period).toBe(2 * 3_600_000);
    expect(resumePoint(rows, undefined)).toEqual({ shift: 0, from: T13 });
    expect(resumePoint(rows, T13)).toEqual({ shift: 0, from: T14 });
    // The last hour is stored: the next loop, moved on by one period, starts at its first row.
    expect(resumePoint(rows, T14)).toEqual({ shift: period, from: T13 });
    expect(resumePoint(rows, T13 + period)).toEqual({ shift: period, from: T14 });
  });
});

describe('running a replay', () => {
  const step = (at: number, n: number): ReplayStep => ({ at, topic: `t${n}`, payload: '{}' });

  it('publishes each time group after (data time elapsed) / speed, and reports progress', async () => {
    let clock = 1000;
    const waits: number[] = [];
    const sent: Array<[string, number]> = [];
    const progress: number[] = [];
    const done = await runReplay([step(0, 1), step(0, 2), step(3_600_000, 3), step(7_200_000, 4)], {
      speed: 3600,
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
      publish: async (s) => void sent.push([s.topic, clock]),
      onProgress: (n) => progress.push(n),
    });
    expect(done).toBe(4);
    expect(waits).toEqual([1000, 1000]);
    expect(sent).toEqual([['t1', 1000], ['t2', 1000], ['t3', 2000], ['t4', 3000]]);
    expect(progress).toEqual([2, 3, 4]);
  });

  it('stops when aborted and refuses a speed that is not positive', async () => {
    const controller = new AbortController();
    const sent: string[] = [];
    const done = await runReplay([step(0, 1), step(3_600_000, 2)], {
      speed: 3600,
      signal: controller.signal,
      publish: async (s) => {
        sent.push(s.topic);
        controller.abort();
      },
    });
    expect([done, sent]).toEqual([1, ['t1']]);
    await expect(runReplay([], { speed: 0, publish: async () => undefined })).rejects.toThrow(/speed/);
  });
});

describe('replaying the real file', () => {
  it('plans four publishes for every row of the 13 facilities', async () => {
    const { readFileSync } = await import('node:fs');
    const { OCCUPANCY_FILE, FACILITIES_FILE, parseFacilities } = await import('../../../src/live/demo/data.js');
    const rows: OccupancyRow[] = parseOccupancyCsv(readFileSync(OCCUPANCY_FILE, 'utf8'));
    expect(rows).toHaveLength(26_235);
    const facilities = parseFacilities(readFileSync(FACILITIES_FILE, 'utf8'));
    const ids = new Map(facilities.map((f, i) => [f.uuid, new Map([['vacant', 4 * i + 1], ['capacity', 4 * i + 2], ['open', 4 * i + 3], ['full', 4 * i + 4]])]));
    const plan = buildReplayPlan(rows, ids);
    expect(plan.unknownRows).toBe(0);
    expect(plan.steps).toHaveLength(4 * 26_235);
    expect(plan.steps.every((s, i) => i === 0 || s.at >= plan.steps[i - 1]!.at)).toBe(true);
  });
});
