// "Ma tournée du jour": the agent's whole interface in the field. Every action writes an entry
// on the phone first (store.js), the screen is drawn from those entries, and sync.js sends them
// when the network allows. Views: the day's stops (#), a stop (#collecte/<id>), the depot (#depot).
// The day's round comes from the server whenever the phone is online (on load, back online, when
// the page is shown again, every 30 s): it says which stops the crew's other phones have done.
import { byId, h } from "./dom.js";
import { currentFix, watchPosition } from "./geo.js";
import { canScan, scanOnce } from "./scan.js";
import { signaturePad } from "./signature.js";
import * as store from "./store.js";
import { syncNow } from "./sync.js";
import { parseTag } from "./tags.js";

const SETUP = JSON.parse(byId("terrain-setup").textContent);
const CATEGORIES = new Map(SETUP.categories.map((c) => [c.code, c]));
const view = byId("vue");
const top = byId("haut");
const stopHead = byId("arret");
let day = { day: SETUP.today, rounds: [] };
let donors = [];
let entries = [];

// ---- data: the day's round and the donors, from the network or the phone's copy ----
async function fetchOrKeep(url, key) {
  try {
    const response = await fetch(url, { credentials: "same-origin" });
    if (response.ok) {
      const data = await response.json();
      await store.saveValue(key, data);
      return data;
    }
  } catch { /* offline: the copy below */ }
  return store.loadValue(key);
}

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
  if (waiting) {
    parts.push(`${waiting} saisie${waiting > 1 ? "s" : ""} en attente d'envoi`);
    if (!navigator.onLine || outcome === "offline") parts.push("pas de réseau : elles restent sur le téléphone et partiront toutes seules");
    if (outcome === "login") parts.push("reconnectez-vous pour les envoyer (rien n'est perdu)");
  } else if (received) {
    parts.push(`${received} saisie${received > 1 ? "s" : ""} reçue${received > 1 ? "s" : ""} par le serveur, en cours d'enregistrement`);
  } else {
    parts.push("Tout est envoyé ✓");
  }
  if (refused) parts.push(`${refused} refusée${refused > 1 ? "s" : ""} à corriger`);
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
  day = (await fetchOrKeep("/api/v1/terrain/jour", "jour")) || day;
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
  if (c) return c.close ? "terminé" : "en cours";
  if (progress.state === "started") return `Commencé ${byWhom(progress)}`.trim();
  return "à faire";
}

