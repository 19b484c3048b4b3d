// The chart page, enhanced: the chart opens scrolled to its failure, and ticking a node or changing the time
// window redraws at once. Without this file the page still works: the link jumps, the form's button submits.
(function () {
  function showFailure() {
    var box = document.getElementById('trace-chart');
    var failure = box && box.querySelector('#failure');
    if (!box || !failure) { return; }
    var top = failure.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    box.scrollTop = Math.max(0, top - box.clientHeight / 2);
    // Bring the chart's box into the window too when the failure would sit below the fold.
    var rect = failure.getBoundingClientRect();
    if (rect.bottom > window.innerHeight) {
      window.scrollBy(0, rect.bottom - window.innerHeight + 80);
    }
  }
  function autoSubmit() {
    var form = document.getElementById('trace-filter');
    if (!form) { return; }
    form.addEventListener('change', function (event) {
      if (event.target.type === 'checkbox') { form.submit(); }
    });
  }
  document.addEventListener('DOMContentLoaded', function () { showFailure(); autoSubmit(); });
})();
