/*
 * The search index only when search is opened: Material asks for `search/search_index.json`
 * (over http) or loads `search/search_index.js` (from file://) as soon as a page opens, which on a
 * slow link is most of a first visit. This script, loaded before Material's bundle, holds that
 * request back until the trainee opens search (focus on the search field, a click on the search
 * button, or Material's keyboard shortcut, which focuses the field). The browser's cache then
 * keeps the index for every later page.
 *
 * When the index arrives after the trainee has typed, the query is run again once Material's
 * search worker says it is ready, so nothing typed early is lost. Nothing is fetched from another
 * host.
 */
(function () {
  "use strict";

  var INDEX = /\/search\/search_index\.js(on)?(\?|#|$)/;
  var opened = false;
  var waiting = [];

  function open() {
    if (opened) return;
    opened = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }

  function whenOpen(go) {
    if (opened) go();
    else waiting.push(go);
  }

  function isIndex(url) {
    return INDEX.test(String(url && url.url ? url.url : url));
  }

  /* Over http: the fetch of search_index.json waits. */
  var realFetch = window.fetch;
  if (realFetch) {
    window.fetch = function (resource, init) {
      if (opened || !isIndex(resource)) return realFetch.apply(this, arguments);
      var self = this;
      return new Promise(function (resolve, reject) {
        whenOpen(function () { realFetch.call(self, resource, init).then(resolve, reject); });
      });
    };
  }

  /* Over http, as Material asks for it (XMLHttpRequest): the request is sent when search opens. */
  var XHR = window.XMLHttpRequest && window.XMLHttpRequest.prototype;
  if (XHR) {
    var realOpen = XHR.open;
    var realSend = XHR.send;
    XHR.open = function (method, url) {
      this.curSearchIndex = isIndex(url);
      return realOpen.apply(this, arguments);
    };
    XHR.send = function () {
      if (!this.curSearchIndex || opened) return realSend.apply(this, arguments);
      var request = this;
      var args = arguments;
      whenOpen(function () { realSend.apply(request, args); });
    };
  }

  /* From file://: the script tag of search_index.js waits before it is put into the page. */
  var realAppend = Node.prototype.appendChild;
  Node.prototype.appendChild = function (node) {
    if (!opened && node && node.tagName === "SCRIPT" && isIndex(node.src)) {
      var parent = this;
      whenOpen(function () { realAppend.call(parent, node); });
      return node;
    }
    return realAppend.call(this, node);
  };

  /* Once the worker is ready, run what was typed meanwhile. */
  function rerun() {
    var input = document.querySelector(".md-search__input");
    if (!input || !input.value) return;
    ["input", "keyup"].forEach(function (type) {
      input.dispatchEvent(new Event(type, { bubbles: true }));
    });
  }

  function watched(Base) {
    function Watched(url, options) {
      var worker = options === undefined ? new Base(url) : new Base(url, options);
      worker.addEventListener("message", function (event) {
        if (event.data && event.data.type === 1) setTimeout(rerun, 0); /* READY */
      });
      return worker;
    }
    Watched.prototype = Base.prototype;
    return Watched;
  }
  if (window.Worker) window.Worker = watched(window.Worker);

  function isSearchTarget(target) {
    return Boolean(
      target && target.closest &&
      target.closest(".md-search__input, label[for='__search'], [data-md-toggle='search']")
    );
  }

  document.addEventListener("focusin", function (event) {
    if (isSearchTarget(event.target)) open();
  }, true);
  ["click", "pointerdown", "touchstart"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (isSearchTarget(event.target)) open();
    }, { capture: true, passive: true });
  });
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search" && event.target.checked) open();
  }, true);
})();
