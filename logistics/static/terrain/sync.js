// Sending waiting entries to the server in batches, in the order they were made, one batch at a
// time. The server stores a batch and answers "received" at once, then applies it a moment
// later: the phone asks for each entry's answer (accepted, or refused with its reason) by the
// batch's number. An entry leaves the phone's queue only with the server's final answer.
import { answerBatch, receivedBatches, resendBatch, waitingEntries } from "./store.js";

const BATCH = 50;
// Fields kept for the phone only: its bookkeeping, and "_"-prefixed display helpers.
const LOCAL_FIELDS = new Set(["seq", "status", "reason", "recordId", "batch"]);
// Pauses before asking again about received batches: about six seconds in all, after which the
// next sync (every 30 s, or the next entry) asks again.
const PAUSES = [150, 300, 600, 1200, 1600, 2400];
let running = null;

function csrfToken() {
  const found = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return found ? decodeURIComponent(found[1]) : "";
}

const toWire = (entry) =>
  Object.fromEntries(Object.entries(entry).filter(([key]) => !LOCAL_FIELDS.has(key) && !key.startsWith("_")));

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// fetch, with the outcomes the status line knows: a Response, or "offline", "login", "error".
async function call(url, options = {}) {
  let response;
  try {
    response = await fetch(url, { credentials: "same-origin", ...options });
  } catch {
    return "offline";
  }
  if (response.status === 401 || response.status === 403) return "login";
  if (response.status === 404) return response;
  return response.ok ? response : "error";
}

async function sendWaiting() {
  for (;;) {
    const batch = await waitingEntries(BATCH);
    if (batch.length === 0) return "sent";
    const response = await call("/api/v1/sync", {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrftoken": csrfToken() },
      body: JSON.stringify({ entries: batch.map(toWire) }),
    });
    if (typeof response === "string") return response;
    if (!response.ok) return "error";
    await answerBatch(await response.json());
  }
}

// Ask about received batches; "asked", or what stopped it.
async function askAbout(batches) {
  for (const batch of batches) {
    const response = await call(`/api/v1/sync/${batch}`);
    if (typeof response === "string") return response;
    // Unknown to the server (another account's batch): its entries go again.
    if (response.status === 404) await resendBatch(batch);
    else await answerBatch(await response.json());
  }
  return "sent";
}

// Returns "sent", "received" (the server has them, answers to come), "offline", "login" (the
// session expired) or "error"; never throws. Entries made meanwhile are sent on the way.
async function syncAll() {
  let outcome = await sendWaiting();
  for (const ms of PAUSES) {
    if (outcome !== "sent" || (await receivedBatches()).length === 0) return outcome;
    await pause(ms);
    outcome = await askAbout(await receivedBatches());
    if (outcome === "sent") outcome = await sendWaiting();
  }
  return outcome === "sent" && (await receivedBatches()).length ? "received" : outcome;
}

// One sync at a time. A call while one runs gets its outcome and makes it run once more, for
// the entries made after it looked.
let again = false;
export function syncNow() {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    let outcome;
    do {
      again = false;
      outcome = await syncAll();
    } while (again && (outcome === "sent" || outcome === "received"));
    return outcome;
  })().finally(() => { running = null; });
  return running;
}
