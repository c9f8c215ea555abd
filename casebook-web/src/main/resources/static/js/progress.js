// casebook pages: long actions (a workbook or screening import, the study report) show their
// progress instead of a frozen page. A form marked data-progress is sent in the background: the
// bar shows the upload's bytes as they go, then what the server is doing (data-working) with the
// seconds elapsed; the server's answer (the page with its message or its errors) then replaces
// the page, exactly as a plain submit would have shown it. A file over the upload limit
// (data-max-bytes) is refused before anything is sent, saying the limit.
(function () {
  'use strict';

  function megabytes(bytes) {
    return (bytes / 1048576).toFixed(1) + ' MB';
  }

  function tooLarge(form) {
    var limit = Number(form.dataset.maxBytes || 0);
    if (!limit) { return null; }
    var total = 0;
    form.querySelectorAll('input[type=file]').forEach(function (input) {
      Array.prototype.forEach.call(input.files || [], function (file) { total += file.size; });
    });
    return total > limit ? 'The files chosen have ' + megabytes(total) + '; an upload may have at most ' + megabytes(limit)
        + '. Zip them, or import fewer at once.' : null;
  }

  function show(form, fraction, text) {
    var box = form.querySelector('.progress');
    var bar = box.querySelector('progress');
    box.hidden = false;
    if (fraction === null) { bar.removeAttribute('value'); } else { bar.value = fraction; }
    box.querySelector('.progress-text').textContent = text;
  }

  function replacePage(request) {
    // the answer is the page a plain submit would have shown (after its redirect): show it, at its address
    document.open();
    document.write(request.responseText);
    document.close();
    if (request.responseURL) { history.replaceState(null, '', request.responseURL); }
  }

  function send(form, event) {
    var refusal = tooLarge(form);
    var note = form.querySelector('.progress-error');
    note.hidden = !refusal;
    note.textContent = refusal || '';
    if (refusal) { event.preventDefault(); return; }
    event.preventDefault();
    var started = Date.now();
    var working = form.dataset.working || 'Working';
    var timer = null;
    var request = new XMLHttpRequest();
    request.open('POST', form.action);
    request.upload.addEventListener('progress', function (e) {
      if (e.lengthComputable) { show(form, e.loaded / e.total, 'Uploading: ' + megabytes(e.loaded) + ' of ' + megabytes(e.total)); }
    });
    request.upload.addEventListener('load', function () {
      var tick = function () { show(form, null, working + '… ' + Math.round((Date.now() - started) / 1000) + ' s'); };
      tick();
      timer = setInterval(tick, 1000);
    });
    request.addEventListener('load', function () { clearInterval(timer); replacePage(request); });
    request.addEventListener('error', function () {
      clearInterval(timer);
      form.querySelector('.progress').hidden = true;
      note.hidden = false;
      note.textContent = 'The connection to the server broke off: nothing is known to have been saved. Reload the page to see, and try again.';
    });
    form.querySelectorAll('button[type=submit]').forEach(function (button) { button.disabled = true; });
    show(form, null, form.enctype === 'multipart/form-data' ? 'Uploading…' : working + '… 0 s');
    var multipart = form.enctype === 'multipart/form-data';
    request.send(multipart ? new FormData(form) : new URLSearchParams(new FormData(form)));
  }

  document.querySelectorAll('form[data-progress]').forEach(function (form) {
    form.addEventListener('submit', function (event) { send(form, event); });
  });
})();
