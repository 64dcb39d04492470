// A finger or mouse signature drawn on a canvas, sent as SVG path data ("M x y L x y ...").
// The donor's contact signs to close a collection; the path is what the tracker keeps.
(function () {
  const canvas = document.getElementById("signature-pad");
  const field = document.getElementById("signature_svg");
  if (!canvas || !field) return;
  const pen = canvas.getContext("2d");
  pen.lineWidth = 2;
  pen.lineCap = "round";
  let drawing = false;
  const parts = [];
  function at(event) {
    const box = canvas.getBoundingClientRect();
    const x = ((event.clientX - box.left) * canvas.width) / box.width;
    const y = ((event.clientY - box.top) * canvas.height) / box.height;
    return [Math.round(x), Math.round(y)];
  }
  canvas.addEventListener("pointerdown", function (event) {
    drawing = true;
    const [x, y] = at(event);
    parts.push(`M${x} ${y}`);
    pen.beginPath();
    pen.moveTo(x, y);
  });
  canvas.addEventListener("pointermove", function (event) {
    if (!drawing) return;
    const [x, y] = at(event);
    parts.push(`L${x} ${y}`);
    pen.lineTo(x, y);
    pen.stroke();
    field.value = parts.join(" ");
  });
  ["pointerup", "pointerleave"].forEach(function (name) {
    canvas.addEventListener(name, function () { drawing = false; });
  });
})();
