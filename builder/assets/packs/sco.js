/* The LMS side of a SCO or cmi5 AU: finds the runtime, restores the learner's answers, reports
 * score and status when the learner submits the quiz, and finishes cleanly when the page goes.
 * The standard is set by assets/runtime.js (window.PACK_RUNTIME = "scorm12" | "scorm2004" |
 * "cmi5"); the page's own data sits in <script type="application/json" id="sco-data">.
 * Quizzes are rendered and marked by quiz.js (window.PackQuiz), the same script as the offline
 * site. Tracking rules (docs/lms-exports.md):
 *   - score: raw = percent (0-100), min 0, max 100; SCORM 2004 and cmi5 also scaled (0-1);
 *   - status is decided against the pass mark only when the learner submits; the best attempt
 *     counts (a pass is never taken back by a later, lower attempt);
 *   - suspend_data: {"v":1,"a":[answers],"b":best percent or -1,"t":tries}, summarised to fit
 *     SCORM 1.2's 4,096 characters; location "quiz" once the learner has answered;
 *   - commit after each change; session time and exit set, then finish/terminate, on pagehide. */
(function () {
  "use strict";

  var MAX_SUSPEND = { scorm12: 4096, scorm2004: 64000, cmi5: 64000 };
  var VERBS = "http://adlnet.gov/expapi/verbs/";
  var CMI5_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
  var MOVEON_CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/moveon";
  var started = Date.now(), finished = false, errors = [];

  function findApiFrom(name, start) {
    var win = start, hops = 0;
    while (win && hops < 12) {
      try { if (win[name]) { return win[name]; } } catch (e) { /* another origin */ }
      if (win.parent === win) { break; }
      win = win.parent; hops++;
    }
    return null;
  }

  function locate(name) {
    var api = findApiFrom(name, window);
    if (!api && window.opener) { api = findApiFrom(name, window.opener); }
    return api;
  }

  function pad(n, width) { var s = String(n); while (s.length < width) { s = "0" + s; } return s; }

  /* SCORM 1.2 CMITimespan: HHHH:MM:SS.SS */
  function time12(ms) {
    var cs = Math.round(ms / 10), h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60;
    var s = Math.floor(cs / 100) % 60, c = cs % 100;
    return pad(Math.min(h, 9999), 4) + ":" + pad(m, 2) + ":" + pad(s, 2) + "." + pad(c, 2);
  }

  /* ISO 8601 duration (SCORM 2004 timeinterval, xAPI duration): PT#H#M#S */
  function iso(ms) {
    var cs = Math.round(ms / 10), h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60;
    var s = (cs % 6000) / 100;
    return "PT" + (h ? h + "H" : "") + (m ? m + "M" : "") + s.toFixed(2).replace(/\.?0+$/, "") + "S";
  }

  /* ------------------------------------------------------------ SCORM 1.2 and 2004 */

  function scorm(kind) {
    var v12 = kind === "scorm12", api = locate(v12 ? "API" : "API_1484_11");
    if (!api) { return null; }
    var fn = v12
      ? { init: "LMSInitialize", get: "LMSGetValue", set: "LMSSetValue", commit: "LMSCommit", finish: "LMSFinish", err: "LMSGetLastError" }
      : { init: "Initialize", get: "GetValue", set: "SetValue", commit: "Commit", finish: "Terminate", err: "GetLastError" };
    function call(name, a, b) {
      var out = b === undefined ? api[fn[name]](a) : api[fn[name]](a, b);
      var code = String(api[fn.err]());
      if (code !== "0" && !(name === "get" && code === "403")) { errors.push([fn[name], a, code]); }
      return out;
    }
    var el = v12
      ? { status: "cmi.core.lesson_status", entry: "cmi.core.entry", location: "cmi.core.lesson_location",
          raw: "cmi.core.score.raw", min: "cmi.core.score.min", max: "cmi.core.score.max",
          time: "cmi.core.session_time", exit: "cmi.core.exit" }
      : { status: "cmi.completion_status", entry: "cmi.entry", location: "cmi.location",
          raw: "cmi.score.raw", min: "cmi.score.min", max: "cmi.score.max",
          time: "cmi.session_time", exit: "cmi.exit" };
    return {
      kind: kind,
      start: function (done) {
        if (String(call("init", "")) !== "true") { return done(null); }
        var state = {
          entry: String(call("get", el.entry)),
          location: String(call("get", el.location)),
          suspend: String(call("get", "cmi.suspend_data")),
          status: String(call("get", el.status)),
          mastery: v12 ? String(call("get", "cmi.student_data.mastery_score"))
            : String(call("get", "cmi.scaled_passing_score"))
        };
        if (v12 && (state.status === "not attempted" || state.status === "")) { call("set", el.status, "incomplete"); }
        if (!v12 && (state.status === "unknown" || state.status === "not attempted")) { call("set", el.status, "incomplete"); }
        call("commit", "");
        done(state);
      },
      save: function (suspend, location) {
        call("set", "cmi.suspend_data", suspend);
        if (location) { call("set", el.location, location); }
        call("commit", "");
      },
      report: function (best, percent, passed) {
        call("set", el.raw, String(best.percent));
        call("set", el.min, "0");
        call("set", el.max, "100");
        if (v12) {
          call("set", el.status, best.passed ? "passed" : "failed");
        } else {
          call("set", "cmi.score.scaled", String(best.percent / 100));
          call("set", "cmi.success_status", best.passed ? "passed" : "failed");
          call("set", "cmi.completion_status", "completed");
        }
        call("commit", "");
      },
      complete: function () {
        call("set", el.status, "completed");
        if (!v12) { call("set", "cmi.success_status", "passed"); }
        call("commit", "");
      },
      finish: function (passed) {
        var ms = Date.now() - started;
        call("set", el.time, v12 ? time12(ms) : iso(ms));
        call("set", el.exit, passed ? (v12 ? "" : "normal") : "suspend");
        call("commit", "");
        call("finish", "");
      }
    };
  }

  /* ------------------------------------------------------------ cmi5 (xAPI) */

  function uuid() {
    var c = window.crypto;
    if (c && c.randomUUID) { return c.randomUUID(); }
    var b = new Uint8Array(16);
    if (c && c.getRandomValues) { c.getRandomValues(b); } else { for (var i = 0; i < 16; i++) { b[i] = Math.floor(Math.random() * 256); } }
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return ("0" + x.toString(16)).slice(-2); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function cmi5(data) {
    var q = new URLSearchParams(window.location.search);
    var endpoint = q.get("endpoint"), fetchUrl = q.get("fetch"), reg = q.get("registration");
    var activityId = q.get("activityId"), actorText = q.get("actor");
    if (!endpoint || !fetchUrl || !reg || !activityId || !actorText) { return null; }
    if (endpoint.slice(-1) !== "/") { endpoint += "/"; }
    var actor = JSON.parse(actorText), auth = "", launch = {}, sessionCtx = null, sentPassed = false;

    function headers() {
      return { "Authorization": auth, "X-Experience-API-Version": "1.0.3", "Content-Type": "application/json" };
    }
    function stateUrl(id) {
      return endpoint + "activities/state?stateId=" + encodeURIComponent(id) + "&activityId=" +
        encodeURIComponent(activityId) + "&agent=" + encodeURIComponent(JSON.stringify(actor)) +
        "&registration=" + encodeURIComponent(reg);
    }
    /* moveOn: true (a statement that counts for moveOn), false (another cmi5 defined
     * statement) or null (a cmi5 allowed statement, which must not carry the cmi5 category) */
    function context(moveOn) {
      var ctx = JSON.parse(JSON.stringify(sessionCtx || {}));
      ctx.registration = reg;
      ctx.contextActivities = ctx.contextActivities || {};
      var cats = ctx.contextActivities.category || [];
      if (moveOn !== null) { cats.push({ id: CMI5_CATEGORY }); }
      if (moveOn) { cats.push({ id: MOVEON_CATEGORY }); }
      if (cats.length) { ctx.contextActivities.category = cats; } else { delete ctx.contextActivities.category; }
      return ctx;
    }
    function statement(verb, result, moveOn, object) {
      var s = {
        id: uuid(), timestamp: new Date().toISOString(), actor: actor,
        verb: { id: VERBS + verb, display: { "en-US": verb } },
        object: object || { id: activityId, objectType: "Activity" },
        context: context(moveOn === undefined ? false : moveOn)
      };
      if (result) { s.result = result; }
      return s;
    }
    function send(list, keepalive) {
      return fetch(endpoint + "statements", {
        method: "POST", headers: headers(), body: JSON.stringify(list), keepalive: Boolean(keepalive)
      }).then(function (r) { if (!r.ok) { errors.push(["statements", r.status]); } })
        .catch(function (e) { errors.push(["statements", String(e)]); });
    }
    var queue = Promise.resolve();
    function post(list, keepalive) { queue = queue.then(function () { return send(list, keepalive); }); return queue; }

    return {
      kind: "cmi5",
      start: function (done) {
        fetch(fetchUrl, { method: "POST" }).then(function (r) { return r.json(); }).then(function (body) {
          auth = "Basic " + body["auth-token"];
          return fetch(stateUrl("LMS.LaunchData"), { headers: headers() });
        }).then(function (r) { return r.ok ? r.json() : {}; }).then(function (ld) {
          launch = ld || {};
          sessionCtx = launch.contextTemplate || {};
          return fetch(stateUrl("suspend_data"), { headers: headers() })
            .then(function (r) { return r.ok ? r.text() : ""; }).catch(function () { return ""; });
        }).then(function (suspend) {
          post([statement("initialized")]);
          var mastery = launch.masteryScore === undefined ? "" : String(launch.masteryScore);
          done({ entry: suspend ? "resume" : "ab-initio", location: "", suspend: suspend || "", status: "", mastery: mastery });
        }).catch(function (e) { errors.push(["launch", String(e)]); done(null); });
      },
      save: function (suspend) {
        fetch(stateUrl("suspend_data"), { method: "PUT", headers: headers(), body: suspend })
          .catch(function () { /* the LRS may have no State API: the answers stay in the page */ });
      },
      report: function (best, percent, passed, result, first) {
        var duration = iso(Date.now() - started), list = [];
        (result.questions || []).forEach(function (item) {
          list.push(statement("answered", { success: item.ok, response: item.response }, null,
            { id: activityId + "/question/" + encodeURIComponent(item.id), objectType: "Activity",
              definition: { type: "http://adlnet.gov/expapi/activities/cmi.interaction" } }));
        });
        var score = { scaled: percent / 100, raw: percent, min: 0, max: 100 };
        if (launch.launchMode === undefined || launch.launchMode === "Normal") {
          if (passed && !sentPassed) {
            sentPassed = true;
            list.push(statement("passed", { score: score, success: true, duration: duration }, true));
          } else if (!passed && !sentPassed) {
            list.push(statement("failed", { score: score, success: false, duration: duration }, true));
          }
          if (first) { list.push(statement("completed", { completion: true, duration: duration }, true)); }
        }
        post(list);
      },
      complete: function () {
        if (launch.launchMode === undefined || launch.launchMode === "Normal") {
          post([statement("completed", { completion: true, duration: iso(Date.now() - started) }, true)]);
        }
      },
      finish: function () {
        /* sent at once (not after the queue): promise callbacks may never run once the page
         * is gone; keepalive lets the request outlive the page */
        send([statement("terminated", { duration: iso(Date.now() - started) })], true);
      }
    };
  }

  /* ------------------------------------------------------------ the learner's state */

  function parseState(text) {
    try {
      var s = JSON.parse(text);
      if (s && s.v === 1 && Array.isArray(s.a)) { return s; }
    } catch (e) { /* not ours, or empty */ }
    return { v: 1, a: [], b: -1, t: 0 };
  }

  /* The state as text within the standard's limit: long typed answers are cut first, then the
   * answers are dropped (the best score and tries are always kept). */
  function encode(state, limit) {
    var text = JSON.stringify(state);
    var cut = [60, 20, 0];
    for (var i = 0; text.length > limit && i < cut.length; i++) {
      var n = cut[i];
      text = JSON.stringify({ v: 1, a: state.a.map(function (a) { return a.slice(0, n); }), b: state.b, t: state.t });
    }
    if (text.length > limit) { text = JSON.stringify({ v: 1, a: [], b: state.b, t: state.t }); }
    return text;
  }

  function say(text) {
    var node = document.getElementById("sco-status");
    if (node) { node.textContent = text; }
  }

  function run() {
    var dataNode = document.getElementById("sco-data");
    var data = dataNode ? JSON.parse(dataNode.textContent) : {};
    var kind = window.PACK_RUNTIME || "scorm12";
    var lms = kind === "cmi5" ? cmi5(data) : scorm(kind);
    var quizNode = document.getElementById("quiz-data"), root = document.getElementById("quiz-root");
    var quizData = quizNode ? JSON.parse(quizNode.textContent) : null;
    if (!lms) {
      say(data.noLms || "");
      if (quizData && root) { window.PackQuiz.start(root, quizData); }
      return;
    }
    lms.start(function (lmsState) {
      if (!lmsState) { say(data.noLms || ""); lms = null; }
      var state = parseState(lmsState ? lmsState.suspend : "");
      var limit = MAX_SUSPEND[kind];
      window.__scoState = { entry: lmsState ? lmsState.entry : "", restored: lmsState ? lmsState.suspend : "" };
      var passMark = data.passMark;
      if (lmsState && lmsState.mastery !== "" && !isNaN(Number(lmsState.mastery))) {
        var m = Number(lmsState.mastery);
        passMark = kind === "scorm12" ? m : Math.round(m * 100);
      }
      function save(location) { if (lms) { lms.save(encode(state, limit), location); } }
      if (quizData && root) {
        quizData.passMark = passMark;
        var quiz = window.PackQuiz.start(root, quizData, {
          changed: function (answers) { state.a = answers; save("quiz"); },
          checked: function (result) {
            state.a = result.answers;
            state.t += 1;
            var first = state.b < 0;
            if (result.percent > state.b) { state.b = result.percent; }
            save("quiz");
            if (lms) {
              lms.report({ percent: state.b, passed: state.b >= passMark }, result.percent, result.passed, result, first);
            }
          }
        });
        quiz.restore(state.a);
        if (lmsState && lmsState.location === "quiz" && root.scrollIntoView) { root.scrollIntoView(); }
      } else if (lms) {
        lms.complete();
      }
      function finish() {
        if (finished || !lms) { return; }
        finished = true;
        lms.finish(!quizData || state.b >= passMark);
      }
      window.addEventListener("pagehide", finish);
      window.addEventListener("beforeunload", finish);
      window.__scoFinish = finish;
      window.__scoErrors = errors;
    });
  }

  /* for the tests and for LMS integrators: the encodings this script uses */
  window.PackSco = { encode: encode, time12: time12, iso: iso, limits: MAX_SUSPEND };

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", run); } else { run(); }
})();
