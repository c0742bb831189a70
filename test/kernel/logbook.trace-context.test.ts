import { describe, expect, it } from 'vitest';
import { formatTraceparent, newSpanId, newTraceId, parseTraceparent } from '../../src/kernel/logbook/index.js';

describe('W3C traceparent', () => {
  it('round-trips the ids it makes', () => {
    const traceId = newTraceId();
    const spanId = newSpanId();
    expect(parseTraceparent(formatTraceparent(traceId, spanId))).toEqual({ traceId, parentSpanId: spanId, sampled: true });
    expect(parseTraceparent(formatTraceparent(traceId, spanId, false))?.sampled).toBe(false);
  });

  it.each([
    ['', 'empty'],
    ['00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331', 'no flags'],
    ['00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01', 'upper case'],
    ['00-00000000000000000000000000000000-b7ad6b7169203331-01', 'all-zero trace id'],
    ['00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01', 'all-zero parent id'],
    ['ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', 'version ff'],
    ['00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01-extra', 'version 00 with a suffix'],
  ])('ignores %j (%s)', (header) => {
    expect(parseTraceparent(header)).toBeUndefined();
  });

  it('accepts a later version with extra fields, reading the parts it knows', () => {
    expect(parseTraceparent('01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00-more')).toEqual({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      parentSpanId: 'b7ad6b7169203331',
      sampled: false,
    });
  });
});
