// The planning job's page follows the search: every second it reads the job's status (JSON)
// and updates the elapsed time, the best objective and the requests placed; when the job is
// over it reloads: the page then opens the plan, or says why there is none. Without JavaScript the page
// reloads itself (<noscript> refresh).
(function () {
  "use strict";
  var section = document.getElementById("calcul");
  if (!section || section.dataset.active !== "yes") return;
  var number = new Intl.NumberFormat("fr-FR");
  function show(id, text) {
    var element = document.getElementById(id);
    if (element) element.textContent = text;
  }
  function tick() {
    fetch(section.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (job) {
        if (job.status !== "queued" && job.status !== "running") {
          window.location.reload(); // the page opens the plan, or says why there is none
          return;
        }
        show("calcul-message", job.message);
        show("calcul-temps", Math.round(job.seconds));
        show("calcul-objectif", job.best_cost === null ? "pas encore de planning réalisable" : number.format(job.best_cost));
        show("calcul-places", job.placed === null ? "—" : job.placed);
        var stop = document.getElementById("calcul-arret");
        if (stop && job.stop_requested) stop.disabled = true;
        window.setTimeout(tick, 1000);
      })
      .catch(function () {
        window.setTimeout(tick, 3000); // the network or the server hiccuped: try again later
      });
  }
  window.setTimeout(tick, 1000);
})();
