/*
 * The trainee site's script: practice quizzes, completion states, the progress page.
 *
 * - Quiz text is author text: it is only ever put into the page with textContent and
 *   createTextNode (never innerHTML), so markup in a prompt or option shows as text.
 * - Progress lives in localStorage under window.CURRICULUM.key (memory only when the browser
 *   refuses storage). A module is done when its practice quiz has been passed once.
 * - Interface strings come from window.CURRICULUM.strings (written by the builder).
 */
(function () {
  "use strict";

  var CFG = window.CURRICULUM || { key: "safe-curriculum", source: "en", strings: {} };
  var LANG = (document.documentElement.getAttribute("lang") || CFG.source).split("-")[0];
  var STRINGS = CFG.strings[LANG] || CFG.strings[CFG.source] || {};
  var FORMAT = "safe-curriculum-progress";
  var ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var uid = 0;

  function t(key, values) {
    var text = STRINGS[key] || key;
    if (!values) return text;
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  /* Build an element: attrs set with setAttribute, children are nodes or plain text. */
  function h(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === false || value === null || value === undefined) return;
      node.setAttribute(name, value === true ? "" : String(value));
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      node.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
    });
    return node;
  }

  /* Quiz text with Markdown arrives as a tree (builder/quiztext.py): strings, and elements as
   * [tag, attributes, children]. Build it with createElement and createTextNode, keeping only
   * the tags and attributes of the allow-list (never innerHTML). */
  var RICH_TAGS = { p: [], pre: [], code: [], em: [], strong: [], a: ["href"], img: ["src", "alt"], br: [], kbd: [], sub: [], sup: [], abbr: ["title"], ul: [], ol: ["start"], li: [], blockquote: [], span: [] };
  var SAFE_URL = /^(https?:|mailto:|[^:]*$)/i;

  function rich(value) {
    if (typeof value === "string") return [value];
    return (value || []).map(function (n) {
      if (typeof n === "string") return n;
      var allowed = RICH_TAGS[n[0]];
      if (!allowed) return h("span", {}, rich(n[2]));
      var attrs = {};
      allowed.forEach(function (name) {
        var v = n[1] && n[1][name];
        if (typeof v === "string" && ((name !== "href" && name !== "src") || SAFE_URL.test(v.replace(/[\s\u0000-\u001f]/g, "")))) attrs[name] = v;
      });
      return h(n[0], attrs, n[0] === "img" || n[0] === "br" ? [] : rich(n[2]));
    });
  }

  /* A question's text field: its tree when it has Markdown, else its plain text. */
  function qtext(q, key) {
    return q.rich && q.rich[key] ? rich(q.rich[key]) : [q[key]];
  }

  function nextId(prefix) {
    uid += 1;
    return prefix + "-" + uid;
  }

  /* ------------------------------------------------------------------ progress storage */

  var memory = null;
  var storageWorks = true;

  function emptyProgress() {
    return { format: FORMAT, version: 1, programme: CFG.programme || "", modules: {} };
  }

  function loadProgress() {
    if (memory) return memory;
    var data = null;
    try {
      data = JSON.parse(window.localStorage.getItem(CFG.key) || "null");
    } catch (e) {
      storageWorks = false;
    }
    memory = cleanProgress(data) || emptyProgress();
    return memory;
  }

  function saveProgress(progress) {
    memory = progress;
    try {
      window.localStorage.setItem(CFG.key, JSON.stringify(progress));
    } catch (e) {
      storageWorks = false;
    }
    document.dispatchEvent(new CustomEvent("curriculum:progress")); /* curriculum-site.js */
  }

  /* Return a clean copy of a progress object, or null when it is not one. */
  function cleanProgress(data) {
    if (!data || typeof data !== "object" || data.format !== FORMAT || !data.modules || typeof data.modules !== "object") {
      return null;
    }
    var out = emptyProgress();
    Object.keys(data.modules).forEach(function (id) {
      var m = data.modules[id];
      if (!ID.test(id) || !m || typeof m !== "object") return;
      var best = typeof m.best === "number" && isFinite(m.best) ? Math.max(0, Math.min(100, Math.round(m.best))) : 0;
      out.modules[id] = { passed: m.passed === true, best: best };
    });
    /* Keys this script does not know (certificates, later additions) are kept as they are. */
    Object.keys(data).forEach(function (key) {
      if (!Object.prototype.hasOwnProperty.call(out, key)) out[key] = data[key];
    });
    return out;
  }

  function recordResult(moduleId, percent, passed) {
    var progress = loadProgress();
    var entry = progress.modules[moduleId] || { passed: false, best: 0 };
    entry.best = Math.max(entry.best || 0, percent);
    entry.passed = entry.passed || passed;
    progress.modules[moduleId] = entry;
    saveProgress(progress);
  }

  function isDone(progress, id) {
    return Boolean(progress.modules[id] && progress.modules[id].passed);
  }

  /* ------------------------------------------------------------------ completion states */

  function renderStates() {
    var progress = loadProgress();
    document.querySelectorAll(".cur-state[data-module]").forEach(function (node) {
      var done = isDone(progress, node.getAttribute("data-module"));
      node.textContent = "";
      node.appendChild(h("span", { "aria-hidden": "true", class: "cur-icon" }, [done ? "\u2714" : "\u25CB"]));
      node.appendChild(document.createTextNode(" " + t(done ? "state.done" : "state.todo")));
      node.classList.toggle("cur-done", done);
      node.classList.toggle("cur-todo", !done);
    });
    document.querySelectorAll(".cur-module-state[data-module]").forEach(function (node) {
      var entry = progress.modules[node.getAttribute("data-module")];
      if (!entry) {
        node.hidden = true;
        return;
      }
      node.textContent = t(entry.passed ? "module.passed" : "module.tried", { best: entry.best });
      node.classList.toggle("cur-done", entry.passed);
      node.hidden = false;
    });
    document.querySelectorAll(".cur-map-node[data-module]").forEach(function (node) {
      node.classList.toggle("cur-done", isDone(progress, node.getAttribute("data-module")));
    });
    renderProgressPage(progress);
    if (!storageWorks) showStorageWarning();
  }

  function showStorageWarning() {
    if (document.getElementById("cur-storage-warning")) return;
    var article = document.querySelector("article") || document.body;
    article.insertBefore(h("p", { id: "cur-storage-warning", class: "cur-warning", role: "note" }, [t("storage.off")]), article.firstChild);
  }

  /* ------------------------------------------------------------------ progress page */

  function renderProgressPage(progress) {
    var summary = document.getElementById("cur-progress-summary");
    if (!summary) return;
    var total = 0;
    var done = 0;
    document.querySelectorAll(".cur-progress-track[data-track]").forEach(function (box) {
      var ids = Array.prototype.map.call(box.querySelectorAll(".cur-state[data-module]"), function (n) {
        return n.getAttribute("data-module");
      });
      var count = ids.filter(function (id) { return isDone(progress, id); }).length;
      var label = document.querySelector('.cur-track-count[data-track="' + cssEscape(box.getAttribute("data-track")) + '"]');
      if (label) label.textContent = t("progress.track", { done: count, total: ids.length, left: ids.length - count });
      total += ids.length;
      done += count;
    });
    summary.textContent = t("progress.summary", { done: done, total: total, left: total - done });
  }

  function cssEscape(text) {
    return window.CSS && CSS.escape ? CSS.escape(text) : String(text).replace(/[^a-zA-Z0-9_-]/g, "\\$&");
  }

  function setStatus(text) {
    var status = document.getElementById("cur-progress-status");
    if (status) status.textContent = text;
  }

  function setupProgressTools() {
    var exportButton = document.getElementById("cur-export");
    var importInput = document.getElementById("cur-import");
    var clearButton = document.getElementById("cur-clear");
    if (exportButton) exportButton.addEventListener("click", exportProgress);
    if (importInput) importInput.addEventListener("change", function () { importProgress(importInput); });
    if (clearButton) {
      clearButton.addEventListener("click", function () {
        if (!window.confirm(t("progress.confirm"))) return;
        saveProgress(emptyProgress());
        renderStates();
        setStatus(t("progress.cleared"));
      });
    }
  }

  function exportProgress() {
    var name = "safe-curriculum-progress.json";
    var blob = new Blob([JSON.stringify(loadProgress(), null, 2) + "\n"], { type: "application/json" });
    var url = URL.createObjectURL(blob);
    var link = h("a", { href: url, download: name, hidden: true }, []);
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
    setStatus(t("progress.exported", { file: name }));
  }

  function importProgress(input) {
    var file = input.files && input.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      var data = null;
      try {
        data = cleanProgress(JSON.parse(String(reader.result)));
      } catch (e) {
        data = null;
      }
      input.value = "";
      if (!data) {
        setStatus(t("progress.badfile"));
        return;
      }
      var progress = loadProgress();
      Object.keys(data.modules).forEach(function (id) {
        var mine = progress.modules[id] || { passed: false, best: 0 };
        var theirs = data.modules[id];
        progress.modules[id] = { passed: mine.passed || theirs.passed, best: Math.max(mine.best, theirs.best) };
      });
      if (Array.isArray(data.certificates)) {
        progress.certificates = (Array.isArray(progress.certificates) ? progress.certificates : []).concat(data.certificates);
      }
      saveProgress(progress);
      renderStates();
      var done = Object.keys(progress.modules).filter(function (id) { return progress.modules[id].passed; }).length;
      setStatus(t("progress.imported", { n: done }));
    };
    reader.readAsText(file);
  }

  /* ------------------------------------------------------------------ quizzes */
  /* Marking rules live in marking.js (window.CurMarking), shared with the packs' mini-site and
     documented in docs/marking.md. Options, right-hand sides and items are shuffled afresh on
     every attempt (pinned options stay; a question with shuffle: false keeps its order). */

  var M = window.CurMarking;

  function verdict(kind, share, points) {
    var ok = kind === "correct";
    var icon = ok ? "\u2714" : kind === "partial" ? "\u25D1" : "\u2718";
    var label = ok ? t("correct") : kind === "partial"
      ? t("partial", { earned: round(share * points), points: round(points) })
      : kind === "unanswered" ? t("not_answered") : t("incorrect");
    return h("p", { class: "cur-verdict cur-verdict--" + (ok ? "correct" : kind === "partial" ? "partial" : "incorrect") }, [
      h("span", { class: "cur-icon", "aria-hidden": "true" }, [icon]),
      " " + label,
    ]);
  }

  function pointsLabel(points) {
    return points === 1 ? t("point") : t("points", { n: points });
  }

  function shareState(share, answered) {
    if (!answered) return "unanswered";
    return share >= 1 - 1e-9 ? "correct" : share > 0 ? "partial" : "incorrect";
  }

  function yoursExpected(yours, expected) {
    return [
      h("p", { class: "cur-yours" }, [h("strong", {}, [t("your_answer") + ": "]), yours || "\u2014"]),
      h("p", { class: "cur-expected" }, [h("strong", {}, [t("expected") + ": "]), expected]),
    ];
  }

  /* Each builder returns {node, answered(), check(), reset(), disable(flag)}; check() returns
     {state: "correct"|"partial"|"incorrect"|"unanswered", share: 0..1, details: [nodes]}. */
  var builders = {
    single: choiceQuestion,
    multiple: choiceQuestion,
    "true-false": trueFalseQuestion,
    short: shortQuestion,
    numeric: numericQuestion,
    match: matchQuestion,
    order: orderQuestion,
  };

  function choiceQuestion(q) {
    var name = nextId("cur-q");
    var multiple = q.type === "multiple";
    var rows = q.options.map(function (option, i) {
      var id = name + "-" + i;
      var fb = h("p", { class: "cur-option-feedback", id: id + "-fb", hidden: true }, []);
      var input = h("input", { type: multiple ? "checkbox" : "radio", name: name, id: id, value: String(i) }, []);
      return { option: option, input: input, fb: fb, node: h("div", { class: "cur-option" }, [input, " ", h("label", { for: id }, option.textRich ? rich(option.textRich) : [option.text]), fb]) };
    });
    var node = h("div", { class: "cur-options" }, []);
    function layout() {
      var pinned = q.options.map(function (o) { return Boolean(o.fixed); });
      var order = q.shuffle === false ? rows.map(function (_, i) { return i; }) : M.shuffle(rows.length, pinned, false);
      node.textContent = "";
      order.forEach(function (i) { node.appendChild(rows[i].node); });
    }
    layout();
    return {
      node: node,
      hint: multiple ? t("multiple.lead") : "",
      answered: function () { return rows.some(function (r) { return r.input.checked; }); },
      check: function () {
        var chosen = rows.filter(function (r) { return r.input.checked; });
        rows.forEach(function (r) {
          var picked = r.input.checked;
          if (!picked && !r.option.correct) return;
          var head = picked ? t("your_answer") + " \u2014 " + (r.option.correct ? t("correct") : t("incorrect")) : t("correct_answer");
          r.fb.textContent = "";
          r.fb.appendChild(h("span", { class: "cur-icon", "aria-hidden": "true" }, [r.option.correct ? "\u2714 " : "\u2718 "]));
          r.fb.appendChild(h("strong", {}, [head + (r.option.feedback ? ": " : "")]));
          if (r.option.feedback) (r.option.feedbackRich ? rich(r.option.feedbackRich) : [r.option.feedback]).forEach(function (x) { r.fb.appendChild(typeof x === "string" ? document.createTextNode(x) : x); });
          r.fb.className = "cur-option-feedback " + (r.option.correct ? "cur-good" : "cur-bad");
          r.fb.hidden = false;
          r.input.setAttribute("aria-describedby", r.fb.id);
        });
        if (!chosen.length) return { state: "unanswered", share: 0, details: [] };
        var share = multiple
          ? M.multipleShare(rows.map(function (r) { return Boolean(r.option.correct); }), rows.map(function (r) { return r.input.checked; }))
          : (chosen[0].option.correct ? 1 : 0);
        return { state: shareState(share, true), share: share, details: [] };
      },
      reset: function () {
        rows.forEach(function (r) {
          r.input.checked = false;
          r.fb.hidden = true;
          r.fb.textContent = "";
          r.input.removeAttribute("aria-describedby");
        });
        layout();
      },
      disable: function (flag) { rows.forEach(function (r) { r.input.disabled = flag; }); },
    };
  }

  function trueFalseQuestion(q) {
    var name = nextId("cur-q");
    var inputs = [true, false].map(function (value) {
      var id = name + "-" + value;
      var input = h("input", { type: "radio", name: name, id: id, value: String(value) }, []);
      return { value: value, input: input, node: h("div", { class: "cur-option" }, [input, " ", h("label", { for: id }, [t(String(value))])]) };
    });
    return {
      node: h("div", { class: "cur-options" }, inputs.map(function (i) { return i.node; })),
      hint: "",
      answered: function () { return inputs.some(function (i) { return i.input.checked; }); },
      check: function () {
        var picked = inputs.filter(function (i) { return i.input.checked; })[0];
        var states = [h("p", { class: "cur-tf-answer" }, [t("tf.answer", { answer: t(String(Boolean(q.answer))) })])];
        if (!picked) return { state: "unanswered", share: 0, details: states };
        var key = picked.value ? "trueFeedback" : "falseFeedback";
        var right = picked.value === q.answer;
        return { state: right ? "correct" : "incorrect", share: right ? 1 : 0, details: states.concat(q[key] ? [h("div", {}, qtext(q, key))] : []) };
      },
      reset: function () { inputs.forEach(function (i) { i.input.checked = false; }); },
      disable: function (flag) { inputs.forEach(function (i) { i.input.disabled = flag; }); },
    };
  }

  function textQuestion(q, numeric) {
    var id = nextId("cur-q");
    var unitId = id + "-unit";
    var input = h("input", {
      type: "text",
      id: id,
      class: "cur-text",
      autocomplete: "off",
      spellcheck: "false",
      inputmode: numeric ? "decimal" : false,
      "aria-describedby": numeric && q.unit ? unitId : false,
    }, []);
    var parts = [h("label", { for: id }, [t("your_answer")]), " ", input];
    if (numeric && q.unit) parts.push(" ", h("span", { id: unitId, class: "cur-unit" }, [q.unit]));
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault(); /* no accidental submit mid-quiz */
    });
    return { input: input, node: h("div", { class: "cur-answer" }, parts) };
  }

  function shortQuestion(q) {
    var field = textQuestion(q, false);
    return {
      node: field.node,
      hint: "",
      answered: function () { return field.input.value.trim() !== ""; },
      check: function () {
        var given = field.input.value.trim();
        var expected = q.answers.join("; ");
        if (!given) return { state: "unanswered", share: 0, details: yoursExpected("", expected) };
        var ok = M.shortOk(given, q.answers);
        return { state: ok ? "correct" : "incorrect", share: ok ? 1 : 0, details: yoursExpected(given, expected) };
      },
      reset: function () { field.input.value = ""; },
      disable: function (flag) { field.input.disabled = flag; },
    };
  }

  function numericQuestion(q) {
    var field = textQuestion(q, true);
    var expected = String(q.value) + (q.tolerance ? " \u00B1 " + q.tolerance : "") + (q.unit ? " " + q.unit : "");
    return {
      node: field.node,
      hint: "",
      answered: function () { return field.input.value.trim() !== ""; },
      check: function () {
        var given = field.input.value.trim();
        if (!given) return { state: "unanswered", share: 0, details: yoursExpected("", expected) };
        var ok = M.numericOk(given, q.value, q.tolerance || 0);
        return { state: ok ? "correct" : "incorrect", share: ok ? 1 : 0, details: yoursExpected(given, expected) };
      },
      reset: function () { field.input.value = ""; },
      disable: function (flag) { field.input.disabled = flag; },
    };
  }

  function matchQuestion(q) {
    var base = nextId("cur-q");
    var printList = h("ul", { class: "cur-print-only" }, []);
    var rows = q.pairs.map(function (pair, i) {
      var id = base + "-" + i;
      var select = h("select", { id: id, class: "cur-select" }, []);
      var mark = h("span", { class: "cur-row-mark", hidden: true }, []);
      return { select: select, mark: mark, index: i, node: h("div", { class: "cur-match-row" }, [h("label", { for: id }, [pair.left]), " ", select, " ", mark]) };
    });
    function layout() {
      var order = q.shuffle === false ? q.pairs.map(function (_, i) { return i; }) : M.shuffle(q.pairs.length, null, true);
      rows.forEach(function (r) {
        r.select.textContent = "";
        r.select.appendChild(h("option", { value: "" }, [t("choose")]));
        order.forEach(function (j) { r.select.appendChild(h("option", { value: String(j) }, [q.pairs[j].right])); });
      });
      printList.textContent = "";
      order.forEach(function (j) { printList.appendChild(h("li", {}, [q.pairs[j].right])); });
    }
    layout();
    return {
      node: h("div", { class: "cur-match" }, rows.map(function (r) { return r.node; }).concat([printList])),
      hint: t("match.lead"),
      answered: function () { return rows.some(function (r) { return r.select.value !== ""; }); },
      check: function () {
        var answered = rows.some(function (r) { return r.select.value !== ""; });
        rows.forEach(function (r) {
          var right = r.select.value === String(r.index);
          var picked = r.select.value === "" ? "\u2014" : q.pairs[Number(r.select.value)].right;
          r.mark.textContent = "";
          r.mark.appendChild(h("span", { class: "cur-icon", "aria-hidden": "true" }, [right ? "\u2714 " : "\u2718 "]));
          r.mark.appendChild(document.createTextNode(right ? t("correct")
            : t("incorrect") + " \u2014 " + t("your_answer") + ": " + picked + " \u2014 " + t("expected") + ": " + q.pairs[r.index].right));
          r.mark.className = "cur-row-mark " + (right ? "cur-good" : "cur-bad");
          r.mark.hidden = false;
        });
        var share = M.matchShare(rows.map(function (r) { return r.select.value === "" ? -1 : Number(r.select.value); }));
        return { state: shareState(share, answered), share: share, details: [] };
      },
      reset: function () { rows.forEach(function (r) { r.mark.hidden = true; }); layout(); },
      disable: function (flag) { rows.forEach(function (r) { r.select.disabled = flag; }); },
    };
  }

  function orderQuestion(q, announce) {
    var current = M.shuffle(q.items.length, null, true);
    var list = h("ol", { class: "cur-order" }, []);
    var disabled = false;
    var moved = false;

    function render(focusIndex, focusDir) {
      list.textContent = "";
      current.forEach(function (item, pos) {
        var text = q.items[item];
        var up = h("button", { type: "button", class: "cur-move", "aria-label": t("move_up") + ": " + text, title: t("move_up"), disabled: disabled || pos === 0 }, ["\u2191"]);
        var down = h("button", { type: "button", class: "cur-move", "aria-label": t("move_down") + ": " + text, title: t("move_down"), disabled: disabled || pos === current.length - 1 }, ["\u2193"]);
        up.addEventListener("click", function () { move(pos, -1); });
        down.addEventListener("click", function () { move(pos, 1); });
        list.appendChild(h("li", { class: "cur-order-item" }, [h("span", { class: "cur-order-text" }, [text]), " ", up, " ", down]));
        if (focusIndex === pos) {
          var target = focusDir < 0 ? (up.disabled ? down : up) : (down.disabled ? up : down);
          setTimeout(function () { target.focus(); }, 0);
        }
      });
    }

    function move(pos, dir) {
      var to = pos + dir;
      if (to < 0 || to >= current.length) return;
      var item = current[pos];
      current[pos] = current[to];
      current[to] = item;
      moved = true;
      render(to, dir);
      announce(t("moved", { item: q.items[item], pos: to + 1, count: current.length }));
    }

    render(-1, 0);
    return {
      node: list,
      hint: t("order.lead"),
      answered: function () { return moved; },
      check: function () {
        var share = M.orderShare(current);
        var yours = h("ol", { class: "cur-yours" }, current.map(function (item, pos) {
          return h("li", { class: item === pos ? "cur-good" : "cur-bad" }, [q.items[item]]);
        }));
        var expected = h("ol", { class: "cur-expected" }, q.items.map(function (item) { return h("li", {}, [item]); }));
        var details = share >= 1 ? [] : [
          h("p", {}, [h("strong", {}, [t("your_answer") + ":"])]), yours,
          h("p", {}, [h("strong", {}, [t("expected") + ":"])]), expected,
        ];
        return { state: moved ? shareState(share, true) : "unanswered", share: moved ? share : 0, details: details };
      },
      reset: function () { current = M.shuffle(q.items.length, null, true); moved = false; render(-1, 0); },
      disable: function (flag) { disabled = flag; render(-1, 0); },
    };
  }

  function buildQuestion(q, n, announce) {
    var kind = builders[q.type];
    if (!kind) return null;
    var body = kind(q, announce);
    var hintId = body.hint ? nextId("cur-hint") : null;
    var feedback = h("div", { class: "cur-feedback", hidden: true }, []);
    var legend = h("legend", {}, [
      h("span", { class: "cur-qnum" }, [t("question", { n: n })]),
      " ",
      h("span", { class: "cur-prompt" }, qtext(q, "prompt")),
      " ",
      h("span", { class: "cur-points" }, ["(" + pointsLabel(q.points) + ")"]),
    ]);
    var fieldset = h("fieldset", { class: "cur-fieldset", "aria-describedby": hintId || false }, [
      legend,
      body.hint ? h("p", { class: "cur-hint", id: hintId }, [body.hint]) : null,
      body.node,
      feedback,
    ]);
    return {
      q: q,
      n: n,
      body: body,
      node: h("li", { class: "cur-question cur-question--" + q.type }, [fieldset]),
      feedback: feedback,
    };
  }

  function showFeedback(item, result) {
    var q = item.q;
    var fb = item.feedback;
    fb.textContent = "";
    fb.appendChild(verdict(result.state, result.share, q.points));
    var generalKey = result.state === "correct" ? "correctFeedback" : "incorrectFeedback";
    if (q[generalKey]) fb.appendChild(h("div", {}, qtext(q, generalKey)));
    result.details.forEach(function (node) { fb.appendChild(node); });
    fb.appendChild(h("div", { class: "cur-explanation" }, [h("strong", {}, [t("explanation") + ": "])].concat(qtext(q, "explanation"))));
    fb.className = "cur-feedback cur-feedback--" + (result.state === "correct" ? "correct" : result.state === "partial" ? "partial" : "incorrect");
    fb.hidden = false;
  }

  function mountQuiz(mount) {
    var source = document.getElementById(mount.getAttribute("data-quiz"));
    if (!source) return;
    var data = JSON.parse(source.textContent);
    var live = h("div", { class: "cur-live cur-visually-hidden", "aria-live": "polite", "aria-atomic": "true" }, []);
    var announce = function (text) {
      live.textContent = "";
      setTimeout(function () { live.textContent = text; }, 30);
    };
    var items = [];
    data.questions.forEach(function (q) {
      var item = buildQuestion(q, items.length + 1, announce);
      if (item) items.push(item);
    });
    var result = h("div", { class: "cur-result", role: "status", "aria-live": "polite", "aria-atomic": "true" }, []);
    var warning = h("div", { class: "cur-unanswered", role: "alert", hidden: true }, []);
    var checkButton = h("button", { type: "submit", class: "md-button md-button--primary cur-check" }, [t("check")]);
    var retryButton = h("button", { type: "button", class: "md-button cur-retry", hidden: true }, [t("retry")]);
    var warned = false;
    var form = h("form", { class: "cur-quiz-form", novalidate: true }, [
      h("ol", { class: "cur-questions" }, items.map(function (i) { return i.node; })),
      warning,
      h("div", { class: "cur-actions" }, [checkButton, " ", retryButton]),
      result,
      live,
    ]);
    function clearWarning() {
      warned = false;
      warning.hidden = true;
      warning.textContent = "";
      checkButton.textContent = t("check");
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var open = items.filter(function (item) { return !item.body.answered(); });
      if (open.length && !warned) {
        warned = true;
        warning.textContent = t("unanswered.warn", { n: open.length, list: open.map(function (i) { return i.n; }).join(", ") });
        warning.hidden = false;
        checkButton.textContent = t("check.anyway");
        return;
      }
      clearWarning();
      var total = 0;
      var score = 0;
      items.forEach(function (item) {
        var outcome = item.body.check();
        total += item.q.points;
        score += item.q.points * (outcome.share || 0);
        showFeedback(item, outcome);
        item.body.disable(true);
      });
      var percent = total ? Math.round((100 * score) / total) : 0;
      var passed = percent >= data.passMark;
      recordResult(data.module, percent, passed);
      result.textContent = "";
      result.className = "cur-result " + (passed ? "cur-result--passed" : "cur-result--failed");
      result.appendChild(h("p", {}, [
        h("span", { class: "cur-icon", "aria-hidden": "true" }, [passed ? "\u2714 " : "\u2718 "]),
        t("score", { score: round(score), total: round(total), percent: percent, pass: data.passMark }),
        " ",
        h("strong", {}, [passed ? t("passed") : t("failed")]),
      ]));
      checkButton.hidden = true;
      retryButton.hidden = false;
      retryButton.focus();
      renderStates();
    });
    form.addEventListener("change", function () { if (warned) clearWarning(); });
    retryButton.addEventListener("click", function () {
      items.forEach(function (item) {
        item.body.disable(false);
        item.body.reset();
        item.feedback.hidden = true;
        item.feedback.textContent = "";
      });
      clearWarning();
      result.textContent = "";
      result.className = "cur-result";
      retryButton.hidden = true;
      checkButton.hidden = false;
      announce(t("retry.announce"));
      var first = form.querySelector("input, select, button.cur-move:not([disabled])");
      if (first) first.focus();
    });
    mount.textContent = "";
    mount.appendChild(form);
  }

  function round(n) {
    return Math.round(n * 100) / 100;
  }

  // Search results in the page's language first: Material lists every language's pages by score;
  // each result is moved, keeping its order among its own language's, in front of the others.
  function siteBase() {
    var el = document.getElementById("__config");
    try {
      return new URL(JSON.parse(el.textContent).base + "/", location.href).href;
    } catch (e) {
      return "";
    }
  }

  function resultLanguage(href, base, langs) {
    var rest = base && href.indexOf(base) === 0 ? href.slice(base.length) : "";
    var first = rest.split("/")[0];
    return langs.indexOf(first) >= 0 && first !== CFG.source ? first : CFG.source;
  }

  function searchLanguageFirst() {
    var list = document.querySelector(".md-search-result__list");
    if (!list || !window.MutationObserver) return;
    var langs = Object.keys(CFG.strings || {});
    var base = siteBase();
    var observer = new MutationObserver(function () {
      var lang = (document.documentElement.getAttribute("lang") || CFG.source).split("-")[0];
      var items = Array.prototype.slice.call(list.children);
      var mine = items.filter(function (li) {
        var a = li.querySelector("a[href]");
        return a && resultLanguage(a.href, base, langs) === lang;
      });
      var others = items.filter(function (li) { return mine.indexOf(li) < 0; });
      var wanted = mine.concat(others);
      if (wanted.every(function (li, i) { return items[i] === li; })) return;
      observer.disconnect();
      wanted.forEach(function (li) { list.appendChild(li); });
      observer.observe(list, { childList: true });
    });
    observer.observe(list, { childList: true });
  }

  function start() {
    searchLanguageFirst();
    document.querySelectorAll(".cur-quiz[data-quiz]").forEach(mountQuiz);
    setupProgressTools();
    renderStates();
    window.addEventListener("storage", function (event) {
      if (event.key === CFG.key) {
        memory = null;
        renderStates();
      }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
