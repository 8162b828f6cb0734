/** Parses `lat,lng` (already shape-checked by the contract); undefined when out of range. */
export function parseLatLng(s: string): { lat: number; lng: number } | undefined {
  const [lat, lng] = s.split(',').map(Number) as [number, number];
  return Math.abs(lat) <= 90 && Math.abs(lng) <= 180 ? { lat, lng } : undefined;
}
