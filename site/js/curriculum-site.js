/*
 * The site around the quizzes: where the trainee left off (home page), done modules ticked in
 * the sidebar, scrolling tables reachable by keyboard, and the certificate of completion.
 *
 * It reads the progress that curriculum.js keeps (localStorage, window.CURRICULUM.key) and only
 * adds an optional `certificates` list to it (the format and its version stay as they are;
 * readers keep keys they do not know). Author text goes into the page with textContent only.
 * Interface strings come from window.CURRICULUM.strings (builder/site/i18n.py).
 */
(function () {
  "use strict";

  var CFG = window.CURRICULUM || { key: "safe-curriculum", source: "en", strings: {} };
  var LANG = (document.documentElement.getAttribute("lang") || CFG.source).split("-")[0];
  var STRINGS = CFG.strings[LANG] || CFG.strings[CFG.source] || {};
  var MODULE_PAGE = /\/modules\/([a-z0-9]+(?:-[a-z0-9]+)*)\.html$/;

  function t(key, values) {
    var text = STRINGS[key] || key;
    return !values ? text : text.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  function h(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, String(attrs[name])); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function progress() {
    var data = null;
    try {
      data = JSON.parse(window.localStorage.getItem(CFG.key) || "null");
    } catch (e) {
      data = null;
    }
    return data && typeof data === "object" && data.modules && typeof data.modules === "object" ? data : null;
  }

  function entry(data, id) {
    var m = data && Object.prototype.hasOwnProperty.call(data.modules, id) ? data.modules[id] : null;
    return m && typeof m === "object" ? m : null;
  }

  function isDone(data, id) {
    var m = entry(data, id);
    return Boolean(m && m.passed === true);
  }

  function json(id) {
    var node = document.getElementById(id);
    if (!node) return null;
    try {
      return JSON.parse(node.textContent);
    } catch (e) {
      return null;
    }
  }

  /* ---------------------------------------------------------------- keyboard-reachable scrolling */

  function focusableScrolling() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap, i) {
      if (wrap.hasAttribute("tabindex")) return;
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", t("table.region", { n: i + 1 }));
    });
  }

  /* ---------------------------------------------------------------- sidebar ticks */

  function sidebarTicks(data) {
    document.querySelectorAll(".md-nav__link[href]").forEach(function (link) {
      var old = link.querySelector(".cur-nav-done");
      if (old) old.remove();
      var match = MODULE_PAGE.exec(link.pathname || "");
      if (!match || !isDone(data, match[1])) return;
      link.appendChild(h("span", { class: "cur-nav-done" }, [
        h("span", { "aria-hidden": "true" }, ["\u2714 "]),
        t("nav.done"),
      ]));
    });
  }

  /* ---------------------------------------------------------------- continue where you left off */

  function continueBox(data) {
    var box = document.getElementById("cur-continue");
    var course = json("cur-course");
    if (!box || !course) return;
    var modules = course.modules || [];
    var done = modules.filter(function (m) { return isDone(data, m.id); }).length;
    var next = modules.filter(function (m) { return !isDone(data, m.id); })[0];
    var started = modules.some(function (m) { return entry(data, m.id); });
    box.textContent = "";
    var lead = next ? t(started ? "continue.next" : "continue.start") : t("continue.done");
    var line = h("p", {}, [h("strong", {}, [lead]), " "]);
    if (next) line.appendChild(h("a", { href: next.href }, [next.title]));
    box.appendChild(line);
    var percent = modules.length ? Math.round((100 * done) / modules.length) : 0;
    box.appendChild(h("p", {}, [t("continue.overall", { done: done, total: modules.length, percent: percent })]));
    box.hidden = false;
  }

  /* ---------------------------------------------------------------- certificate */

  /* SHA-256 of a string's UTF-8 bytes, as hex (the same as Python's hashlib for `curriculum verify`). */
  function sha256(text) {
    var bytes = unescape(encodeURIComponent(text));
    var K = [], H = [], i, j;
    var primes = 0;
    for (var n = 2; primes < 64; n++) {
      var prime = true;
      for (j = 2; j * j <= n; j++) if (n % j === 0) { prime = false; break; }
      if (!prime) continue;
      if (primes < 8) H[primes] = (Math.pow(n, 1 / 2) * 4294967296) | 0;
      K[primes] = (Math.pow(n, 1 / 3) * 4294967296) | 0;
      primes++;
    }
    var words = [];
    var length = bytes.length * 8;
    bytes += "\x80";
    while (bytes.length % 64 !== 56) bytes += "\x00";
    for (i = 0; i < bytes.length; i++) words[i >> 2] |= bytes.charCodeAt(i) << ((3 - (i % 4)) * 8);
    words.push(Math.floor(length / 4294967296) | 0, length | 0);
    function rot(x, r) { return (x >>> r) | (x << (32 - r)); }
    for (i = 0; i < words.length; i += 16) {
      var w = words.slice(i, i + 16);
      var a = H.slice(0);
      for (j = 0; j < 64; j++) {
        if (j >= 16) {
          var s0 = rot(w[j - 15], 7) ^ rot(w[j - 15], 18) ^ (w[j - 15] >>> 3);
          var s1 = rot(w[j - 2], 17) ^ rot(w[j - 2], 19) ^ (w[j - 2] >>> 10);
          w[j] = (w[j - 16] + s0 + w[j - 7] + s1) | 0;
        }
        var t1 = (a[7] + (rot(a[4], 6) ^ rot(a[4], 11) ^ rot(a[4], 25)) + ((a[4] & a[5]) ^ (~a[4] & a[6])) + K[j] + w[j]) | 0;
        var t2 = ((rot(a[0], 2) ^ rot(a[0], 13) ^ rot(a[0], 22)) + ((a[0] & a[1]) ^ (a[0] & a[2]) ^ (a[1] & a[2]))) | 0;
        a = [(t1 + t2) | 0, a[0], a[1], a[2], (a[3] + t1) | 0, a[4], a[5], a[6]];
      }
      for (j = 0; j < 8; j++) H[j] = (H[j] + a[j]) | 0;
    }
    return H.map(function (x) { return ("00000000" + (x >>> 0).toString(16)).slice(-8); }).join("");
  }

  /* The text a certificate's code is the hash of (builder/certificate.py makes the same). */
  function certificateText(programme, cert) {
    var lines = ["safe-curriculum-certificate/1", "programme=" + programme, "track=" + cert.track,
      "name=" + cert.name, "date=" + cert.date];
    Object.keys(cert.modules).sort().forEach(function (id) { lines.push(id + "=" + cert.modules[id]); });
    return lines.join("\n") + "\n";
  }

  function certificateCode(programme, cert) {
    var hex = sha256(certificateText(programme, cert)).slice(0, 12).toUpperCase();
    return hex.slice(0, 4) + "-" + hex.slice(4, 8) + "-" + hex.slice(8, 12);
  }

  function today() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function saveCertificate(cert) {
    var data = progress() || { format: "safe-curriculum-progress", version: 1, programme: CFG.programme || "", modules: {} };
    var list = Array.isArray(data.certificates) ? data.certificates : [];
    data.certificates = list.filter(function (c) { return !(c && c.track === cert.track && c.name === cert.name); }).concat([cert]);
    try {
      window.localStorage.setItem(CFG.key, JSON.stringify(data));
    } catch (e) {
      /* the certificate still shows; the export then cannot include it */
    }
  }

  function makeCertificate(info) {
    var status = document.getElementById("cur-cert-status");
    var output = document.getElementById("cur-cert-output");
    var name = document.getElementById("cur-cert-name").value.normalize("NFC").replace(/\s+/g, " ").trim();
    var track = info.tracks.filter(function (tr) { return tr.id === document.getElementById("cur-cert-track").value; })[0];
    output.textContent = "";
    if (!name || !track) {
      status.textContent = t("cert.need_name");
      return;
    }
    var data = progress();
    var missing = track.modules.filter(function (m) { return !isDone(data, m.id); });
    if (missing.length) {
      status.textContent = t("cert.missing", { n: missing.length }) + " " + missing.map(function (m) { return m.title; }).join("; ");
      return;
    }
    var cert = { track: track.id, name: name, date: today(), modules: {} };
    track.modules.forEach(function (m) { cert.modules[m.id] = entry(data, m.id).best; });
    cert.code = certificateCode(CFG.programme || "", cert);
    saveCertificate(cert);
    output.appendChild(renderCertificate(info, track, cert));
    status.textContent = t("cert.made", { code: cert.code });
  }

  function renderCertificate(info, track, cert) {
    var rows = track.modules.map(function (m) {
      return h("tr", {}, [h("td", {}, [m.title]), h("td", {}, [t("cert.score", { n: cert.modules[m.id] })])]);
    });
    var table = h("table", {}, [
      h("thead", {}, [h("tr", {}, [h("th", { scope: "col" }, [t("cert.module")]), h("th", { scope: "col" }, [t("cert.best")])])]),
      h("tbody", {}, rows),
    ]);
    var print = h("button", { type: "button", class: "md-button md-button--primary" }, [t("cert.print")]);
    print.addEventListener("click", function () { window.print(); });
    return h("div", {}, [
      h("section", { class: "cur-certificate", "aria-label": t("cert.title") }, [
        h("h2", {}, [t("cert.title")]),
        h("p", {}, [info.programme]),
        h("p", {}, [t("cert.certifies")]),
        h("p", { class: "cur-cert-name" }, [h("strong", {}, [cert.name])]),
        h("p", {}, [t("cert.passed", { track: track.title })]),
        table,
        h("p", {}, [t("cert.date", { date: cert.date })]),
        h("p", {}, [t("cert.code") + " ", h("span", { class: "cur-cert-code" }, [cert.code])]),
        h("p", { class: "cur-cert-note" }, [t("cert.attests")]),
      ]),
      h("p", { class: "cur-cert-tools" }, [print]),
    ]);
  }

  function setupCertificate() {
    var info = json("cur-cert-data");
    var button = document.getElementById("cur-cert-make");
    if (!info || !button) return;
    button.addEventListener("click", function () { makeCertificate(info); });
  }

  /* ---------------------------------------------------------------- start */

  /* The map says done / not done in words (and an icon), not by colour alone. */
  function mapStates(data) {
    document.querySelectorAll(".cur-map-status[data-module]").forEach(function (node) {
      var done = isDone(data, node.getAttribute("data-module"));
      node.textContent = (done ? "\u2714 " : "\u25CB ") + t(done ? "state.done" : "state.todo");
    });
  }

  function refresh() {
    var data = progress();
    mapStates(data);
    sidebarTicks(data);
    continueBox(data);
  }

  function start() {
    focusableScrolling();
    setupCertificate();
    refresh();
    /* Material wraps tables once its script has run: look again after it. */
    setTimeout(focusableScrolling, 0);
    window.addEventListener("load", focusableScrolling);
    document.addEventListener("curriculum:progress", refresh);
    window.addEventListener("storage", function (event) { if (event.key === CFG.key) refresh(); });
  }

  window.CurriculumCertificate = { code: certificateCode, text: certificateText, sha256: sha256 };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
