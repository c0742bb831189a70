import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/kernel/errors.js';
import { parseFilter } from '../../src/live/sta/query/filter-parser.js';
import { parseOptions, parseQueryString } from '../../src/live/sta/query/options.js';

describe('$filter parser', () => {
  it('follows OData precedence: or < and < not < comparison < add < mul', () => {
    const e = parseFilter('a eq 1 or b eq 2 and not c add 1 mul 2 gt 3');
    expect(e).toMatchObject({
      k: 'bin',
      op: 'or',
      left: { op: 'eq' },
      right: {
        op: 'and',
        right: { k: 'not', expr: { op: 'gt', left: { op: 'add', right: { op: 'mul' } } } },
      },
    });
  });

  it('parses literals: strings with quotes, numbers, datetimes, dates, geography', () => {
    expect(parseFilter("name eq 'it''s'")).toMatchObject({ right: { type: 'string', value: "it's" } });
    expect(parseFilter('result gt -1.5e2')).toMatchObject({ right: { type: 'number', value: -150, integer: false } });
    expect(parseFilter('phenomenonTime gt 2026-01-02T03:04:05.678+01:00')).toMatchObject({ right: { type: 'datetime', value: Date.UTC(2026, 0, 2, 2, 4, 5, 678) } });
    expect(parseFilter('date(phenomenonTime) eq 2026-03-16')).toMatchObject({ right: { type: 'date', value: '2026-03-16' } });
    const geo = parseFilter("geo.intersects(location, geography'POLYGON((0 0, 1 0, 1 1, 0 0))')");
    expect(geo).toMatchObject({ k: 'call', name: 'geo.intersects', args: [{ k: 'path', segments: ['location'] }, { type: 'geo' }] });
    expect(JSON.parse((geo as { args: { geojson: string }[] }).args[1]!.geojson)).toEqual({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] });
  });

  it('reads navigation and JSON paths as one path', () => {
    expect(parseFilter("Datastream/Thing/properties/ward eq 'Noord'")).toMatchObject({ left: { k: 'path', segments: ['Datastream', 'Thing', 'properties', 'ward'] } });
  });

  it.each([
    ['name eq', 'ends too early'],
    ["name eq 'open", 'unterminated string'],
    ['foo(1)', "unknown function 'foo'"],
    ['substring(name)', 'takes 2 to 3 argument'],
    ['result gt 2026-02-30T00:00:00Z', 'not a valid date-time'],
    ["geo.intersects(location, geography'POLYGON((0 0, 1 1))')", 'invalid WKT'],
    ['(a eq 1', "expected ')'"],
    ['a eq 1)', 'unexpected text'],
  ])('refuses %s with a 400 naming $filter', (text, reason) => {
    try {
      parseFilter(text);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).status).toBe(400);
      expect((e as AppError).detail).toContain(reason);
      expect((e as AppError).invalidParams[0]!.name).toBe('$filter');
    }
  });

  it('answers 501 for OData features outside SensorThings', () => {
    for (const text of ["cast(result, 'Edm.String') eq '1'", "result has 'x'", "duration'P1D' eq 1"]) {
      expect(() => parseFilter(text)).toThrow(expect.objectContaining({ status: 501 }));
    }
  });

  it('refuses very deep nesting instead of overflowing the stack', () => {
    expect(() => parseFilter('('.repeat(5000) + 'a eq 1' + ')'.repeat(5000))).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => parseFilter('not '.repeat(5000) + 'a eq 1')).toThrow(expect.objectContaining({ status: 400 }));
  });
});

