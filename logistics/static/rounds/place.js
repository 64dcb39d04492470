// Place a donor by clicking on the map: "Placer sur la carte" picks the row, a click on the
// SVG map turns the pixel back into latitude/longitude (inverse Web Mercator) in that row.
(function () {
  "use strict";
  var target = null;
  document.addEventListener("click", function (event) {
    var pick = event.target.closest(".pick");
    if (pick) {
      target = pick.closest("form");
      document.body.classList.add("picking");
      return;
    }
    var svg = event.target.closest("svg.clickable");
    if (!svg || !target) return;
    var box = svg.getBoundingClientRect();
    var view = svg.viewBox.baseVal;
    var x = (event.clientX - box.left) * view.width / box.width + parseFloat(svg.dataset.left);
    var y = (event.clientY - box.top) * view.height / box.height + parseFloat(svg.dataset.top);
    var scale = 256 * Math.pow(2, parseInt(svg.dataset.zoom, 10));
    var lon = x / scale * 360 - 180;
    var lat = Math.atan(Math.sinh(Math.PI * (1 - 2 * y / scale))) * 180 / Math.PI;
    target.querySelector("[name=latitude]").value = lat.toFixed(6);
    target.querySelector("[name=longitude]").value = lon.toFixed(6);
    // The button after "Placer sur la carte" saves the point (a form may have others before).
    target.querySelector(".pick ~ [type=submit]").focus();
    document.body.classList.remove("picking");
    target = null;
  });
})();
