// A stop, one step per screen, for agents who log hardware with one thumb: the stop's card
// (#arret/<stop>), then in its collection (#collecte/<id>/<step>) what is collected ("quoi"),
// the item's weight and state ("objet/<category>"), the list of what is logged ("liste") and
// the donor's signature ("signature"). The donor's name stays in the sticky top on every step.
// Each action writes its entry on the phone first (app.write). A collection's screens are built
// once; a sync finishing redraws its lines and notices only, never an item being typed nor a
// signature being drawn.
import { h } from "./dom.js";
import { pictogram } from "./pictograms.js";
import { canScan, scanOnce } from "./scan.js";
import { signaturePad } from "./signature.js";
import * as store from "./store.js";
import { parseTag } from "./tags.js";

// Category and condition names are stored in lowercase; on screen they start a label.
export const capital = (text) => (text ? text.charAt(0).toUpperCase() + text.slice(1) : text);
const kilos = (kg) => `${Number(kg).toLocaleString("fr-FR", { maximumFractionDigits: 2 })} kg`;
const plural = (count, one, many) => `${count} ${count > 1 ? many : one}`;
// "Clavier/souris" may wrap after its slash, not in the middle of a word.
const breakable = (text) => text.split("/").flatMap((part, i) => (i ? ["/", h("wbr"), part] : [part]));
const STEPS = ["arret", "quoi", "objet", "liste", "signature"];
const at = (id, step, detail) => `#collecte/${id}/${step}${detail ? `/${detail}` : ""}`;
const go = (hash) => { location.hash = hash; };
// A step's own address without a new history entry (the phone's back button skips it).
const redirect = (hash, route) => { history.replaceState(null, "", hash); route(); };

