// "Mes visites du jour": the installer's page in the trainees' homes. Built like the agents' round
// (../terrain/app.js) from the same modules: every outcome is written on the phone first
// (store.js, the same IndexedDB), the screen is drawn from those entries, and sync.js sends them
// through the same inbox when the network allows. Views: the day's visits (#), a visit
// (#visite/<id>). The day's visits come from the server whenever the phone is online (on load,
// back online, when the page is shown again, every 30 s) and the phone keeps a copy for when not.
import { byId, h, keepClearOf } from "../terrain/dom.js";
import { currentFix, watchPosition } from "../terrain/geo.js";
import * as store from "../terrain/store.js";
import { syncNow } from "../terrain/sync.js";
import { contractSection } from "./contract.js";

const SETUP = JSON.parse(byId("visites-setup").textContent);
const DAY_URL = "/api/v1/terrain/visites";
const DAY_KEY = "visites";
const view = byId("vue");
const top = byId("haut");
const head = byId("entete");
let day = { day: SETUP.today, visits: [] };
let entries = [];

// The outcomes an installer can record, in the order of the buttons. "note" asks for a word,
// "installs" for the device's loan contract when it is not signed yet.
const OUTCOMES = [
  { code: "installed", label: "Installé, internet fonctionne", installs: true },
  { code: "installed_no_internet", label: "Installé, sans internet", installs: true },
  { code: "absent", label: "Personne absente", note: "Un mot pour l'équipe (facultatif)" },
  { code: "rescheduled", label: "Visite à reporter", note: "Pourquoi, ou ce qui est convenu" },
  { code: "refused", label: "La personne refuse l'ordinateur", note: "Ce qu'elle a dit (facultatif)" },
];
const LABEL = new Map(OUTCOMES.map((o) => [o.code, o.label]));
// Outcomes after which nothing more is recorded for the visit (absent: one may come back later).
const FINAL = new Set(["installed", "installed_no_internet", "rescheduled", "refused"]);

const refusedEntry = (e) => e.status === "refused" || e.status === "dependent";
const visitEntries = () => entries.filter((e) => e.kind === "visit_outcome" || e.kind === "sign_contract");
const outcomeOf = (visitId) =>
  entries.filter((e) => e.kind === "visit_outcome" && e.visit_id === visitId && !refusedEntry(e)).at(-1);
const visitOf = (visitId) => day.visits.find((v) => v.id === visitId);

// ---- the status line: what waits to be sent, and what the server refused ----
function renderStatus(outcome) {
  const waiting = entries.filter((e) => e.status === "waiting").length;
  const received = entries.filter((e) => e.status === "received").length;
  const refused = visitEntries().filter(refusedEntry).length;
  const parts = [];
  if (waiting) {
    parts.push(`${waiting} saisie${waiting > 1 ? "s" : ""} en attente d'envoi`);
    if (!navigator.onLine || outcome === "offline") parts.push("pas de réseau : elles restent sur le téléphone et partiront toutes seules");
    if (outcome === "login") parts.push("reconnectez-vous pour les envoyer (rien n'est perdu)");
  } else if (received) {
    parts.push("Reçu par le serveur, en cours d'enregistrement");
  } else {
    parts.push("Tout est envoyé ✓");
  }
  if (refused) parts.push(`${refused} refusé${refused > 1 ? "s" : ""} : voyez la visite`);
  const line = byId("envoi");
  line.textContent = parts.join(" — ");
  line.className = waiting || received || refused ? "sync waiting" : "sync done";
  line.dataset.waiting = waiting;
}

async function refresh(outcome) {
  entries = await store.allEntries();
  renderStatus(outcome);
  route();
}

// Once everything is sent, the day is read again: the server's word on each visit replaces the
// phone's "envoyé".
async function send() {
  const outcome = await syncNow();
  await refresh(outcome);
  if (outcome === "sent") await loadDay();
}

async function loadDay() {
  day = (await store.fetchOrKeep(DAY_URL, DAY_KEY)) || day;
  route();
}

