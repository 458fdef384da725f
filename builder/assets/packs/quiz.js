/* Practice quizzes of the offline course site and of the LMS packages (SCORM, cmi5): the one
 * place where quizzes are rendered and marked. Self-contained, no dependency, works from file://.
 * The quiz data sits in <script type="application/json" id="quiz-data">. Every piece of text is
 * put in the page with textContent or createElement, never innerHTML, so author text can never
 * become markup.
 * An exam in an LMS package carries no answer: each question has ``key``, salted SHA-256 digests
 * of its accepted responses (see builder/packs/formats/lms_key.py), and the learner's response is
 * marked by comparing digests; no feedback or explanation is shown for an exam.
 * ``window.PackQuiz.start(root, data, hooks)`` mounts a quiz (the LMS runtime does this, with
 * hooks ``changed(answers)`` and ``checked(result)``); a root with ``data-manual`` is left alone. */
(function () {
  "use strict";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  /* Quiz text with Markdown arrives as a tree (builder/quiztext.py): strings, and elements as
   * [tag, attributes, children]. It is built with createElement and createTextNode, keeping only
   * the tags and attributes of the allow-list, never with innerHTML. */
  var RICH_TAGS = { p: [], pre: [], code: [], em: [], strong: [], a: ["href"], img: ["src", "alt"], br: [], kbd: [], sub: [], sup: [], abbr: ["title"], ul: [], ol: ["start"], li: [], blockquote: [], span: [] };
  var SAFE_URL = /^(https?:|mailto:|[^:]*$)/i;

  function richNode(n) {
    if (typeof n === "string") { return document.createTextNode(n); }
    var allowed = RICH_TAGS[n[0]];
    var node = document.createElement(allowed ? n[0] : "span");
    (allowed || []).forEach(function (name) {
      var v = n[1] && n[1][name];
      if (typeof v === "string" && ((name !== "href" && name !== "src") || SAFE_URL.test(v.replace(/[\s\u0000-\u001f]/g, "")))) { node.setAttribute(name, v); }
    });
    if (n[0] !== "img" && n[0] !== "br") { appendRich(node, n[2]); }
    return node;
  }

  /* Append text (a string) or a tree (an array) to a node. */
  function appendRich(node, value) {
    if (typeof value === "string") { node.appendChild(document.createTextNode(value)); return node; }
    (value || []).forEach(function (n) { node.appendChild(richNode(n)); });
    return node;
  }

  function field(q, key) { return q.rich && q.rich[key] ? q.rich[key] : q[key]; }

  function fmt(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return values.hasOwnProperty(k) ? String(values[k]) : m; });
  }

  var M = window.CurMarking; /* marking rules shared with the trainee site: docs/marking.md */


  function choiceInputs(q, qi, box) {
    var type = q.type === "multiple" ? "checkbox" : "radio";
    var opts = q.type === "true-false"
      ? [{ text: LABELS["true"], value: "true" }, { text: LABELS["false"], value: "false" }]
      : q.options.map(function (o, i) { return { text: o.textRich || o.text, value: String(i) }; });
    var order = opts.map(function (_, i) { return i; });
    if (q.type !== "true-false" && q.shuffle !== false) {
      order = M.shuffle(opts.length, q.options.map(function (o) { return Boolean(o.fixed); }), false);
    }
    order.forEach(function (k) {
      var o = opts[k];
      var id = "q" + qi + "-" + k;
      var label = el("label", { "for": id });
      var input = el("input", { type: type, name: "q" + qi, id: id, value: o.value });
      label.appendChild(input);
      label.appendChild(document.createTextNode(" "));
      appendRich(label, o.text);
      box.appendChild(label);
    });
  }

  function selectBox(name, label, choices) {
    var select = el("select", { name: name, "aria-label": label });
    select.appendChild(el("option", { value: "" }, LABELS.choose));
    choices.forEach(function (c) { select.appendChild(el("option", { value: c.value }, c.text)); });
    return select;
  }

  function textInput(q, qi, box) {
    var label = el("label", { "for": "q" + qi + "-in" });
    label.appendChild(document.createTextNode(LABELS.answer + " "));
    var input = el("input", { type: "text", id: "q" + qi + "-in", name: "q" + qi, autocomplete: "off" });
    if (q.type === "numeric") { input.setAttribute("inputmode", "decimal"); }
    label.appendChild(input);
    if (q.unit) { label.appendChild(document.createTextNode(" " + q.unit)); }
    box.appendChild(label);
  }

  function matchInputs(q, qi, box) {
    var order = q.shuffle === false ? q.pairs.map(function (_, i) { return i; }) : M.shuffle(q.pairs.length, null, true);
    var choices = order.map(function (k) { return { value: String(k), text: q.pairs[k].right }; });
    q.pairs.forEach(function (p, i) {
      var label = el("label", {}, p.left + " ");
      label.appendChild(selectBox("q" + qi + "-" + i, p.left, choices));
      box.appendChild(label);
    });
  }

  function orderInputs(q, qi, box) {
    var positions = q.items.map(function (_, i) { return { value: String(i + 1), text: String(i + 1) }; });
    M.shuffle(q.items.length, null, true).forEach(function (k) {
      var label = el("label", {});
      label.appendChild(selectBox("q" + qi + "-" + k, LABELS.position + " — " + q.items[k], positions));
      label.appendChild(document.createTextNode(" " + q.items[k]));
      box.appendChild(label);
    });
  }

  function render(q, qi, form) {
    var box = el("fieldset", { "class": "question", "data-type": q.type });
    box.appendChild(appendRich(el("legend", {}, (qi + 1) + ". "), field(q, "prompt")));
    if (q.type === "single" || q.type === "multiple" || q.type === "true-false") { choiceInputs(q, qi, box); }
    else if (q.type === "short" || q.type === "numeric") { textInput(q, qi, box); }
    else if (q.type === "match") { matchInputs(q, qi, box); }
    else { orderInputs(q, qi, box); }
    form.appendChild(box);
    return box;
  }

  function checked(box) {
    return Array.prototype.filter.call(box.querySelectorAll("input"), function (i) { return i.checked; })
      .map(function (i) { return i.value; });
  }

  function selects(box) {
    return Array.prototype.slice.call(box.querySelectorAll("select"))
      .sort(function (a, b) { return a.name.split("-")[1] - b.name.split("-")[1]; })
      .map(function (s) { return s.value; }).join(",");
  }

  /* The canonical form of a response, the same as lms_key.py's for the accepted responses. */
  function canonical(q, box) {
    if (q.type === "single" || q.type === "multiple" || q.type === "true-false") {
      return [checked(box).sort().join(",")];
    }
    if (q.type === "short") { return [M.clean(box.querySelector("input").value)]; }
    if (q.type === "numeric") {
      var scale = Math.pow(10, q.digits);
      return M.numberReadings(box.querySelector("input").value).map(function (x) {
        return (Math.round(x * scale) / scale + 0).toFixed(q.digits);
      });
    }
    return [selects(box)];
  }

  /* An exam question: right when one reading of the response has a digest in the key. */
  function gradeByKey(q, box) {
    var ok = canonical(q, box).some(function (response) {
      return response !== "" && q.key.indexOf(sha256(q.salt + "\u0000" + response)) >= 0;
    });
    return { ok: ok, share: ok ? 1 : 0, notes: [] };
  }

  function selected(box, qi, n) {
    var out = [];
    for (var i = 0; i < n; i++) {
      var value = box.querySelector("select[name='q" + qi + "-" + i + "']").value;
      out.push(value === "" ? -1 : Number(value));
    }
    return out;
  }

  function answered(q, box) {
    if (q.type === "short" || q.type === "numeric") { return box.querySelector("input").value.trim() !== ""; }
    if (q.type === "match" || q.type === "order") {
      return Array.prototype.some.call(box.querySelectorAll("select"), function (s) { return s.value !== ""; });
    }
    return checked(box).length > 0;
  }

  function expectedText(q) {
    if (q.type === "short") { return q.answers.join("; "); }
    if (q.type === "numeric") { return String(q.value) + (q.tolerance ? " ± " + q.tolerance : "") + (q.unit ? " " + q.unit : ""); }
    if (q.type === "match") { return q.pairs.map(function (p) { return p.left + " → " + p.right; }).join("; "); }
    return q.items.join(" → ");
  }

  function grade(q, box) {
    if (q.key) { return gradeByKey(q, box); }
    var qi = box.dataset.index, share = 0, notes = [], given = "";
    if (q.type === "single" || q.type === "multiple") {
      var picked = checked(box).map(Number);
      var chosen = q.options.map(function (_, i) { return picked.indexOf(i) >= 0; });
      share = q.type === "multiple"
        ? M.multipleShare(q.options.map(function (o) { return Boolean(o.correct); }), chosen)
        : (picked.length === 1 && q.options[picked[0]].correct ? 1 : 0);
      picked.forEach(function (i) { if (q.options[i].feedback) { notes.push(q.options[i].feedbackRich || q.options[i].feedback); } });
    } else if (q.type === "true-false") {
      var tf = checked(box);
      share = tf.length === 1 && (tf[0] === "true") === q.answer ? 1 : 0;
      notes.push(fmt(LABELS.tf_answer, { answer: q.answer ? LABELS["true"] : LABELS["false"] }));
      if (tf.length === 1) { notes.push(field(q, tf[0] === "true" ? "trueFeedback" : "falseFeedback")); }
    } else if (q.type === "short" || q.type === "numeric") {
      given = box.querySelector("input").value.trim();
      var ok = q.type === "short" ? M.shortOk(given, q.answers) : M.numericOk(given, q.value, q.tolerance || 0);
      share = ok ? 1 : 0;
    } else if (q.type === "match") {
      var picks = selected(box, qi, q.pairs.length);
      share = M.matchShare(picks);
      given = picks.map(function (p, i) { return q.pairs[i].left + " → " + (p < 0 ? "—" : q.pairs[p].right); }).join("; ");
    } else {
      var positions = selected(box, qi, q.items.length); /* positions[k]: place (1-based) given to item k */
      var order = [];
      positions.forEach(function (pos, k) { if (pos > 0 && order[pos - 1] === undefined) { order[pos - 1] = k; } });
      var full = q.items.map(function (_, pos) { return order[pos] === undefined ? -1 : order[pos]; });
      share = M.orderShare(full);
      given = full.map(function (k) { return k < 0 ? "—" : q.items[k]; }).join(" → ");
    }
    if (q.type !== "single" && q.type !== "multiple" && q.type !== "true-false") {
      notes.push(field(q, share >= 1 ? "correctFeedback" : "incorrectFeedback"));
      if (share < 1) {
        notes.push(LABELS.your_answer + ": " + (given || "—"));
        notes.push(LABELS.expected + ": " + expectedText(q));
      }
    }
    return { ok: share >= 1 - 1e-9, share: share, notes: notes.filter(function (n) { return n; }) };
  }

  function showFeedback(q, box, result) {
    if (q.key) { return; }
    var old = box.querySelector(".feedback");
    if (old) { old.parentNode.removeChild(old); }
    var partial = !result.ok && result.share > 0;
    var fb = el("div", { "class": "feedback " + (result.ok ? "right" : partial ? "partial" : "wrong"), role: "status" });
    fb.appendChild(el("p", {}, result.ok ? LABELS.right : partial
      ? fmt(LABELS.partly, { earned: Math.round(result.share * q.points * 100) / 100, points: q.points })
      : LABELS.wrong));
    result.notes.forEach(function (n) { fb.appendChild(appendRich(el("div", {}), n)); });
    fb.appendChild(appendRich(el("div", {}, LABELS.explanation + ": "), field(q, "explanation")));
    box.appendChild(fb);
  }

  var LABELS = {};

  /* The learner's answers as one short string per question (suspend_data in an LMS). */
  function answersOf(boxes) {
    return boxes.map(function (box) {
      var text = box.querySelector("input[type=text]");
      if (text) { return text.value.slice(0, 100); }
      if (box.querySelector("select")) { return selects(box); }
      return checked(box).join(",");
    });
  }

  function restore(boxes, answers) {
    boxes.forEach(function (box, qi) {
      var a = answers[qi];
      if (typeof a !== "string" || a === "") { return; }
      var text = box.querySelector("input[type=text]");
      if (text) { text.value = a; return; }
      var sel = Array.prototype.slice.call(box.querySelectorAll("select"))
        .sort(function (x, y) { return x.name.split("-")[1] - y.name.split("-")[1]; });
      if (sel.length) { a.split(",").forEach(function (v, i) { if (sel[i]) { sel[i].value = v; } }); return; }
      a.split(",").forEach(function (v) {
        Array.prototype.forEach.call(box.querySelectorAll("input"), function (i) { if (i.value === v) { i.checked = true; } });
      });
    });
  }

  function start(root, data, hooks) {
    hooks = hooks || {};
    LABELS = data.labels;
    var form = el("form", { "class": "quiz-form", novalidate: "novalidate" });
    var boxes = [];
    function build() {
      boxes.forEach(function (b) { b.parentNode.removeChild(b); });
      boxes = data.questions.map(function (q, qi) {
        var box = render(q, qi, form);
        box.dataset.index = String(qi);
        form.insertBefore(box, warning);
        return box;
      });
    }
    var warning = el("p", { "class": "unanswered", role: "alert" });
    warning.hidden = true;
    var score = el("p", { "class": "score", role: "status", "aria-live": "polite" });
    var check = el("button", { type: "submit" }, LABELS.check);
    var reset = el("button", { type: "reset" }, LABELS.reset);
    var warned = false;
    form.appendChild(warning);
    form.appendChild(check);
    form.appendChild(reset);
    form.appendChild(score);
    build();
    function clearWarning() { warned = false; warning.hidden = true; warning.textContent = ""; check.textContent = LABELS.check; }
    form.addEventListener("change", function () { if (warned) { clearWarning(); } });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var open = [];
      data.questions.forEach(function (q, qi) { if (!answered(q, boxes[qi])) { open.push(qi + 1); } });
      if (open.length && !warned) {
        warned = true;
        warning.textContent = fmt(LABELS.unanswered_warn, { n: open.length, list: open.join(", ") });
        warning.hidden = false;
        check.textContent = LABELS.check_anyway;
        return;
      }
      clearWarning();
      var got = 0, total = 0;
      data.questions.forEach(function (q, qi) {
        var result = grade(q, boxes[qi]);
        total += q.points;
        got += q.points * result.share;
        showFeedback(q, boxes[qi], result);
      });
      got = Math.round(got * 100) / 100;
      var percent = total ? Math.round((got / total) * 100) : 0;
      var passed = percent >= data.passMark;
      score.textContent = fmt(LABELS.score, { score: got, total: total, percent: percent }) + " " +
        (passed ? LABELS.passed : fmt(LABELS.not_passed, { percent: data.passMark }));
      if (hooks.checked) {
        hooks.checked({ got: got, total: total, percent: percent, passed: passed, answers: answersOf(boxes),
          questions: data.questions.map(function (q, qi) {
            return { id: q.id, ok: grade(q, boxes[qi]).ok, response: answersOf([boxes[qi]])[0] };
          }) });
      }
    });
    form.addEventListener("change", function () { if (hooks.changed) { hooks.changed(answersOf(boxes)); } });
    form.addEventListener("reset", function (ev) {
      ev.preventDefault();
      clearWarning();
      score.textContent = "";
      build(); /* a new attempt: options, right-hand sides and items shuffled again */
      if (hooks.changed) { hooks.changed(answersOf(boxes)); }
    });
    root.appendChild(form);
    return {
      answers: function () { return answersOf(boxes); },
      restore: function (answers) { restore(boxes, answers || []); },
      form: form
    };
  }

  /* SHA-256 of a string's UTF-8 bytes, as lowercase hex (exam keys; synchronous, works offline
   * and outside secure contexts, where crypto.subtle is missing). */
  function sha256(text) {
    var bytes = unescape(encodeURIComponent(text)), K = [], H = [], i, j;
    function frac(x) { return (x - Math.floor(x)) * 4294967296 | 0; }
    for (i = 2, j = 0; j < 64; i++) {
      var prime = true;
      for (var d = 2; d * d <= i; d++) { if (i % d === 0) { prime = false; break; } }
      if (prime) { if (j < 8) { H[j] = frac(Math.sqrt(i)); } K[j++] = frac(Math.cbrt(i)); }
    }
    var words = [], n = bytes.length;
    for (i = 0; i < n; i++) { words[i >> 2] |= bytes.charCodeAt(i) << (24 - (i % 4) * 8); }
    words[n >> 2] |= 0x80 << (24 - (n % 4) * 8);
    var total = ((n + 8) >> 6) * 16 + 16;
    for (i = words.length; i < total; i++) { words[i] = words[i] | 0; }
    words[total - 1] = n * 8;
    function ror(x, r) { return (x >>> r) | (x << (32 - r)); }
    for (i = 0; i < total; i += 16) {
      var w = words.slice(i, i + 16), a = H.slice();
      for (j = 0; j < 64; j++) {
        if (j >= 16) {
          var s0 = ror(w[j - 15], 7) ^ ror(w[j - 15], 18) ^ (w[j - 15] >>> 3);
          var s1 = ror(w[j - 2], 17) ^ ror(w[j - 2], 19) ^ (w[j - 2] >>> 10);
          w[j] = (w[j - 16] + s0 + w[j - 7] + s1) | 0;
        }
        var t1 = (a[7] + (ror(a[4], 6) ^ ror(a[4], 11) ^ ror(a[4], 25)) + ((a[4] & a[5]) ^ (~a[4] & a[6])) + K[j] + w[j]) | 0;
        var t2 = ((ror(a[0], 2) ^ ror(a[0], 13) ^ ror(a[0], 22)) + ((a[0] & a[1]) ^ (a[0] & a[2]) ^ (a[1] & a[2]))) | 0;
        a = [(t1 + t2) | 0, a[0], a[1], a[2], (a[3] + t1) | 0, a[4], a[5], a[6]];
      }
      for (j = 0; j < 8; j++) { H[j] = (H[j] + a[j]) | 0; }
    }
    return H.map(function (h) { return ("00000000" + (h >>> 0).toString(16)).slice(-8); }).join("");
  }

  window.PackQuiz = { start: start, sha256: sha256 };

  document.addEventListener("DOMContentLoaded", function () {
    var data = document.getElementById("quiz-data");
    var root = document.getElementById("quiz-root");
    if (data && root && !root.hasAttribute("data-manual")) { start(root, JSON.parse(data.textContent)); }
  });
})();