// Numbered among the pickups only: the round sheet's lunch and unloading lines are not stops.
// A stop done by a teammate cannot be started again: the server could only refuse it.
function stopCard(stop, index) {
  const c = collectionOfStop(stop.id);
  const hasPoint = stop.latitude != null && stop.longitude != null;
  const point = `${stop.latitude},${stop.longitude}`;
  const open = () => (c ? go(c.open.id) : start({ donor_id: stop.donor_id, pickup_request_id: stop.pickup_request_id, _stop: stop.id, _donor: stop.donor_name }));
  const action = c ? `Ouvrir l'arrêt chez ${stop.donor_name}` : doneOnServer(stop) ? null : `Commencer l'arrêt chez ${stop.donor_name}`;
  return h("li", { class: `stop card${doneOnServer(stop) ? " done" : ""}` },
    h("h2", {}, `${index + 1}. ${stop.donor_name}`),
    h("p", { class: "muted" }, `Arrivée prévue ${stop.arrival || "—"} · `, h("strong", { class: "stop-state" }, stopState(stop, c))),
    h("p", {}, stop.address),
    stop.contact_name || stop.contact_phone
      ? h("p", {}, "Contact : ", stop.contact_name, " ", stop.contact_phone ? h("a", { href: `tel:${stop.contact_phone}` }, stop.contact_phone) : "")
      : null,
    stop.opening_hours ? h("p", {}, "Horaires : ", stop.opening_hours) : null,
    stop.access_notes ? h("p", {}, "Accès : ", stop.access_notes) : null,
    hasPoint ? h("p", { class: "actions" },
      h("a", { class: "button secondary", href: `geo:${point}?q=${point}(${encodeURIComponent(stop.donor_name)})` }, "Itinéraire (GPS)"),
      h("a", { class: "button secondary", href: `https://www.openstreetmap.org/?mlat=${stop.latitude}&mlon=${stop.longitude}#map=17/${stop.latitude}/${stop.longitude}`, target: "_blank", rel: "noopener" }, "Carte OpenStreetMap"),
    ) : null,
    action ? h("button", { type: "button", class: "big", onclick: open }, action) : null,
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
  go(entry.id);
}

const go = (collectionId) => { location.hash = `#collecte/${collectionId}`; };

function entryState(entry, signed = false) {
  if (entry.status === "waiting") return h("span", { class: "badge waiting" }, "en attente d'envoi");
  if (entry.status === "received") return h("span", { class: "badge received" }, "reçu, en cours d'enregistrement");
  if (entry.status === "accepted") return h("span", { class: "badge ok" }, "envoyé ✓");
  const lost = signed ? " — non enregistré : la collecte était déjà signée, signalez-le au responsable" : "";
  return h("span", { class: "badge refused", role: "alert" }, entry.reason, lost);
}

function describe(item) {
  const category = CATEGORIES.get(item.category);
  const what = [category ? category.label : item.category];
  if (item.quantity > 1) what.unshift(`${item.quantity} ×`);
  const make = [item.brand, item.model].filter(Boolean).join(" ");
  if (make) what.push(make);
  if (item.tag) what.push(item.tag);
  if (item.serial_number) what.push(`n° ${item.serial_number}`);
  if (item.weight_kg) what.push(`${item.weight_kg} kg`);
  return what.join(" ");
}

// Once the donor signed, a line is the donor's record: it can be neither undone nor corrected.
function itemLine(item, form, signed) {
  const neverRecorded = refusedEntry(item);
  const undo = async () => {
    if (neverRecorded) { await store.deleteEntry(item.id); await refresh(); }
    else await write("remove_item", { item: item.id });
  };
  const fix = async () => { form.fill(item); await store.deleteEntry(item.id); await refresh(); };
  return h("li", { class: `line ${item.status}` },
    h("span", {}, describe(item)), " ", entryState(item, signed),
    signed ? null : h("span", { class: "line-actions" },
      item.status === "refused" ? h("button", { type: "button", class: "small", onclick: fix }, "Corriger") : null,
      h("button", { type: "button", class: "small secondary", onclick: undo, "aria-label": `Annuler la ligne ${describe(item)}` }, "Annuler"),
    ),
  );
}

function itemForm(collectionId) {
  let chosen = null;
  const field = (id, labelText, attributes = {}) => {
    const input = h("input", { id, name: id, ...attributes });
    return [input, h("div", { class: "field", id: `${id}-champ` }, h("label", { for: id }, labelText), input)];
  };
  const [tag, tagField] = field("etiquette", "Étiquette (scanner ou taper)", { autocomplete: "off", autocapitalize: "characters", placeholder: "RP-26-000123-G" });
  const [serial, serialField] = field("serie", "Numéro de série", { autocomplete: "off" });
  const [brand, brandField] = field("marque", "Marque", { autocomplete: "off" });
  const [model, modelField] = field("modele", "Modèle", { autocomplete: "off" });
  const [weight, weightField] = field("poids", "Poids (kg)", { inputmode: "decimal" });
  const [quantity, quantityField] = field("quantite", "Quantité", { type: "number", min: "1", value: "1", inputmode: "numeric" });
  const condition = h("select", { id: "etat", name: "etat" }, SETUP.conditions.map((c) => h("option", { value: c }, c)));
  const message = h("p", { class: "alert", role: "alert", hidden: true });
  const scanButton = (input, text) => canScan()
    ? h("button", { type: "button", class: "small secondary", onclick: async () => { const read = await scanOnce().catch(() => null); if (read) input.value = read; } }, text)
    : null;
  const buttons = SETUP.categories.map((c) => h("button", {
    type: "button", class: "category", "aria-pressed": "false", "data-code": c.code,
    onclick: () => choose(c.code),
  }, c.label));
  const choose = (code) => {
    chosen = CATEGORIES.get(code);
    buttons.forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.code === code)));
    tagField.hidden = !chosen.labelled;
    quantityField.hidden = chosen.labelled;
    if (chosen.labelled) quantity.value = "1";
  };
  const fail = (text) => { message.textContent = text; message.hidden = false; };
  const submit = async (event) => {
    event.preventDefault();
    message.hidden = true;
    if (!chosen) return fail("Choisissez d'abord une catégorie.");
    let tagValue = "";
    if (chosen.labelled && tag.value.trim()) {
      const parsed = parseTag(tag.value);
      if (!parsed.ok) return fail(parsed.message);
      tagValue = parsed.tag;
    }
    const kg = weight.value.trim() ? Number(weight.value.replace(",", ".")) : 0;
    if (!(kg >= 0)) return fail("Poids invalide : tapez un nombre de kilos, par exemple 4,5.");
    const count = Number(quantity.value || "1");
    if (!Number.isInteger(count) || count < 1) return fail("Quantité invalide : un nombre entier d'au moins 1.");
    await write("add_item", {
      collection: collectionId, category: chosen.code, tag: tagValue || null,
      serial_number: serial.value.trim(), brand: brand.value.trim(), model: model.value.trim(),
      weight_kg: kg, condition: condition.value,
      quantity: count, has_storage_media: chosen.holds_storage,
    });
    tag.value = serial.value = brand.value = model.value = weight.value = "";
    quantity.value = "1";
  };
  const form = h("form", { id: "objet", onsubmit: submit },
    h("fieldset", { class: "categories" }, h("legend", {}, "Catégorie"), buttons),
    tagField, scanButton(tag, "Scanner l'étiquette"),
    serialField, scanButton(serial, "Scanner le n° de série"),
    brandField, modelField,
    weightField, h("label", { for: "etat" }, "État"), condition, quantityField,
    message, h("button", { type: "submit", class: "big" }, "Ajouter cet objet"),
  );
  form.fill = (item) => {
    choose(item.category);
    tag.value = item.tag || ""; serial.value = item.serial_number || "";
    brand.value = item.brand || ""; model.value = item.model || "";
    weight.value = item.weight_kg || ""; quantity.value = item.quantity; condition.value = item.condition;
    fail(item.reason);
  };
  quantityField.hidden = true;
  return form;
}

