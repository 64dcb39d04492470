// A signature drawn on a laptop's or a tablet's page (a donor closing a collection, a trainee
// signing the loan contract): the phone pages' capture (./terrain/signature.js) in every
// <form data-signature-form>, whose path goes in the form's signature_svg field when sent.
import { signaturePad } from "./terrain/signature.js";

for (const form of document.querySelectorAll("form[data-signature-form]")) {
  const pad = signaturePad(form.querySelector("canvas"));
  const missing = form.querySelector("[data-signature-missing]");
  form.querySelector("[data-clear-signature]")?.addEventListener("click", () => pad.clear());
  form.addEventListener("submit", (event) => {
    if (pad.isEmpty()) {
      event.preventDefault();
      if (missing) missing.hidden = false;
      return;
    }
    if (missing) missing.hidden = true;
    form.querySelector("[name=signature_svg]").value = pad.path();
  });
}
