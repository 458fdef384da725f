/* Practice quizzes of the offline course site. Self-contained, no dependency, works from file://.
 * The quiz data sits in <script type="application/json" id="quiz-data">. Every piece of text is
 * put in the page with textContent or createElement, never innerHTML, so author text can never
 * become markup. */
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

  function norm(s) { return String(s).trim().replace(/\s+/g, " ").toLowerCase(); }

  function choiceInputs(q, qi, box) {
    var type = q.type === "multiple" ? "checkbox" : "radio";
    var opts = q.type === "true-false"
      ? [{ text: LABELS["true"], value: "true" }, { text: LABELS["false"], value: "false" }]
      : q.options.map(function (o, i) { return { text: o.textRich || o.text, value: String(i) }; });
    opts.forEach(function (o, i) {
      var id = "q" + qi + "-" + i;
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
    var choices = q.rightOrder.map(function (k) { return { value: String(k), text: q.pairs[k].right }; });
    q.pairs.forEach(function (p, i) {
      var label = el("label", {}, p.left + " ");
      label.appendChild(selectBox("q" + qi + "-" + i, p.left, choices));
      box.appendChild(label);
    });
  }

  function orderInputs(q, qi, box) {
    var positions = q.items.map(function (_, i) { return { value: String(i + 1), text: String(i + 1) }; });
    q.itemOrder.forEach(function (k) {
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

  function grade(q, box) {
    var picked, ok, notes = [];
    if (q.type === "single" || q.type === "multiple") {
      picked = checked(box).map(Number);
      var right = q.options.map(function (o, i) { return o.correct ? i : -1; }).filter(function (i) { return i >= 0; });
      ok = picked.length === right.length && right.every(function (i) { return picked.indexOf(i) >= 0; });
      picked.forEach(function (i) { if (q.options[i].feedback) { notes.push(q.options[i].feedbackRich || q.options[i].feedback); } });
    } else if (q.type === "true-false") {
      picked = checked(box);
      ok = picked.length === 1 && (picked[0] === "true") === q.answer;
      if (picked.length === 1) { notes.push(field(q, picked[0] === "true" ? "trueFeedback" : "falseFeedback")); }
    } else if (q.type === "short") {
      var given = norm(box.querySelector("input").value);
      ok = given !== "" && q.answers.some(function (a) { return norm(a) === given; });
    } else if (q.type === "numeric") {
      var raw = box.querySelector("input").value.trim().replace(",", ".");
      var x = raw === "" ? NaN : Number(raw);
      ok = !isNaN(x) && Math.abs(x - q.value) <= q.tolerance + 1e-9;
    } else if (q.type === "match") {
      ok = q.pairs.every(function (_, i) { return box.querySelector("select[name='q" + box.dataset.index + "-" + i + "']").value === String(i); });
    } else {
      ok = q.items.every(function (_, k) { return box.querySelector("select[name='q" + box.dataset.index + "-" + k + "']").value === String(k + 1); });
    }
    if (q.type !== "single" && q.type !== "multiple" && q.type !== "true-false") {
      notes.push(field(q, ok ? "correctFeedback" : "incorrectFeedback"));
    }
    return { ok: ok, notes: notes.filter(function (n) { return n; }) };
  }

  function showFeedback(q, box, result) {
    var old = box.querySelector(".feedback");
    if (old) { old.parentNode.removeChild(old); }
    var fb = el("div", { "class": "feedback " + (result.ok ? "right" : "wrong"), role: "status" });
    fb.appendChild(el("p", {}, result.ok ? LABELS.right : LABELS.wrong));
    result.notes.forEach(function (n) { fb.appendChild(appendRich(el("div", {}), n)); });
    fb.appendChild(appendRich(el("div", {}, LABELS.explanation + ": "), field(q, "explanation")));
    box.appendChild(fb);
  }

  var LABELS = {};

  function start(root, data) {
    LABELS = data.labels;
    var form = el("form", { "class": "quiz-form", novalidate: "novalidate" });
    var boxes = data.questions.map(function (q, qi) {
      var box = render(q, qi, form);
      box.dataset.index = String(qi);
      return box;
    });
    var score = el("p", { "class": "score", role: "status", "aria-live": "polite" });
    var check = el("button", { type: "submit" }, LABELS.check);
    var reset = el("button", { type: "reset" }, LABELS.reset);
    form.appendChild(check);
    form.appendChild(reset);
    form.appendChild(score);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var got = 0, total = 0;
      data.questions.forEach(function (q, qi) {
        var result = grade(q, boxes[qi]);
        total += q.points;
        if (result.ok) { got += q.points; }
        showFeedback(q, boxes[qi], result);
      });
      var percent = total ? Math.round((got / total) * 100) : 0;
      score.textContent = fmt(LABELS.score, { score: got, total: total, percent: percent }) + " " +
        (percent >= data.passMark ? LABELS.passed : fmt(LABELS.not_passed, { percent: data.passMark }));
    });
    form.addEventListener("reset", function () {
      Array.prototype.forEach.call(form.querySelectorAll(".feedback"), function (n) { n.parentNode.removeChild(n); });
      score.textContent = "";
    });
    root.appendChild(form);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var data = document.getElementById("quiz-data");
    var root = document.getElementById("quiz-root");
    if (data && root) { start(root, JSON.parse(data.textContent)); }
  });
})();
