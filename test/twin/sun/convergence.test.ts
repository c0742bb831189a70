import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { rdMeridianConvergence } from '../../../src/twin/sun/rd-convergence.js';
import { sunTrack } from '../../../src/twin/sun/sun-track.js';

// RD New parameters (EPSG:28992) without the datum shift: the angle does not depend on it.
const RD = '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 +ellps=bessel +units=m +no_defs';
const BESSEL = '+proj=longlat +ellps=bessel +no_defs';

describe('RD New meridian convergence', () => {
  it('matches the grid bearing of true north from proj4 to < 0.001 deg across the Netherlands', () => {
    for (let lat = 50.7; lat <= 53.6; lat += 0.3) {
      for (let lon = 3.3; lon <= 7.3; lon += 0.4) {
        const a = proj4(BESSEL, RD, [lon, lat]);
        const b = proj4(BESSEL, RD, [lon, lat + 1e-5]);
        const trueNorthGridBearing = (Math.atan2(b[0]! - a[0]!, b[1]! - a[1]!) * 180) / Math.PI;
        expect(Math.abs(rdMeridianConvergence(lat, lon) + trueNorthGridBearing)).toBeLessThan(1e-3);
      }
    }
  });

  it('is zero at Amersfoort, positive to the east, and rotates the sun direction', () => {
    expect(Math.abs(rdMeridianConvergence(52.15616055555555, 5.38763888888889))).toBeLessThan(1e-9);
    const enschede = rdMeridianConvergence(52.22, 6.89);
    expect(enschede).toBeGreaterThan(1);
    const day = { year: 2025, month: 6, day: 21 };
    const steps = sunTrack({ latitude: 52.22, longitude: 6.89 }, day, { stepMinutes: 60 });
    for (const s of steps) {
      expect(s.gridAzimuth).toBeCloseTo(s.azimuth - enschede, 9);
      expect((Math.atan2(s.dx, s.dy) * 180) / Math.PI).toBeCloseTo(((s.gridAzimuth + 540) % 360) - 180, 9);
    }
  });
});