export function stopSteps(app) {
  let screen = null;
  let headKey = null;
  let cardKey = null;

  function header(donor, stepNumber, stepCount) {
    const key = `${donor}:${stepNumber}:${stepCount}`;
    if (key === headKey) return;
    headKey = key;
    app.head.replaceChildren(h("div", { class: "stop-head" },
      h("p", { class: "stop-nav" },
        h("a", { href: "#" }, "← Ma tournée"),
        stepNumber ? h("span", { class: "step-count" }, `Étape ${stepNumber} sur ${stepCount}`) : null),
      h("h1", {}, donor)));
  }

  // The step's title takes the focus, so a screen reader starts reading the new step there.
  function draw(parts) {
    app.view.replaceChildren(...parts.filter((part) => part != null));
    app.view.querySelector(".step-title")?.focus({ preventScroll: true });
  }

  const title = (...text) => h("h2", { class: "step-title", tabindex: "-1" }, ...text);
  const nav = (...buttons) => h("div", { class: "step-nav" }, ...buttons);
  const back = (onclick, text = "← Retour") => h("button", { type: "button", class: "secondary back", onclick }, text);

  function entryState(entry, signed = false) {
    if (entry.status === "waiting") return h("span", { class: "badge waiting" }, "En attente d'envoi");
    if (entry.status === "received") return h("span", { class: "badge received" }, "Reçu, en cours d'enregistrement");
    if (entry.status === "accepted") return h("span", { class: "badge ok" }, "Envoyé ✓");
    const lost = signed ? " — pas enregistré : l'arrêt était déjà signé, prévenez votre responsable" : "";
    return h("span", { class: "badge refused", role: "alert" }, entry.reason, lost);
  }

  function describe(item) {
    const category = app.categories.get(item.category);
    const what = [capital(category ? category.label : item.category)];
    if (item.quantity > 1) what.unshift(`${item.quantity} ×`);
    const make = [item.brand, item.model].filter(Boolean).join(" ");
    if (make) what.push(make);
    if (item.tag) what.push(item.tag);
    if (item.serial_number) what.push(`n° ${item.serial_number}`);
    if (item.weight_kg) what.push(kilos(item.weight_kg));
    return what.join(" ");
  }

  // ---- step 1: the stop's card ----
  // A stop a teammate signed while this phone's opening was refused: retrying can never
  // succeed, so the phone offers to forget its entries (they never reached the server).
  function refusedOpening(c) {
    const stop = app.stopOf(c.open._stop);
    if (app.doneOnServer(stop)) {
      const forget = async () => {
        const entries = app.entries();
        const ids = new Set([c.open.id]);
        for (const e of entries) if (e.collection === c.open.id) ids.add(e.id);
        for (const e of entries) if (ids.has(e.item)) ids.add(e.id); // undoing one of its lines
        for (const id of ids) await store.deleteEntry(id);
        location.hash = "";
        await app.refresh();
      };
      return h("p", { class: "alert", role: "alert" }, `Cet arrêt a déjà été fait ${app.byWhom(stop.progress)} : il n'y a rien à refaire. `,
        h("button", { type: "button", class: "small", onclick: forget }, "Retirer cet arrêt du téléphone"));
    }
    const retry = async () => { await store.retry([c.open.id, ...c.items.map((i) => i.id)]); app.send(); };
    return h("p", { class: "alert", role: "alert" }, c.open.reason, " ", h("button", { type: "button", class: "small", onclick: retry }, "Réessayer"));
  }

  const blocked = (c) => c.open.status === "refused" && app.doneOnServer(app.stopOf(c.open._stop));

  function cardAction(stop, c) {
    if (!c) {
      if (app.doneOnServer(stop)) return null;
      const begin = () => app.start({ donor_id: stop.donor_id, pickup_request_id: stop.pickup_request_id, _stop: stop.id, _donor: stop.donor_name });
      return h("button", { type: "button", class: "big", onclick: begin }, "Commencer la collecte");
    }
    if (blocked(c)) return null;
    return h("button", { type: "button", class: "big", onclick: () => go(`#collecte/${c.open.id}`) },
      c.close ? "Voir la collecte" : "Continuer la collecte");
  }

  function showStop(stopId) {
    screen = null;
    const stop = app.stopOf(stopId);
    if (!stop) {
      if (app.dayKnown()) location.hash = "";
      return;
    }
    const c = app.collectionOfStop(stop.id);
    header(stop.donor_name, 1, STEPS.length);
    const key = JSON.stringify([stop, c?.open.status, c?.open.reason, !!c?.close, c?.items.length]);
    if (key === cardKey && app.view.dataset.view === "arret") return;
    cardKey = key;
    const point = `${stop.latitude},${stop.longitude}`;
    const progress = stop.progress || { state: "todo" };
    draw([
      c && c.open.status === "refused" ? refusedOpening(c) : "",
      title(`Arrivée prévue ${stop.arrival || "—"}`),
      progress.state !== "todo" ? h("p", { class: "notice" }, `${progress.state === "done" ? "Fait" : "Commencé"} ${app.byWhom(progress)}`.trim()) : null,
      h("p", { class: "address" }, stop.address),
      stop.latitude != null && stop.longitude != null ? h("p", { class: "actions" },
        h("a", { class: "button secondary", href: `geo:${point}?q=${point}(${encodeURIComponent(stop.donor_name)})` }, "Itinéraire (GPS)"),
        h("a", { class: "button secondary", href: `https://www.openstreetmap.org/?mlat=${stop.latitude}&mlon=${stop.longitude}#map=17/${stop.latitude}/${stop.longitude}`, target: "_blank", rel: "noopener" }, "Carte"),
      ) : null,
      stop.contact_name || stop.contact_phone ? h("p", { class: "contact" }, "Contact : ", stop.contact_name, " ",
        stop.contact_phone ? h("a", { class: "button secondary", href: `tel:${stop.contact_phone}` }, `Appeler le ${stop.contact_phone}`) : "") : null,
      stop.opening_hours ? h("p", {}, "Horaires : ", stop.opening_hours) : null,
      stop.access_notes ? h("p", { class: "access" }, h("strong", {}, "Accès : "), stop.access_notes) : null,
      cardAction(stop, c),
    ]);
  }

  // ---- step 3: the item's weight and state ----
  function itemForm(collectionId) {
    let chosen = null;
    let replacing = null; // a refused line being corrected: dropped once its fix is saved
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
    const conditions = app.setup.conditions.map((value, index) => h("label", { class: "option" },
      h("input", { type: "radio", name: "etat", value, checked: index === 0 }), capital(value)));
    const more = h("details", { class: "more" }, h("summary", {}, "Marque, modèle, n° de série"),
      serialField, scanButton(serial, "Scanner le n° de série"), brandField, modelField);
    const heading = title();
    const message = h("p", { class: "alert", role: "alert", hidden: true });
    const fail = (text) => { message.textContent = text; message.hidden = false; };
    const clear = () => {
      tag.value = serial.value = brand.value = model.value = weight.value = "";
      quantity.value = "1";
      conditions[0].firstChild.checked = true;
      more.open = false;
      message.hidden = true;
      replacing = null;
    };
    const submit = async (event) => {
      event.preventDefault();
      message.hidden = true;
      let tagValue = "";
      if (chosen.labelled && tag.value.trim()) {
        const parsed = parseTag(tag.value);
        if (!parsed.ok) return fail(parsed.message);
        tagValue = parsed.tag;
      }
      const kg = weight.value.trim() ? Number(weight.value.replace(",", ".")) : 0;
      if (!(kg >= 0)) return fail("Poids pas compris : tapez un nombre de kilos, par exemple 4,5.");
      const count = Number(quantity.value || "1");
      if (!Number.isInteger(count) || count < 1) return fail("Quantité pas comprise : tapez un nombre, 1 ou plus.");
      const fixed = replacing;
      await app.write("add_item", {
        collection: collectionId, category: chosen.code, tag: tagValue || null,
        serial_number: serial.value.trim(), brand: brand.value.trim(), model: model.value.trim(),
        weight_kg: kg, condition: conditions.find((o) => o.firstChild.checked).firstChild.value,
        quantity: count, has_storage_media: chosen.holds_storage,
      });
      if (fixed) { await store.deleteEntry(fixed); await app.refresh(); }
      clear();
      go(at(collectionId, "liste"));
    };
    const form = h("form", { id: "objet", onsubmit: submit },
      heading,
      tagField, scanButton(tag, "Scanner l'étiquette"),
      h("div", { class: "pair" }, weightField, quantityField),
      h("fieldset", { class: "options" }, h("legend", {}, "État"), conditions),
      more, message,
      nav(back(() => { clear(); go(at(collectionId, "quoi")); }), h("button", { type: "submit", class: "big" }, "Ajouter cet objet")),
    );
    form.show = (code) => {
      if (chosen?.code === code) return;
      chosen = app.categories.get(code);
      heading.replaceChildren(pictogram(code), " ", capital(chosen.label));
      tagField.hidden = !chosen.labelled;
      quantityField.hidden = chosen.labelled;
      if (chosen.labelled) quantity.value = "1";
    };
    form.fill = (item) => {
      form.show(item.category);
      tag.value = item.tag || ""; serial.value = item.serial_number || "";
      brand.value = item.brand || ""; model.value = item.model || "";
      weight.value = item.weight_kg ? String(item.weight_kg).replace(".", ",") : "";
      quantity.value = item.quantity;
      for (const option of conditions) option.firstChild.checked = option.firstChild.value === item.condition;
      more.open = !!(item.serial_number || item.brand || item.model);
      replacing = item.id;
      fail(item.reason);
    };
    return form;
  }

  function scanButton(input, text) {
    if (!canScan()) return null;
    const read = async () => { const found = await scanOnce().catch(() => null); if (found) input.value = found; };
    return h("button", { type: "button", class: "secondary scan", onclick: read }, text);
  }

  // ---- step 4: the list; once the donor signed, a line is the donor's record ----
  function itemLine(item, signed) {
    const neverRecorded = app.refusedEntry(item);
    const undo = async () => {
      if (neverRecorded) { await store.deleteEntry(item.id); await app.refresh(); }
      else await app.write("remove_item", { item: item.id });
    };
    const fix = () => { screen.form.fill(item); go(at(item.collection, "objet", item.category)); };
    return h("li", { class: `line ${item.status}` },
      h("span", {}, describe(item)), " ", entryState(item, signed),
      signed ? null : h("span", { class: "line-actions" },
        item.status === "refused" ? h("button", { type: "button", onclick: fix }, "Corriger") : null,
        h("button", { type: "button", class: "secondary", onclick: undo, "aria-label": `Annuler la ligne ${describe(item)}` }, "Annuler"),
      ),
    );
  }

  // ---- step 5: the signature ----
  function finishSection(c, refusedClose) {
    if (c.close) {
      return h("section", { class: "card done" }, h("h2", {}, "Arrêt terminé"),
        h("p", {}, `Signé par ${c.close.signatory_name}. `, entryState(c.close)));
    }
    const name = h("input", { id: "signataire", autocomplete: "name" });
    const canvas = h("canvas", { id: "signature", width: "600", height: "240", "aria-label": "Cadre de signature" });
    const message = h("p", { class: "alert", role: "alert", hidden: !refusedClose }, refusedClose ? refusedClose.reason : "");
    const summary = h("p", { class: "muted" });
    const pad = signaturePad(canvas);
    const say = (text) => { message.textContent = text; message.hidden = false; };
    const finish = async () => {
      const refused = app.collections().get(c.open.id).items.filter(app.refusedEntry).length;
      if (refused) {
        return say(refused > 1
          ? `${refused} lignes refusées attendent : corrigez-les ou annulez-les avant de faire signer.`
          : "Une ligne refusée attend : corrigez-la ou annulez-la avant de faire signer.");
      }
      if (!name.value.trim()) return say("Écrivez le nom de la personne qui signe.");
      if (pad.isEmpty()) return say("La personne doit signer dans le cadre.");
      if (refusedClose) await store.deleteEntry(refusedClose.id);
      await app.write("close_collection", { collection: c.open.id, signatory_name: name.value.trim(), signature_path: pad.path() });
      go(at(c.open.id, "liste"));
    };
    const section = h("section", {},
      title("Signature du donateur"), summary,
      h("label", { for: "signataire" }, "Nom de la personne qui remet le matériel"), name,
      h("p", { class: "hint" }, "Signez dans le cadre avec le doigt :"), canvas,
      h("button", { type: "button", class: "secondary wipe", onclick: () => pad.clear() }, "Effacer la signature"),
      message,
      nav(back(() => go(at(c.open.id, "liste"))), h("button", { type: "button", class: "big", onclick: finish }, "Terminer l'arrêt")),
    );
    section.update = (items) => {
      const count = items.reduce((sum, item) => sum + (item.quantity || 1), 0);
      summary.textContent = `${plural(count, "objet remis", "objets remis")} au total.`;
    };
    return section;
  }

  // ---- a collection's steps ----
  function newScreen(c) {
    const id = c.open.id;
    const backFromWhat = () => go(c.open._stop != null ? `#arret/${c.open._stop}` : "#");
    const toList = h("button", { type: "button", class: "secondary", onclick: () => go(at(id, "liste")) });
    const categories = app.setup.categories.map((category) => {
      const [main, detail] = capital(category.label).split(" (");
      return h("button", { type: "button", class: detail ? "category wide" : "category", "data-code": category.code, onclick: () => go(at(id, "objet", category.code)) },
        pictogram(category.code), h("span", {}, breakable(main), detail ? h("small", {}, ` (${detail}`) : null));
    });
    return {
      id, step: null, toList, finishKey: null,
      problem: h("div"),
      count: title(),
      empty: h("p", { class: "muted" }, "Rien pour l'instant."),
      lines: h("ul", { class: "lines", id: "lignes" }),
      finish: h("div"),
      listNav: h("div"),
      form: itemForm(id),
      what: [title("Qu'est-ce que vous collectez\u00a0?"), h("div", { class: "categories" }, categories), nav(back(backFromWhat), toList)],
    };
  }

  function stepOf(c, step, refusedClose) {
    if (c.close || blocked(c)) return "liste";
    if (["quoi", "objet", "liste", "signature"].includes(step)) return step;
    if (refusedClose) return "signature";
    return c.items.length ? "liste" : "quoi";
  }

  function showCollection(id, step, detail, route) {
    const c = app.collections().get(id);
    if (!c) { screen = null; location.hash = ""; return; }
    const refusedClose = app.entries().find((e) => e.kind === "close_collection" && e.collection === id && e.status === "refused");
    const wanted = stepOf(c, step, refusedClose);
    if (wanted !== step || (step === "objet" && !app.categories.has(detail))) {
      return redirect(at(id, wanted === "objet" ? "quoi" : wanted), route);
    }
    if (screen?.id !== id) screen = newScreen(c);
    const steps = c.open._stop != null ? STEPS : STEPS.slice(1);
    header(c.open._donor, c.close ? null : steps.indexOf(step) + 1, steps.length);
    cardKey = null;

    const signed = !!c.close;
    screen.problem.replaceChildren(c.open.status === "refused" ? refusedOpening(c) : "");
    screen.toList.textContent = `Voir la liste (${c.items.length})`;
    screen.count.textContent = `Ce qui est saisi (${c.items.length})`;
    screen.empty.hidden = c.items.length > 0;
    screen.lines.replaceChildren(...c.items.slice().reverse().map((item) => itemLine(item, signed)));
    const over = signed || blocked(c);
    if (screen.listNav.dataset.over !== String(over)) {
      screen.listNav.dataset.over = over;
      screen.listNav.replaceChildren(over
        ? h("a", { class: "button big", href: "#" }, "Retour à ma tournée")
        : nav(h("button", { type: "button", class: "secondary", onclick: () => go(at(id, "quoi")) }, "Ajouter un objet"),
          h("button", { type: "button", class: "big", onclick: () => go(at(id, "signature")) }, "Faire signer")));
    }
    const key = c.close ? `closed:${c.close.status}` : `open:${refusedClose?.id}`;
    if (key !== screen.finishKey) {
      screen.finishKey = key;
      screen.finish.replaceChildren(finishSection(c, refusedClose));
    }
    screen.finish.firstChild.update?.(c.items);

    const drawn = `${step}/${detail || ""}`;
    if (drawn === screen.step && app.view.dataset.view === "collecte") return;
    screen.step = drawn;
    if (step === "objet") screen.form.show(detail);
    draw({
      quoi: () => [screen.problem, ...screen.what],
      objet: () => [screen.problem, screen.form],
      // The list's buttons come before its lines: however long the list, they are on screen.
      liste: () => [screen.problem, signed ? screen.finish : "", screen.count, screen.listNav, screen.empty, screen.lines],
      signature: () => [screen.problem, screen.finish],
    }[step]());
  }

  return {
    showStop,
    showCollection,
    leave() { screen = null; headKey = null; cardKey = null; app.head.replaceChildren(); },
  };
}
