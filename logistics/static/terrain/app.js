// "Ma tournée du jour": the agent's whole interface in the field. Every action writes an entry
// on the phone first (store.js), the screen is drawn from those entries, and sync.js sends them
// when the network allows. Views: the day's stops (#), a stop step by step (#arret/<stop>, then
// #collecte/<id>/<step>: see stop.js), the depot (#depot).
// The day's round comes from the server whenever the phone is online (on load, back online, when
// the page is shown again, every 30 s): it says which stops the crew's other phones have done.
import { byId, h, keepClearOf } from "./dom.js";
import { currentFix, watchPosition } from "./geo.js";
import { stopSteps } from "./stop.js";
import * as store from "./store.js";
import { syncNow } from "./sync.js";

const SETUP = JSON.parse(byId("terrain-setup").textContent);
const CATEGORIES = new Map(SETUP.categories.map((c) => [c.code, c]));
const view = byId("vue");
const top = byId("haut");
const stopHead = byId("arret");
let day = { day: SETUP.today, rounds: [] };
let dayKnown = false; // the round is on screen once read from the network or the phone's copy
let donors = [];
let entries = [];

// ---- data: what this phone logged, stop by stop ----
function collections() {
  const found = new Map();
  const removed = new Set(entries.filter((e) => e.kind === "remove_item").map((e) => e.item));
  for (const e of entries) {
    if (e.kind === "open_collection") found.set(e.id, { open: e, items: [], close: null });
  }
  for (const e of entries) {
    const c = found.get(e.collection);
    if (!c) continue;
    if (e.kind === "add_item" && !removed.has(e.id)) c.items.push(e);
    if (e.kind === "close_collection" && e.status !== "refused") c.close = e;
  }
  return found;
}

const collectionOfStop = (stopId) =>
  [...collections().values()].find((c) => c.open._stop === stopId);

const refusedEntry = (e) => e.status === "refused" || e.status === "dependent";

// ---- the status line: how many entries wait, and when all are sent ----
// A line refused after its collection was signed can no longer be fixed: it is shown on the stop
// as not recorded, and no longer counted as waiting for a fix.
function renderStatus(outcome) {
  const signed = new Set([...collections().values()].filter((c) => c.close).map((c) => c.open.id));
  const waiting = entries.filter((e) => e.status === "waiting").length;
  const received = entries.filter((e) => e.status === "received").length;
  const refused = entries.filter((e) => refusedEntry(e) && !signed.has(e.collection)).length;
  const line = byId("envoi");
  const parts = [];
  const s = (count) => (count > 1 ? "s" : "");
  if (waiting) {
    parts.push(`${waiting} saisie${s(waiting)} en attente d'envoi`);
    if (!navigator.onLine || outcome === "offline") parts.push("pas de réseau : elles restent sur le téléphone et partiront toutes seules");
    if (outcome === "login") parts.push("reconnectez-vous pour les envoyer (rien n'est perdu)");
  } else if (received) {
    parts.push(`${received} saisie${s(received)} bien arrivée${s(received)}, en cours d'enregistrement`);
  } else {
    parts.push("Tout est envoyé ✓");
  }
  if (refused) parts.push(`${refused} saisie${s(refused)} refusée${s(refused)} à corriger`);
  line.textContent = parts.join(" — ");
  line.className = waiting || received || refused ? "sync waiting" : "sync done";
  line.dataset.waiting = waiting;
}

async function refresh(outcome) {
  entries = await store.allEntries();
  renderStatus(outcome);
  route();
}

async function send() {
  const outcome = await syncNow();
  await refresh(outcome);
}

async function loadDay() {
  day = (await store.fetchOrKeep("/api/v1/terrain/jour", "jour")) || day;
  dayKnown = true;
  route();
}

async function write(kind, fields) {
  const entry = await store.addEntry(kind, { ...currentFix(), ...fields });
  await refresh();
  send();
  return entry;
}

// ---- views ----
const stopOf = (stopId) => day.rounds.flatMap((r) => r.stops).find((s) => s.id === stopId);
const doneOnServer = (stop) => stop?.progress?.state === "done";
// "par Karim Benali à 10:42": who and when, as the server knows it (either may be missing).
const byWhom = (progress) => [progress.by && `par ${progress.by}`, progress.at && `à ${progress.at}`].filter(Boolean).join(" ");

// What the crew knows of a stop: the server's word first (a teammate's phone may have signed
// it), then this phone's own entries not sent yet.
function stopState(stop, c) {
  const progress = stop.progress || { state: "todo" };
  if (progress.state === "done") return `Fait ${byWhom(progress)}`.trim();
  if (c) return c.close ? "Terminé" : "En cours";
  if (progress.state === "started") return `Commencé ${byWhom(progress)}`.trim();
  return "À faire";
}