// ---- where a visit stands: this phone's outcome not sent yet first, then the server's word ----
function stateOf(visit) {
  const local = outcomeOf(visit.id);
  const onServer = visit.status !== "booked";
  if (local && (local.status !== "accepted" || !onServer)) {
    const sent = { waiting: "en attente d'envoi", received: "reçu, en cours d'enregistrement", accepted: "envoyé ✓" };
    return `${LABEL.get(local.outcome)} — ${sent[local.status]}`;
  }
  if (!onServer) return "à faire";
  return `${visit.status_label}${visit.outcome_at ? ` (noté à ${visit.outcome_at})` : ""}`;
}

const isDone = (visit) => FINAL.has(outcomeOf(visit.id)?.outcome) || FINAL.has(visit.status);

function deviceText(visit) {
  const device = visit.device;
  if (!device) return "aucun ordinateur attribué : voyez avec l'équipe au bureau";
  return [device.category_label, device.reference].filter(Boolean).join(" ");
}

// Navigation to the home: the GPS app by its coordinates, else by the address; OpenStreetMap too.
function navigation(visit) {
  const hasPoint = visit.latitude != null && visit.longitude != null;
  const point = `${visit.latitude},${visit.longitude}`;
  const address = encodeURIComponent(visit.address);
  const gps = visit.geo_uri || (hasPoint ? `geo:${point}?q=${point}` : `geo:0,0?q=${address}`);
  const map = hasPoint
    ? `https://www.openstreetmap.org/?mlat=${visit.latitude}&mlon=${visit.longitude}#map=17/${visit.latitude}/${visit.longitude}`
    : `https://www.openstreetmap.org/search?query=${address}`;
  return h("p", { class: "actions" },
    h("a", { class: "button secondary", href: gps }, "Itinéraire (GPS)"),
    h("a", { class: "button secondary", href: map, target: "_blank", rel: "noopener" }, "Carte OpenStreetMap"),
  );
}

const phoneLine = (visit) => visit.phone
  ? h("p", {}, "Téléphone : ", h("a", { href: `tel:${visit.phone.replace(/[^+\d]/g, "")}` }, visit.phone))
  : null;

// ---- views ----
function visitCard(visit, index) {
  return h("li", { class: `stop card${isDone(visit) ? " done" : ""}` },
    h("h2", {}, `${index + 1}. ${visit.first_name}`),
    h("p", { class: "muted" }, `Créneau ${visit.window}${visit.planned_at ? `, sur place vers ${visit.planned_at}` : ""} · `,
      h("strong", { class: "visit-state" }, stateOf(visit))),
    h("p", {}, visit.address),
    phoneLine(visit),
    h("p", {}, "À installer : ", deviceText(visit)),
    navigation(visit),
    h("a", { class: "button big", href: `#visite/${visit.id}` }, `Ouvrir la visite de ${visit.first_name}`),
  );
}

function showDay() {
  view.replaceChildren(
    h("h1", {}, "Mes visites du jour"),
    h("p", { class: "muted" }, new Date(`${day.day}T12:00`).toLocaleDateString("fr-FR", { weekday: "long", day: "numeric", month: "long" })),
    day.visits.length
      ? h("ol", { class: "stops" }, day.visits.map(visitCard))
      : h("p", { class: "notice" }, "Aucune visite prévue pour vous aujourd'hui."),
  );
}

const go = (hash) => { location.hash = hash; };

async function record(visit, outcome, fields) {
  const contract = fields.contract ? await store.addEntry("sign_contract", { ...currentFix(), visit_id: visit.id, ...fields.contract }) : null;
  await store.addEntry("visit_outcome", {
    ...currentFix(), visit_id: visit.id, outcome: outcome.code,
    notes: fields.notes || "", proposed_day: fields.proposedDay || null, contract: contract ? contract.id : null,
  });
  await refresh();
  send();
}