describe('query options', () => {
  it('parses nested $expand with its own options, and A/B paths', () => {
    const o = parseQueryString('?$expand=Datastreams($select=name;$expand=Observations($top=3;$orderby=phenomenonTime desc)),Locations&$top=5&$count=true');
    expect(o.top).toBe(5);
    expect(o.count).toBe(true);
    expect(o.expand).toHaveLength(2);
    const ds = o.expand![0]!;
    expect(ds.nav).toBe('Datastreams');
    expect(ds.options.select).toEqual(['name']);
    expect(ds.options.expand![0]).toMatchObject({ nav: 'Observations', options: { top: 3, orderby: [{ desc: true }] } });
    const path = parseQueryString('$expand=Datastreams/Observations($top=1)');
    expect(path.expand![0]).toMatchObject({ nav: 'Datastreams', options: { expand: [{ nav: 'Observations', options: { top: 1 } }] } });
  });

  it('keeps semicolons and commas inside quoted strings', () => {
    const o = parseQueryString(`$expand=${encodeURIComponent("Datastreams($filter=name eq 'a;b,c')")}`);
    expect(o.expand![0]!.options.filter).toMatchObject({ right: { value: 'a;b,c' } });
  });

  it.each([
    ['$top=-1', '$top'],
    ['$skip=x', '$skip'],
    ['$count=yes', '$count'],
    ['$resultFormat=csv', '$resultFormat'],
    ['$expand=Datastreams($top=1', '$expand'],
    ['$bogus=1', '$bogus'],
    ['$select=na-me', '$select'],
  ])('refuses %s naming %s', (query, name) => {
    expect(() => parseQueryString(query)).toThrow(expect.objectContaining({ status: 400, invalidParams: [expect.objectContaining({ name })] }));
  });

  it('ignores parameters without $', () => {
    expect(parseOptions([['foo', 'bar']])).toEqual({ raw: {} });
  });
});

describe('parser fuzzing', () => {
  const isOurs = (e: unknown) => e instanceof AppError && (e.status === 400 || e.status === 501);
  const alphabet = fc.constantFrom(
    ...'abcdefghijklmnopqrstuvwxyz ()\',/-.:0123456789TZ$;=+'.split(''),
    ' eq ', ' and ', ' or ', 'not ', ' add ', ' mul ', 'geography\'', 'POINT(', 'substringof(', 'year(', '2026-01-01T00:00:00Z', "'x'", 'Datastream/', '(', ')',
  );

  it('never crashes on random $filter text: it parses or throws our typed 400/501', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.array(alphabet, { maxLength: 40 }).map((a) => a.join(''))), (text) => {
        try {
          parseFilter(text);
        } catch (e) {
          if (!isOurs(e)) throw e;
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('never crashes on random query strings', () => {
    const name = fc.constantFrom('$filter', '$expand', '$select', '$orderby', '$top', '$skip', '$count', '$resultFormat', 'x');
    fc.assert(
      fc.property(fc.array(fc.tuple(name, fc.oneof(fc.string({ maxLength: 40 }), fc.array(alphabet, { maxLength: 20 }).map((a) => a.join('')))), { maxLength: 4 }), (pairs) => {
        try {
          parseOptions(pairs);
        } catch (e) {
          if (!isOurs(e)) throw e;
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('time parsing', () => {
  it('reads instants strictly, with and without the fast path', async () => {
    const { parseInstant } = await import('../../src/live/sta/time.js');
    expect(parseInstant('2026-03-15T12:30:15Z')).toBe(Date.UTC(2026, 2, 15, 12, 30, 15));
    expect(parseInstant('2026-03-15T12:30:15.250Z')).toBe(Date.UTC(2026, 2, 15, 12, 30, 15, 250));
    expect(parseInstant('2026-03-15T12:30:15.25Z')).toBe(Date.UTC(2026, 2, 15, 12, 30, 15, 250));
    expect(parseInstant('2026-03-15T13:30:15+01:00')).toBe(Date.UTC(2026, 2, 15, 12, 30, 15));
    expect(parseInstant('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
    for (const bad of ['2026-02-29T00:00:00Z', '2026-02-30T00:00:00.000Z', '2026-13-01T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T00:60:00Z', '2026-01-01T00:00:00', '2026-01-0xT00:00:00Z', '2026-01-01 00:00:00Z']) {
      expect(parseInstant(bad), bad).toBeNull();
    }
  });
});
