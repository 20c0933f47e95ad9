import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BASEMAP_COLORS, basemapStyle, isBasemapKind, labelShows, parseBasemap } from './basemapStyle';

// Vitest runs in frontend/.
const shipped: unknown = JSON.parse(readFileSync('src/components/map/basemap/india.json', 'utf8'));

describe('basemapStyle', () => {
  it('fills land and lakes without outlines, and strokes boundaries without fill', () => {
    expect(basemapStyle('land', 5)).toMatchObject({ stroke: false, fill: true, fillColor: BASEMAP_COLORS.land });
    expect(basemapStyle('lake', 5)).toMatchObject({ stroke: false, fill: true, fillColor: BASEMAP_COLORS.sea });
    expect(basemapStyle('state', 5)).toMatchObject({ stroke: true, fill: false, color: BASEMAP_COLORS.state });
    expect(basemapStyle('country', 5)).toMatchObject({ stroke: true, fill: false, color: BASEMAP_COLORS.country });
  });

  it('draws country lines stronger than state lines, and both stronger zoomed in', () => {
    for (const zoom of [4, 7, 12]) {
      expect(basemapStyle('country', zoom).weight).toBeGreaterThan(basemapStyle('state', zoom).weight ?? 0);
    }
    expect(basemapStyle('state', 11).weight).toBeGreaterThan(basemapStyle('state', 5).weight ?? 0);
  });

  it('leaves state lines out at the lowest zoom', () => {
    expect(basemapStyle('state', 4).stroke).toBe(false);
    expect(basemapStyle('state', 5).stroke).toBe(true);
    expect(basemapStyle('country', 4).stroke).toBe(true);
  });

  it('keeps boundaries thinner than a served area outline is dark: under 2.5 px', () => {
    for (const zoom of [4, 18]) expect(basemapStyle('country', zoom).weight).toBeLessThan(2.5);
  });
});

describe('parseBasemap', () => {
  it('splits the shipped file into land, lakes, states, countries and place names', () => {
    const data = parseBasemap(shipped);
    expect(data?.shapes.features.map((f) => f.properties.kind)).toEqual(['land', 'lake', 'state', 'country']);
    const names = data?.labels.map((l) => l.name) ?? [];
    expect(names).toEqual(expect.arrayContaining(['Karnataka', 'Maharashtra', 'Bengaluru', 'Delhi', 'Mumbai']));
    for (const label of data?.labels ?? []) expect(label.minzoom).toBeLessThanOrEqual(label.maxzoom);
  });

  it('turns anything else into null, and leaves out what it does not know', () => {
    expect(parseBasemap('<html>proxy error</html>')).toBeNull();
    expect(parseBasemap(null)).toBeNull();
    expect(parseBasemap({ type: 'FeatureCollection', features: [] })).toBeNull();
    const road = { type: 'Feature', properties: { kind: 'road' }, geometry: { type: 'LineString', coordinates: [] } };
    const land = { type: 'Feature', properties: { kind: 'land' }, geometry: { type: 'Polygon', coordinates: [] } };
    const place = (properties: object, coordinates: unknown = [77.59, 12.97]) => ({
      type: 'Feature',
      properties: { kind: 'label', ...properties },
      geometry: { type: 'Point', coordinates },
    });
    const city = { name: 'Bengaluru', label: 'city', minzoom: 5, maxzoom: 10 };
    const data = parseBasemap({
      type: 'FeatureCollection',
      features: [road, land, place(city), place({ ...city, label: 'road' }), place({ ...city, minzoom: '5' }), place(city, [])],
    });
    expect(data?.shapes.features).toEqual([land]);
    expect(data?.labels).toEqual([{ ...city, lat: 12.97, lng: 77.59 }]);
  });

  it('knows its kinds', () => {
    expect(['land', 'lake', 'state', 'country'].every(isBasemapKind)).toBe(true);
    expect(isBasemapKind('area')).toBe(false);
    expect(isBasemapKind(3)).toBe(false);
  });
});

describe('labelShows', () => {
  const state = { name: 'Karnataka', label: 'state', lat: 14.6, lng: 75.7, minzoom: 5, maxzoom: 9 } as const;
  it('shows a label from its minzoom to its maxzoom, both included', () => {
    expect([4, 4.5, 5, 6.5, 9, 9.5, 12].map((zoom) => labelShows(state, zoom))).toEqual([
      false, false, true, true, true, false, false,
    ]);
  });
});
