// Sending waiting entries to the server in batches, in the order they were made, one batch at a
// time. An entry leaves the "waiting" state only when the server answered for it.
import { applyResults, waitingEntries } from "./store.js";

const BATCH = 50;
// Fields kept for the phone only: its bookkeeping, and "_"-prefixed display helpers.
const LOCAL_FIELDS = new Set(["seq", "status", "reason", "recordId"]);
let running = null;

function csrfToken() {
  const found = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return found ? decodeURIComponent(found[1]) : "";
}

const toWire = (entry) =>
  Object.fromEntries(Object.entries(entry).filter(([key]) => !LOCAL_FIELDS.has(key) && !key.startsWith("_")));

// Returns "sent", "offline", "login" (the session expired) or "error"; never throws.
async function sendAll() {
  for (;;) {
    const batch = await waitingEntries(BATCH);
    if (batch.length === 0) return "sent";
    let response;
    try {
      response = await fetch("/api/v1/sync", {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json", "x-csrftoken": csrfToken() },
        body: JSON.stringify({ entries: batch.map(toWire) }),
      });
    } catch {
      return "offline";
    }
    if (response.status === 401 || response.status === 403) return "login";
    if (!response.ok) return "error";
    await applyResults((await response.json()).results);
  }
}

// One sync at a time: a second call while one runs waits for the same outcome.
export function syncNow() {
  running ??= sendAll().finally(() => { running = null; });
  return running;
}
