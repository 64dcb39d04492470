// The loan contract (contrat de mise à disposition) signed in the home, at the installation:
// the signer's name and a finger signature, captured like the donors' (../terrain/signature.js).
import { h } from "../terrain/dom.js";
import { signaturePad } from "../terrain/signature.js";

export function contractSection() {
  const name = h("input", { id: "signataire", autocomplete: "off" });
  const canvas = h("canvas", { id: "signature", width: "600", height: "240", "aria-label": "Zone de signature du contrat" });
  const pad = signaturePad(canvas);
  const element = h("div", { class: "contract" },
    h("h3", {}, "Contrat de mise à disposition"),
    h("p", { class: "hint" }, "La personne lit le contrat, écrit son nom et signe : l'ordinateur lui est alors prêté."),
    h("label", { for: "signataire" }, "Nom et prénom de la personne qui signe"), name,
    h("p", { class: "hint" }, "Signez dans le cadre avec le doigt :"), canvas,
    h("button", { type: "button", class: "small secondary", onclick: () => pad.clear() }, "Effacer la signature"),
  );
  // The signer and the signature as the entry takes them, or the French words of what is missing.
  const read = () => {
    if (!name.value.trim()) return { error: "Écrivez le nom de la personne qui signe le contrat." };
    if (pad.isEmpty()) return { error: "La personne doit signer le contrat dans le cadre." };
    return { signatory_name: name.value.trim(), signature_path: pad.path() };
  };
  return { element, read };
}
