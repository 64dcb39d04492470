// The phone's own record of every entry (IndexedDB): written before anything is sent, kept until
// the server has acknowledged it, so a reload, a closed tab or a restarted phone loses nothing.
const DB_NAME = "terrain";
let opening = null;

function db() {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      const entries = request.result.createObjectStore("entries", { keyPath: "id" });
      entries.createIndex("status", "status");
      request.result.createObjectStore("kv");
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return opening;
}

async function run(storeName, mode, work) {
  const tx = (await db()).transaction(storeName, mode);
  const result = work(tx.objectStore(storeName));
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = tx.onabort = () => reject(tx.error);
  });
  return result instanceof IDBRequest ? result.result : result;
}

let counter = 0;

// A new entry, waiting to be sent; its id is made here and is the server's idempotency key.
export async function addEntry(kind, fields) {
  const entry = {
    id: crypto.randomUUID(), kind, at: new Date().toISOString(),
    seq: Date.now() * 1000 + (counter++ % 1000), status: "waiting", reason: "", ...fields,
  };
  await run("entries", "readwrite", (store) => store.put(entry));
  return entry;
}

export const allEntries = async () =>
  (await run("entries", "readonly", (s) => s.getAll())).sort((a, b) => a.seq - b.seq);

export async function waitingEntries(limit) {
  return (await allEntries()).filter((e) => e.status === "waiting").slice(0, limit);
}

export const deleteEntry = (id) => run("entries", "readwrite", (s) => s.delete(id));

// Apply the server's answer for a batch: "received" entries remember the batch's number, to ask
// about it later; final answers replace it. Entries depending on a refused one wait for its fix.
export async function answerBatch(answer) {
  await run("entries", "readwrite", (store) => {
    for (const result of answer.results) {
      const request = store.get(result.id);
      request.onsuccess = () => {
        const entry = request.result;
        if (!entry) return;
        entry.status = result.status;
        entry.reason = result.reason || "";
        entry.recordId = result.record_id ?? null;
        entry.batch = result.status === "received" ? answer.batch : null;
        store.put(entry);
      };
    }
  });
}

// The numbers of the batches the server has received and not answered for yet.
export async function receivedBatches() {
  const received = (await allEntries()).filter((e) => e.status === "received");
  return [...new Set(received.map((e) => e.batch))];
}

// A batch the server does not know: its entries wait to be sent again.
export async function resendBatch(batch) {
  const entries = (await allEntries()).filter((e) => e.status === "received" && e.batch === batch);
  await run("entries", "readwrite", (store) => entries.forEach((e) => store.put({ ...e, status: "waiting", batch: null })));
}

// Send again an entry (and what depends on it) after the agent fixed the cause of a refusal.
export async function retry(ids) {
  await run("entries", "readwrite", (store) => {
    for (const id of ids) {
      const request = store.get(id);
      request.onsuccess = () => {
        if (request.result) store.put({ ...request.result, status: "waiting", reason: "" });
      };
    }
  });
}

// Acknowledged entries of past days are no longer needed on the phone.
export async function forgetAcknowledgedBefore(day) {
  const old = (await allEntries()).filter((e) => e.status === "accepted" && e.at.slice(0, 10) < day);
  await run("entries", "readwrite", (store) => old.forEach((e) => store.delete(e.id)));
}

export const saveValue = (key, value) => run("kv", "readwrite", (s) => s.put(value, key));
export const loadValue = (key) => run("kv", "readonly", (s) => s.get(key));

// What the server says at ``url`` when the network allows, kept on the phone under ``key``; the
// copy kept last time when it does not (undefined before the first success).
export async function fetchOrKeep(url, key) {
  try {
    const response = await fetch(url, { credentials: "same-origin" });
    if (response.ok) {
      const data = await response.json();
      await saveValue(key, data);
      return data;
    }
  } catch { /* offline: the copy below */ }
  return loadValue(key);
}
