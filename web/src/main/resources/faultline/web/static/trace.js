// The chart page, enhanced: the chart opens scrolled to what was searched for, else to its failure; ticking a node
// or changing the time window redraws at once; clicking a label shows its whole text. Without this file the page
// still works: the links jump, the form's button submits, and a label's whole text is its tooltip.
(function () {
  function scrollTo(target) {
    var box = document.getElementById('trace-chart');
    var mark = box && box.querySelector(target);
    if (!box || !mark) { return false; }
    var top = mark.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    box.scrollTop = Math.max(0, top - box.clientHeight / 2);
    // Bring the chart's box into the window too when the mark would sit below the fold.
    var rect = mark.getBoundingClientRect();
    if (rect.bottom > window.innerHeight) {
      window.scrollBy(0, rect.bottom - window.innerHeight + 80);
    }
    return true;
  }
  function autoSubmit() {
    var form = document.getElementById('trace-filter');
    if (!form) { return; }
    form.addEventListener('change', function (event) {
      if (event.target.type === 'checkbox' || event.target.type === 'number') { form.submit(); }
    });
  }
  function wholeLabels() {
    var box = document.getElementById('trace-chart');
    var out = document.getElementById('trace-label');
    if (!box || !out) { return; }
    box.addEventListener('click', function (event) {
      var label = event.target.closest('text');
      if (!label) { return; }
      var title = label.querySelector('title');
      out.textContent = title ? title.textContent : label.textContent;
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    if (!scrollTo('#found')) { scrollTo('#failure'); }
    autoSubmit();
    wholeLabels();
  });
})();
