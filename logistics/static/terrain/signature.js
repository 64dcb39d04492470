// The donor's contact signs with a finger; strokes are kept as an SVG path (small, sharp when
// printed on the certificate) rather than a bitmap.
export function signaturePad(canvas) {
  const context = canvas.getContext("2d");
  let strokes = [];
  let current = null;

  const point = (event) => {
    const box = canvas.getBoundingClientRect();
    return [
      Math.round(((event.clientX - box.left) * canvas.width) / box.width),
      Math.round(((event.clientY - box.top) * canvas.height) / box.height),
    ];
  };
  const draw = () => {
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.lineWidth = 3;
    context.lineCap = context.lineJoin = "round";
    for (const stroke of strokes) {
      context.beginPath();
      stroke.forEach(([x, y], i) => (i ? context.lineTo(x, y) : context.moveTo(x, y)));
      if (stroke.length === 1) context.lineTo(stroke[0][0] + 1, stroke[0][1]);
      context.stroke();
    }
  };
  canvas.addEventListener("pointerdown", (event) => {
    canvas.setPointerCapture(event.pointerId);
    current = [point(event)];
    strokes.push(current);
    draw();
  });
  canvas.addEventListener("pointermove", (event) => {
    if (!current) return;
    current.push(point(event));
    draw();
  });
  const end = () => { current = null; };
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);

  return {
    isEmpty: () => strokes.length === 0,
    clear() { strokes = []; draw(); },
    // "M12 30L14 31…": moves and lines only, the one shape the server accepts.
    path: () => strokes.map((s) => s.map(([x, y], i) => `${i ? "L" : "M"}${x} ${y}`).join("")).join(""),
  };
}
