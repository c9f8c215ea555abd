// casebook pages: checks as you type. The server checks everything again and is authoritative.
(function () {
  'use strict';

  // Case page: inputs with data-kind are checked as you type. What is allowed (number ranges from
  // the protocol, dates and the date they may not precede, category values, text lengths, the
  // wording of "expected …") is rendered by the server from the protocol's case schema into data-*
  // attributes; this script only applies it. The server checks everything again.
  function isRealDate(text) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!match) { return false; }
    var date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
    return date.getUTCFullYear() === Number(match[1]) && date.getUTCMonth() === Number(match[2]) - 1 && date.getUTCDate() === Number(match[3]);
  }

  function problem(input) {
    var text = input.value.trim();
    var data = input.dataset;
    var expected = 'expected ' + (data.expected || 'another value');
    // a date or number input the browser cannot read (a partly typed date, letters) reports an empty value
    if (text === '' && input.validity && input.validity.badInput) { return expected; }
    if (text === '') { return data.required === 'true' ? 'required value missing: ' + expected : null; }
    switch (data.kind) {
      case 'number':
      case 'integer':
        var value = Number(text);
        var ok = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) && !(data.kind === 'integer' && !/^[-+]?\d+$/.test(text))
            && !(data.min !== undefined && value < Number(data.min)) && !(data.max !== undefined && value > Number(data.max));
        return ok ? null : "'" + text + "': " + expected;
      case 'date':
        var inRange = !(data.earliest && text < data.earliest) && !(data.latest && text > data.latest);
        if (!isRealDate(text) || !inRange) { return "'" + text + "': " + expected; }
        var earliest = data.notBefore ? document.getElementById(data.notBefore) : null;
        if (earliest && isRealDate(earliest.value.trim()) && text < earliest.value.trim()) {
          return "'" + text + "': " + data.notBeforeMessage + ' ' + earliest.value.trim();
        }
        return null;
      case 'choice':
        var allowed = data.allowed.toLowerCase().split('|');
        return allowed.indexOf(text.toLowerCase()) >= 0 ? null : "'" + text + "': " + expected;
      case 'pattern':
        return new RegExp('^(?:' + data.pattern + ')$', 'i').test(text) ? null : "'" + text + "': " + expected;
      case 'text':
        return data.maxLength && text.length > Number(data.maxLength) ? expected + ', found ' + text.length : null;
      default:
        return null;
    }
  }

  function show(input, message) {
    var note = input.parentNode.querySelector('.live-error[data-for="' + input.id + '"]');
    if (!note) {
      note = document.createElement('span');
      note.className = 'field-error live-error';
      note.dataset.for = input.id;
      note.id = 'live-error:' + input.id;
      note.setAttribute('aria-live', 'polite');
      input.insertAdjacentElement('afterend', note);
      // screen readers read the problem with the field
      var described = (input.getAttribute('aria-describedby') || '').trim();
      input.setAttribute('aria-describedby', (described ? described + ' ' : '') + note.id);
    }
    note.textContent = message || '';
    note.hidden = !message;
    input.classList.toggle('invalid', !!message);
    input.setAttribute('aria-invalid', message ? 'true' : 'false');
    input.title = message || '';
  }

  // After a refused save the page comes back with the typed values and each problem beside its
  // field: put the keyboard in the first field the server refused.
  var firstRefused = document.querySelector('#case-form [aria-invalid="true"]');
  if (firstRefused) {
    var target = firstRefused.tagName === 'FIELDSET' ? firstRefused.querySelector('input') : firstRefused;
    if (target) { target.focus(); }
  }

  var checked = document.querySelectorAll('input[data-kind], select[data-kind]');
  checked.forEach(function (input) {
    var check = function () {
      show(input, problem(input));
      // a date another date may not precede: check that one again too
      checked.forEach(function (other) {
        if (other.dataset.notBefore === input.id && other.value.trim() !== '') { show(other, problem(other)); }
      });
    };
    input.addEventListener('input', check);
    input.addEventListener('change', check);
    // on load, mark a bad value but leave the server's own error marks alone
    if (input.value.trim() !== '' && problem(input)) { show(input, problem(input)); }
  });

  // CT reading form, under any scoring system: what a region must add up to (Ichikado: 100), each
  // input's weight (Ichikado: the pattern's points; Kazerooni: 1) and the messages come from the
  // server (the protocol's CtScoringSystem) as data-* attributes. A region's score is the sum of
  // value x weight; the running score is the mean over regions.
  var form = document.getElementById('ct-form');
  if (!form) { return; }
  var regionSum = form.dataset.regionSum === undefined || form.dataset.regionSum === '' ? null : Number(form.dataset.regionSum);
  function update() {
    var total = 0, regions = 0;
    var sumsOk = true, missing = false;
    form.querySelectorAll('tr[data-region]').forEach(function (row) {
      var sum = 0, score = 0;
      row.querySelectorAll('[data-weight]').forEach(function (input) {
        var value = parseInt(input.value, 10);
        if (isNaN(value)) {
          if (input.tagName === 'SELECT') { missing = true; }
          value = 0;
        }
        sum += value;
        score += value * Number(input.dataset.weight);
      });
      var cell = row.querySelector('.region-sum');
      if (cell) {
        cell.textContent = sum;
        cell.className = 'region-sum ' + (sum === regionSum ? 'sum-ok' : 'sum-bad');
        if (sum !== regionSum) { sumsOk = false; }
      }
      row.querySelector('.region-score').textContent = score;
      total += score;
      regions += 1;
    });
    var running = document.getElementById('running-score');
    if (!sumsOk) {
      running.textContent = form.dataset.sumMessage;
    } else if (missing) {
      running.textContent = form.dataset.missingMessage;
    } else {
      running.textContent = (total / regions).toFixed(1);
    }
  }
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  update();
})();
