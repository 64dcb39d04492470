// Reading a label's Code128 or a maker's serial barcode with the camera, where the browser can
// (BarcodeDetector: Chrome on Android); elsewhere the agent types it and this is never shown.
import { h } from "./dom.js";

export const canScan = () => "BarcodeDetector" in window && !!navigator.mediaDevices;

export async function scanOnce() {
  const detector = new window.BarcodeDetector();
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
  const video = h("video", { playsinline: true, muted: true, "aria-label": "Caméra" });
  const cancel = h("button", { type: "button" }, "Annuler le scan");
  const overlay = h("div", { class: "scanner", role: "dialog", "aria-label": "Scanner" }, video, cancel);
  document.body.append(overlay);
  video.srcObject = stream;
  await video.play();
  try {
    return await new Promise((resolve) => {
      cancel.addEventListener("click", () => resolve(null));
      const look = async () => {
        if (!overlay.isConnected) return;
        const found = await detector.detect(video).catch(() => []);
        if (found.length) resolve(found[0].rawValue);
        else setTimeout(look, 250);
      };
      look();
    });
  } finally {
    stream.getTracks().forEach((track) => track.stop());
    overlay.remove();
  }
}
