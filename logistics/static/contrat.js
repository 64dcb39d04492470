// The loan contract signed on a laptop or a tablet (/attributions/<n>/contrat): the same
// signature capture as the phone pages (./terrain/signature.js), its path sent in the form.
import { signaturePad } from "./terrain/signature.js";

const form = document.querySelector("[data-signature-form]");
if (form) {
  const pad = signaturePad(form.querySelector("canvas"));
  const missing = document.getElementById("signature-manquante");
  form.querySelector("[data-clear-signature]").addEventListener("click", () => pad.clear());
  form.addEventListener("submit", (event) => {
    if (pad.isEmpty()) {
      event.preventDefault();
      missing.hidden = false;
      return;
    }
    missing.hidden = true;
    form.querySelector("#signature_svg").value = pad.path();
  });
}