function finishSection(c, refusedClose) {
  if (c.close) {
    return h("section", { class: "card done" }, h("h2", {}, "Arrêt terminé"),
      h("p", {}, `Signé par ${c.close.signatory_name}. `, entryState(c.close)));
  }
  const name = h("input", { id: "signataire", autocomplete: "name" });
  const canvas = h("canvas", { id: "signature", width: "600", height: "240", "aria-label": "Zone de signature" });
  const message = h("p", { class: "alert", role: "alert", hidden: !refusedClose }, refusedClose ? refusedClose.reason : "");
  const pad = signaturePad(canvas);
  const finish = async () => {
    const refused = collections().get(c.open.id).items.filter(refusedEntry).length;
    if (refused) {
      message.textContent = refused > 1
        ? `${refused} lignes refusées attendent : corrigez-les ou annulez-les avant de faire signer.`
        : "Une ligne refusée attend : corrigez-la ou annulez-la avant de faire signer.";
      message.hidden = false;
      return;
    }
    if (!name.value.trim()) { message.textContent = "Écrivez le nom de la personne qui signe."; message.hidden = false; return; }
    if (pad.isEmpty()) { message.textContent = "La personne doit signer dans le cadre."; message.hidden = false; return; }
    if (refusedClose) await store.deleteEntry(refusedClose.id);
    await write("close_collection", { collection: c.open.id, signatory_name: name.value.trim(), signature_path: pad.path() });
  };
  return h("section", { class: "card" },
    h("h2", {}, "Signature du donateur"),
    h("label", { for: "signataire" }, "Nom de la personne qui remet le matériel"), name,
    h("p", { class: "hint" }, "Signez dans le cadre avec le doigt :"), canvas,
    h("button", { type: "button", class: "small secondary", onclick: () => pad.clear() }, "Effacer la signature"),
    message,
    h("button", { type: "button", class: "big", onclick: finish }, "Terminer l'arrêt"),
  );
}

// The stop screen is built once per stop; a refresh redraws the lines and the status only, so
// neither the item being typed nor a signature being drawn is wiped by a sync finishing.
let screen = null;

