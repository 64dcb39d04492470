// Label tags checked on the phone, before anything is sent: the port of inventory/tags.py
// (its module docstring gives the algorithm; tests/e2e compare both on many tags).
export const CHECK_ALPHABET = "0123456789ABCDEFGHJKMNPQRTVWXYZ";
const TAG = new RegExp(`^([A-Z]{2,4})(\\d{2})(\\d{6})([${CHECK_ALPHABET}])$`);
const LOOKALIKES = { O: "0", I: "1", L: "1", S: "5" };

export function checkCharacter(payload) {
  let p = 0;
  for (const ch of payload) p = (p * 3 + parseInt(ch, 36)) % 31;
  return CHECK_ALPHABET[(31 - ((3 * p) % 31)) % 31];
}

// {ok: true, tag: "RP-26-000123-G"} or {ok: false, message: "…"}, in the words of the agents
// (the server's own message, for other clients, names the check character).
export function parseTag(text) {
  let compact = text.replace(/[\s\-_.]+/g, "").toUpperCase();
  const last = compact.slice(-1);
  if (last in LOOKALIKES) compact = compact.slice(0, -1) + LOOKALIKES[last];
  const found = TAG.exec(compact);
  if (!found) {
    return { ok: false, message: `Étiquette « ${text.trim()} » pas reconnue : recopiez-la comme sur l'autocollant, par exemple RP-26-000123-G.` };
  }
  const [, prefix, year, sequence, check] = found;
  if (checkCharacter(prefix + year + sequence) !== check) {
    return { ok: false, message: `Étiquette ${prefix}-${year}-${sequence}-${check} : une lettre ou un chiffre ne va pas (le dernier ne correspond pas aux autres). Vérifiez sur l'autocollant.` };
  }
  return { ok: true, tag: `${prefix}-${year}-${sequence}-${check}` };
}
