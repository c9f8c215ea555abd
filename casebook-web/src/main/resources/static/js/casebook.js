// casebook pages: checks as you type. The server checks everything again and is authoritative.
(function () {
  'use strict';

  // Case page: numeric inputs with data-min/data-max flag implausible values at once.
  document.querySelectorAll('input[data-min]').forEach(function (input) {
    function check() {
      var text = input.value.trim();
      var value = Number(text);
      var ok = text === '' || (!isNaN(value) && value >= Number(input.dataset.min) && value <= Number(input.dataset.max));
      input.classList.toggle('invalid', !ok);
      input.title = ok ? '' : 'expected a number from ' + input.dataset.min + ' to ' + input.dataset.max;
    }
    input.addEventListener('input', check);
    check();
  });

  // CT form: zone sums and the running Ichikado score (mean over zones of sum of percent x points).
  var form = document.getElementById('ct-form');
  if (!form) { return; }
  var points = [1, 2, 3, 4, 5, 6];
  function update() {
    var total = 0;
    var complete = true;
    form.querySelectorAll('tr[data-zone]').forEach(function (row) {
      var sum = 0, score = 0;
      row.querySelectorAll('input').forEach(function (input, i) {
        var value = parseInt(input.value, 10);
        if (isNaN(value)) { value = 0; }
        sum += value;
        score += value * points[i];
      });
      var cell = row.querySelector('.zone-sum');
      cell.textContent = sum;
      cell.className = 'zone-sum ' + (sum === 100 ? 'sum-ok' : 'sum-bad');
      row.querySelector('.zone-score').textContent = score;
      if (sum !== 100) { complete = false; }
      total += score;
    });
    document.getElementById('running-score').textContent = complete ? (total / 6).toFixed(1) : '— (a zone does not add up to 100)';
  }
  form.addEventListener('input', update);
  update();
})();
