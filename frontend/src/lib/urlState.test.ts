import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, parseView, serializeView } from './urlState';
import type { ViewState } from './view';

const view: ViewState = {
  city: 'DEL',
  metric: 'lost_units',
  window: '24h',
  level: 'h3',
  res: 9,
  camera: { lat: 28.613939, lng: 77.209023, zoom: 12 },
  time: '2026-06-04T08:05:00.000Z',
  sku: null,
  category: 'Dairy & Eggs',
  serviceAreas: false,
  unserved: true,
};

describe('parseView', () => {
  it('gives the defaults for an empty query string', () => {
    expect(parseView('')).toEqual(DEFAULT_VIEW);
    expect(DEFAULT_VIEW).toEqual({
      city: 'BLR',
      metric: 'units',
      window: '1h',
      level: 'pincode',
      res: 8,
      camera: null,
      time: null,
      sku: null,
      category: null,
      serviceAreas: true,
      unserved: false,
    });
  });

  it('reads every field of a valid query string', () => {
    expect(parseView('?city=BOM&lat=19.076&lng=72.8777&zoom=13&metric=anomaly&window=7d&level=h3&res=7')).toEqual({
      city: 'BOM',
      metric: 'anomaly',
      window: '7d',
      level: 'h3',
      res: 7,
      camera: { lat: 19.076, lng: 72.8777, zoom: 13 },
      time: null,
      sku: null,
      category: null,
      serviceAreas: true,
      unserved: false,
    });
  });

  it('accepts a lower-case city code', () => {
    expect(parseView('?city=del').city).toBe('DEL');
  });

  it('falls back to the default for each bad value alone', () => {
    const parsed = parseView('?city=XYZ&metric=profit&window=2h&level=zip&res=10&lat=12.9&lng=77.6&zoom=11');
    expect(parsed).toEqual({ ...DEFAULT_VIEW, camera: { lat: 12.9, lng: 77.6, zoom: 11 } });
  });

  it('drops the camera unless lat, lng and zoom are all valid', () => {
    expect(parseView('?lat=12.9&lng=77.6').camera).toBeNull();
    expect(parseView('?lat=abc&lng=77.6&zoom=11').camera).toBeNull();
    expect(parseView('?lat=95&lng=77.6&zoom=11').camera).toBeNull();
    expect(parseView('?lat=12.9&lng=-181&zoom=11').camera).toBeNull();
    expect(parseView('?lat=12.9&lng=77.6&zoom=30').camera).toBeNull();
    expect(parseView('?lat=&lng=77.6&zoom=11').camera).toBeNull();
  });

  it('reads the playback time and normalises it to UTC', () => {
    expect(parseView('?t=2026-06-04T13:35:00%2B05:30').time).toBe('2026-06-04T08:05:00.000Z');
    expect(parseView('?t=2026-06-04T08:05:00Z').time).toBe('2026-06-04T08:05:00.000Z');
  });

  it('is live without a t or with a bad one', () => {
    expect(parseView('?city=BLR').time).toBeNull();
    expect(parseView('?t=').time).toBeNull();
    expect(parseView('?t=yesterday').time).toBeNull();
  });

  it('rounds a zoom to the map\'s half steps', () => {
    expect(parseView('?lat=0&lng=0&zoom=11.6').camera).toEqual({ lat: 0, lng: 0, zoom: 11.5 });
    expect(parseView('?lat=0&lng=0&zoom=11.8').camera).toEqual({ lat: 0, lng: 0, zoom: 12 });
  });

  it('reads the SKU and category filters, trimmed; blank or over-long ones are no filter', () => {
    expect(parseView('?sku=%20DAI-0001%20&category=Dairy%20%26%20Eggs')).toMatchObject({
      sku: 'DAI-0001',
      category: 'Dairy & Eggs',
    });
    expect(parseView('?sku=&category=%20')).toMatchObject({ sku: null, category: null });
    expect(parseView(`?sku=${'X'.repeat(41)}`).sku).toBeNull();
  });

  it('shows service areas unless service=0, and unserved demand only with unserved=1', () => {
    expect(parseView('?service=0&unserved=1')).toMatchObject({ serviceAreas: false, unserved: true });
    expect(parseView('?service=no&unserved=yes')).toMatchObject({ serviceAreas: true, unserved: false });
  });
});

describe('serializeView', () => {
  it('writes every field in a fixed order, coordinates to 5 decimals', () => {
    expect(serializeView(view)).toBe(
      '?city=DEL&lat=28.61394&lng=77.20902&zoom=12&metric=lost_units&window=24h&level=h3&res=9&category=Dairy+%26+Eggs&service=0&unserved=1&t=2026-06-04T08%3A05%3A00.000Z',
    );
  });

  it('leaves the camera out when the map is to fit the city', () => {
    expect(serializeView(DEFAULT_VIEW)).toBe('?city=BLR&metric=units&window=1h&level=pincode&res=8');
  });

  it('drops t when live', () => {
    const search = serializeView({ ...view, time: null }, '?t=2026-06-04T08:05:00.000Z');
    expect(new URLSearchParams(search).has('t')).toBe(false);
  });

  it('keeps parameters that are not the view’s and replaces stale ones', () => {
    expect(serializeView(DEFAULT_VIEW, '?debug=1&city=BOM&lat=1&lng=2&zoom=3')).toBe(
      '?debug=1&city=BLR&metric=units&window=1h&level=pincode&res=8',
    );
  });

  it('round-trips through parseView', () => {
    expect(parseView(serializeView(view))).toEqual({ ...view, camera: { lat: 28.61394, lng: 77.20902, zoom: 12 } });
  });
});
