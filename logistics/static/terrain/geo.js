// The phone's last GPS fix, attached to each entry so the chain of custody says where it was
// logged. Satellites need no network, so this works in a basement's car park too; without a fix
// (refused, indoors, no GPS) entries simply go without one.
const FRESH_MS = 5 * 60 * 1000;
let fix = null;

export function watchPosition() {
  if (!("geolocation" in navigator)) return;
  navigator.geolocation.watchPosition(
    (position) => {
      fix = { latitude: position.coords.latitude, longitude: position.coords.longitude, at: Date.now() };
    },
    () => {},
    { enableHighAccuracy: true, maximumAge: 60000, timeout: 30000 },
  );
}

export function currentFix() {
  if (!fix || Date.now() - fix.at > FRESH_MS) return {};
  return { latitude: fix.latitude, longitude: fix.longitude };
}