// The form that confirms one outcome: a word (and a date to reschedule), or the loan contract.
function outcomeForm(visit, outcome) {
  const message = h("p", { class: "alert", role: "alert", hidden: true });
  const fail = (text) => { message.textContent = text; message.hidden = false; };
  const parts = [h("h2", {}, outcome.label)];
  let contract = null;
  let note = null;
  let date = null;
  if (outcome.installs) {
    parts.push(h("p", {}, "Ordinateur installé : ", deviceText(visit)));
    if (visit.device && !visit.device.contract_signed) {
      contract = contractSection();
      parts.push(contract.element);
    }
  }
  if (outcome.code === "rescheduled") {
    date = h("input", { id: "date-proposee", type: "date", min: SETUP.today });
    parts.push(h("label", { for: "date-proposee" }, "Date proposée par la personne (si elle en propose une)"), date);
  }
  if (outcome.note) {
    note = h("textarea", { id: "note", rows: "3", maxlength: "2000" });
    parts.push(h("label", { for: "note" }, outcome.note), note);
  }
  const confirm = async () => {
    message.hidden = true;
    const notes = note ? note.value.trim() : "";
    if (outcome.installs && !visit.device) return fail("Aucun ordinateur n'est attribué à cette personne : voyez avec l'équipe au bureau.");
    if (outcome.code === "rescheduled" && !notes && !date.value) return fail("Notez la date proposée ou un mot d'explication.");
    const signed = contract ? contract.read() : null;
    if (contract && signed.error) return fail(signed.error);
    await record(visit, outcome, { notes, proposedDay: date?.value, contract: signed });
  };
  parts.push(message, h("button", { type: "button", class: "big", onclick: confirm }, "Enregistrer ce résultat"));
  return h("section", { class: "card", id: "confirmer" }, ...parts);
}

// A refused entry never reached the records: the installer reads why, and removes it from the
// phone to record the visit again (with what depends on it).
function problems(visit) {
  const bad = visitEntries().filter((e) => e.visit_id === visit.id && refusedEntry(e));
  if (!bad.length) return [];
  const forget = async () => {
    for (const e of bad) await store.deleteEntry(e.id);
    await refresh();
  };
  return [h("div", { class: "alert", role: "alert" },
    ...bad.filter((e) => e.status === "refused").map((e) => h("p", {}, `Non enregistré : ${e.reason}`)),
    h("button", { type: "button", class: "small", onclick: forget }, "Retirer du téléphone et noter à nouveau"),
  )];
}

// The visit screen is built once per visit; a refresh redraws its state only, so neither a note
// being typed nor a signature being drawn is wiped by a sync finishing.
let screen = null;

function showVisit(id) {
  const visit = visitOf(id);
  if (!visit) { go(""); return; }
  if (screen?.id !== id) {
    const choose = (outcome) => {
      screen.buttons.forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.code === outcome.code)));
      screen.form.replaceChildren(outcomeForm(visit, outcome));
      screen.form.querySelector("input, textarea, button")?.focus();
    };
    const buttons = OUTCOMES.map((o) => h("button", {
      type: "button", class: `outcome ${o.installs ? "" : "secondary"}`, "aria-pressed": "false", "data-code": o.code, onclick: () => choose(o),
    }, o.label));
    screen = {
      id, buttons, state: h("p", { class: "visit-state", role: "status" }), problems: h("div"),
      choices: h("fieldset", { class: "outcomes" }, h("legend", {}, "Comment s'est passée la visite ?"), buttons),
      form: h("div"),
    };
    head.replaceChildren(h("div", { class: "stop-head" }, h("a", { href: "#" }, "← Mes visites"), h("h1", {}, `Visite chez ${visit.first_name}`)));
    view.replaceChildren(
      h("p", {}, `Créneau ${visit.window} · ${visit.address}`), phoneLine(visit),
      h("p", {}, "À installer : ", deviceText(visit)),
      screen.state, screen.problems, screen.choices, screen.form,
    );
  }
  screen.state.replaceChildren("Résultat : ", h("strong", {}, stateOf(visit)));
  screen.problems.replaceChildren(...problems(visit));
  const done = isDone(visit) || !!outcomeOf(visit.id);
  screen.choices.hidden = done;
  if (done) screen.form.replaceChildren(h("a", { class: "button big secondary", href: "#" }, "Revenir à mes visites"));
}

let drawnHash = null;

function route() {
  const [name, id] = location.hash.slice(1).split("/");
  if (name === "visite" && id) showVisit(Number(id));
  else {
    screen = null;
    head.replaceChildren();
    showDay();
  }
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
  if ("serviceWorker" in navigator) navigator.serviceWorker.register(SETUP.service_worker, { scope: SETUP.scope });
  await store.forgetAcknowledgedBefore(SETUP.today);
  await refresh();
  day = (await store.fetchOrKeep(DAY_URL, DAY_KEY)) || day;
  route();
  document.body.dataset.ready = "1";
  send();
  setInterval(send, 30000);
}

main();