// Numbered among the pickups only: the round sheet's lunch and unloading lines are not stops.
// A stop done by a teammate has no button: the server could only refuse starting it again.
function stopCard(stop, index) {
  const c = collectionOfStop(stop.id);
  const open = () => { location.hash = `#arret/${stop.id}`; };
  return h("li", { class: `stop card${doneOnServer(stop) ? " done" : ""}` },
    h("h2", {}, `${index + 1}. ${stop.donor_name}`),
    h("p", { class: "muted" }, `Arrivée prévue ${stop.arrival || "—"} · `, h("strong", { class: "stop-state" }, stopState(stop, c))),
    h("p", {}, stop.address),
    c || !doneOnServer(stop) ? h("button", { type: "button", class: "big", onclick: open, "aria-label": `Ouvrir l'arrêt chez ${stop.donor_name}` }, "Ouvrir l'arrêt") : null,
  );
}

function roundCard(round) {
  const crew = round.crew.length ? ` · Équipage : ${round.crew.join(", ")}` : "";
  return [
    h("p", { class: "round-info" }, h("strong", {}, round.vehicle_name), ` · départ ${round.departure}${crew}`),
    h("ol", { class: "stops" }, round.stops.map(stopCard)),
  ];
}

function showRound() {
  const rounds = day.rounds.filter((r) => r.stops.length);
  const depot = [...collections().values()].filter((c) => !c.open._stop);
  view.replaceChildren(
    h("h1", {}, "Ma tournée du jour"),
    h("p", { class: "muted" }, new Date(`${day.day}T12:00`).toLocaleDateString("fr-FR", { weekday: "long", day: "numeric", month: "long" })),
    ...(rounds.length ? rounds.flatMap(roundCard) : [h("p", { class: "notice" }, "Aucune tournée publiée pour vous aujourd'hui.")]),
    h("h2", {}, "Collecte sans tournée"),
    ...depot.map((c) => h("p", {}, h("a", { href: `#collecte/${c.open.id}` }, `${c.open._donor} — ${c.close ? "terminée" : "en cours"}`))),
    h("a", { class: "button big secondary", href: "#depot" }, "Un donateur apporte du matériel au dépôt"),
  );
}

function showDepot() {
  const search = h("input", { id: "donateur-recherche", type: "search", autocomplete: "off" });
  const list = h("ul", { class: "donors" });
  const draw = () => {
    const words = search.value.trim().toLowerCase();
    list.replaceChildren(...donors
      .filter((d) => `${d.name} ${d.city}`.toLowerCase().includes(words)).slice(0, 30)
      .map((d) => h("li", {}, h("button", { type: "button", class: "choice", onclick: () => start({ donor_id: d.id, pickup_request_id: null, _stop: null, _donor: d.name }) }, d.name, h("small", {}, ` ${d.city}`)))));
  };
  search.addEventListener("input", draw);
  draw();
  view.replaceChildren(
    h("p", {}, h("a", { href: "#" }, "← Ma tournée")),
    h("h1", {}, "Collecte sans tournée"),
    h("label", { for: "donateur-recherche" }, "Chercher le donateur"),
    search,
    donors.length ? list : h("p", { class: "notice" }, "La liste des donateurs n'est pas encore sur le téléphone : connectez-vous au réseau une fois."),
  );
}

async function start(fields) {
  const entry = await write("open_collection", fields);
  location.hash = `#collecte/${entry.id}/quoi`;
}

const steps = stopSteps({
  setup: SETUP, categories: CATEGORIES, view, head: stopHead,
  entries: () => entries, collections, collectionOfStop, refusedEntry, stopOf, doneOnServer, byWhom,
  dayKnown: () => dayKnown, write, refresh, send, start,
});

// Each screen opens at its top, not where the previous one was scrolled to.
let drawnHash = null;

function route() {
  const [name, id, step, detail] = location.hash.slice(1).split("/");
  if (name === "collecte" && id) steps.showCollection(id, step, detail, route);
  else if (name === "arret" && id) steps.showStop(Number(id));
  else {
    steps.leave();
    if (name === "depot") {
      if (view.dataset.view !== "depot") showDepot();
    } else {
      showRound();
    }
  }
  view.dataset.view = name || "tournee";
  if (location.hash !== drawnHash) {
    drawnHash = location.hash;
    window.scrollTo(0, 0);
  }
}

async function main() {
  history.scrollRestoration = "manual";
  keepClearOf(top);
  window.addEventListener("hashchange", route);
  window.addEventListener("online", () => { send(); loadDay(); });
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "visible") loadDay(); });
  window.addEventListener("offline", () => renderStatus("offline"));
  watchPosition();
  if ("serviceWorker" in navigator) navigator.serviceWorker.register(SETUP.service_worker, { scope: "/terrain" });
  await store.forgetAcknowledgedBefore(SETUP.today);
  await refresh();
  [day, donors] = await Promise.all([
    store.fetchOrKeep("/api/v1/terrain/jour", "jour").then((d) => d || day),
    store.fetchOrKeep("/api/v1/terrain/donateurs", "donateurs").then((d) => d || []),
  ]);
  dayKnown = true;
  view.dataset.view = ""; // the data has arrived: draw the current view again
  route();
  document.body.dataset.ready = "1";
  send();
  setInterval(() => { send(); loadDay(); }, 30000);
}

main();