// A stop a teammate signed while this phone's opening was refused: retrying can never succeed,
// so the phone offers to forget its entries (they never reached the server).
function refusedOpening(c) {
  const stop = stopOf(c.open._stop);
  if (doneOnServer(stop)) {
    const forget = async () => {
      const ids = new Set([c.open.id]);
      for (const e of entries) if (e.collection === c.open.id) ids.add(e.id);
      for (const e of entries) if (ids.has(e.item)) ids.add(e.id); // undoing one of its lines
      for (const id of ids) await store.deleteEntry(id);
      location.hash = "";
      await refresh();
    };
    return h("p", { class: "alert", role: "alert" }, `Cet arrêt a déjà été fait ${byWhom(stop.progress)} : il n'y a rien à refaire. `,
      h("button", { type: "button", class: "small", onclick: forget }, "Retirer cet arrêt du téléphone"));
  }
  const retry = async () => { await store.retry([c.open.id, ...c.items.map((i) => i.id)]); send(); };
  return h("p", { class: "alert", role: "alert" }, c.open.reason, " ", h("button", { type: "button", class: "small", onclick: retry }, "Réessayer"));
}

function showCollection(id) {
  const c = collections().get(id);
  if (!c) { location.hash = ""; return; }
  if (screen?.id !== id) {
    screen = { id, problem: h("div"), count: h("h2"), lines: h("ul", { class: "lines", id: "lignes" }), finish: h("div"), finishKey: null };
    screen.form = itemForm(id);
    // The donor's name stays in the page's sticky top while the agent scrolls the stop.
    stopHead.replaceChildren(h("div", { class: "stop-head" }, h("a", { href: "#" }, "← Ma tournée"), h("h1", {}, c.open._donor)));
    view.replaceChildren(screen.problem, screen.form, screen.count, screen.lines, screen.finish);
  }
  const refusedOpen = c.open.status === "refused";
  screen.problem.replaceChildren(refusedOpen ? refusedOpening(c) : "");
  screen.form.hidden = !!c.close || (refusedOpen && doneOnServer(stopOf(c.open._stop)));
  screen.count.textContent = `Déjà saisi (${c.items.length})`;
  screen.lines.replaceChildren(...c.items.slice().reverse().map((item) => itemLine(item, screen.form, !!c.close)));
  const refusedClose = entries.find((e) => e.kind === "close_collection" && e.collection === id && e.status === "refused");
  const key = c.close ? `closed:${c.close.status}` : `open:${refusedClose?.id}`;
  if (key !== screen.finishKey) {
    screen.finishKey = key;
    screen.finish.replaceChildren(finishSection(c, refusedClose));
  }
}

// Each screen opens at its top, not where the previous one was scrolled to.
let drawnHash = null;

function route() {
  const [name, id] = location.hash.slice(1).split("/");
  if (name === "collecte" && id) showCollection(id);
  else {
    screen = null;
    stopHead.replaceChildren();
    if (name === "depot") {
      if (view.dataset.view !== "depot") showDepot();
    } else {
      showRound();
    }
    view.dataset.view = name || "tournee";
  }
  if (location.hash !== drawnHash) {
    drawnHash = location.hash;
    window.scrollTo(0, 0);
  }
}

// The sticky top's height is the page's scroll padding: a field focused or a button scrolled to
// lands below the status line and the donor's name, never under them.
function keepClearOfTop() {
  const pad = () => { document.documentElement.style.scrollPaddingTop = `${top.offsetHeight + 8}px`; };
  new ResizeObserver(pad).observe(top);
  pad();
}

async function main() {
  history.scrollRestoration = "manual";
  keepClearOfTop();
  window.addEventListener("hashchange", route);
  window.addEventListener("online", () => { send(); loadDay(); });
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "visible") loadDay(); });
  window.addEventListener("offline", () => renderStatus("offline"));
  watchPosition();
  if ("serviceWorker" in navigator) navigator.serviceWorker.register(SETUP.service_worker, { scope: "/terrain" });
  await store.forgetAcknowledgedBefore(SETUP.today);
  await refresh();
  [day, donors] = await Promise.all([
    fetchOrKeep("/api/v1/terrain/jour", "jour").then((d) => d || day),
    fetchOrKeep("/api/v1/terrain/donateurs", "donateurs").then((d) => d || []),
  ]);
  view.dataset.view = ""; // the data has arrived: draw the current view again
  route();
  document.body.dataset.ready = "1";
  send();
  setInterval(() => { send(); loadDay(); }, 30000);
}

main();
