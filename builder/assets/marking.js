/* The marking rules of practice quizzes, shared by the trainee site and the offline mini-site
 * of the course packs (docs/marking.md documents them and their LMS equivalents).
 * Pure functions only: no DOM, no storage. Exposed as window.CurMarking. */
(function (root) {
  "use strict";

  var SINGLE_QUOTES = /[\u2018\u2019\u201A\u201B\u2032\u00B4\u0060\u02BC]/g;
  var DOUBLE_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
  var DASHES = /[\u2010-\u2015\u2212]/g;
  var SPACES = /[\s\u00A0\u202F\u2009\u2007]+/g;
  /* ASCII punctuation and Latin-1 punctuation, without the wildcard "*" for patterns. */
  var EDGE = "[\\s!-)+-/:-@\\[-`{-~\\u00A1-\\u00BF]+";
  var LEADING = new RegExp("^" + EDGE);
  var TRAILING = new RegExp(EDGE + "$");

  /* Case, accents, curly quotes and apostrophes, dashes and runs of spaces do not matter. */
  function fold(text) {
    return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(SINGLE_QUOTES, "'").replace(DOUBLE_QUOTES, '"').replace(DASHES, "-")
      .toLowerCase().replace(SPACES, " ").trim();
  }

  /* Punctuation around an answer does not matter either ("Facilitation." = "facilitation"). */
  function clean(text) {
    return fold(text).replace(LEADING, "").replace(TRAILING, "");
  }

  function escapeRegExp(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  /* An accepted answer, or a pattern where "*" stands for any text (as in Moodle). */
  function shortMatches(given, accepted) {
    var answer = clean(given);
    if (!answer) return false;
    var pattern = fold(accepted).replace(/\\\*/g, "\u0000");
    if (pattern.indexOf("*") < 0) return answer === clean(pattern.replace(/\u0000/g, "*"));
    var parts = pattern.split("*").map(function (p) { return p.replace(/\u0000/g, "*"); });
    parts[0] = parts[0].replace(LEADING, "");
    parts[parts.length - 1] = parts[parts.length - 1].replace(TRAILING, "");
    return new RegExp("^" + parts.map(escapeRegExp).join(".*") + "$").test(answer);
  }

  function shortOk(given, answers) {
    return answers.some(function (a) { return shortMatches(given, a); });
  }

  /* The readings of a typed number: a decimal comma or point, thousands separators (space,
   * apostrophe, comma or point), and any unit or word after it ("3.5 times", "1 500 kg").
   * "1,500" and "1.500" are ambiguous: both readings (1.5 and 1500) are returned. */
  function numberReadings(raw) {
    var s = String(raw).normalize("NFKC").replace(DASHES, "-").replace(SPACES, " ").trim();
    var m = /^([+-]?) ?(\d[\d '\u2019.,]*)/.exec(s);
    if (!m) return [];
    var body = m[2].replace(/[ '\u2019]/g, "").replace(/[.,]+$/, "");
    var sign = m[1] === "-" ? -1 : 1;
    var dots = (body.match(/\./g) || []).length;
    var commas = (body.match(/,/g) || []).length;
    var readings = [];
    if (dots && commas) {
      var dec = body.lastIndexOf(".") > body.lastIndexOf(",") ? "." : ",";
      var thou = dec === "." ? "," : ".";
      if (body.split(dec).length === 2) readings.push(body.split(thou).join("").replace(dec, "."));
    } else if (!dots && !commas) {
      readings.push(body);
    } else {
      var sep = dots ? "." : ",";
      var groups = body.split(sep);
      var grouped = groups.slice(1).every(function (g) { return g.length === 3; }) && groups[0].length <= 3;
      if (groups.length === 2) readings.push(groups[0] + "." + groups[1]);
      if (grouped) readings.push(groups.join(""));
    }
    return readings.map(function (r) { return sign * Number(r); }).filter(function (x) { return isFinite(x); });
  }

  function numericOk(raw, value, tolerance) {
    var slack = (tolerance || 0) + 1e-9 * Math.max(1, Math.abs(value));
    return numberReadings(raw).some(function (x) { return Math.abs(x - value) <= slack; });
  }

  /* Partial credit, as a share of the question's points between 0 and 1. */
  function multipleShare(correct, chosen) {
    var right = correct.filter(Boolean).length;
    var wrong = correct.length - right;
    var hits = 0, misses = 0;
    chosen.forEach(function (picked, i) {
      if (picked && correct[i]) hits += 1;
      if (picked && !correct[i]) misses += 1;
    });
    var share = (right ? hits / right : 0) - (wrong ? misses / wrong : 0);
    return Math.max(0, Math.min(1, share));
  }

  function matchShare(picks) { /* picks[i] === i when row i is matched right */
    if (!picks.length) return 0;
    return picks.filter(function (p, i) { return p === i; }).length / picks.length;
  }

  function orderShare(order) { /* order[pos] is the item placed at pos; right when === pos */
    if (!order.length) return 0;
    return order.filter(function (item, pos) { return item === pos; }).length / order.length;
  }

  /* A fresh random order for one attempt; pinned indexes keep their place. */
  function shuffle(count, pinned, derange) {
    var out = [];
    for (var i = 0; i < count; i++) out.push(i);
    var movable = out.filter(function (i) { return !(pinned && pinned[i]); });
    var moved = movable.slice();
    for (var k = moved.length - 1; k > 0; k--) {
      var j = Math.floor(Math.random() * (k + 1));
      var tmp = moved[k]; moved[k] = moved[j]; moved[j] = tmp;
    }
    if (derange && moved.length > 1 && moved.every(function (v, n) { return v === movable[n]; })) {
      moved.push(moved.shift());
    }
    movable.forEach(function (slot, n) { out[slot] = moved[n]; });
    return out;
  }

  root.CurMarking = {
    fold: fold,
    clean: clean,
    shortMatches: shortMatches,
    shortOk: shortOk,
    numberReadings: numberReadings,
    numericOk: numericOk,
    multipleShare: multipleShare,
    matchShare: matchShare,
    orderShare: orderShare,
    shuffle: shuffle,
  };
})(window);
