/*
 * Search from the file system (file://): browsers refuse to start a Web Worker from a file
 * URL, so on file:// this runs Material's search worker in a hidden same-origin iframe instead.
 *
 * Material's worker already supports this mode: it looks for `parent.IFrameWorker`, awaits
 * `importScripts` (which here loads scripts into the iframe), and talks through `postMessage`.
 * The file name contains "iframe-worker" so that Material's offline plugin does not add its
 * own shim from a CDN. Nothing here is fetched from another host.
 */
(function () {
  "use strict";
  if (location.protocol !== "file:") return;

  function IFrameWorker(url) {
    var self = this;
    this.listeners = [];
    this.onmessage = null;
    this.queue = [];
    this.ready = false;
    var frame = document.createElement("iframe");
    frame.setAttribute("aria-hidden", "true");
    frame.setAttribute("tabindex", "-1");
    frame.setAttribute("title", "search");
    frame.style.display = "none";
    (document.body || document.documentElement).appendChild(frame);
    var win = frame.contentWindow;
    var doc = frame.contentDocument;
    var base = new URL(String(url), location.href).href;

    function load(src) {
      return new Promise(function (resolve, reject) {
        var script = doc.createElement("script");
        script.src = new URL(src, base).href;
        script.onload = function () { resolve(); };
        script.onerror = function () { reject(new Error("cannot load " + src)); };
        doc.head.appendChild(script);
      });
    }

    win.importScripts = function () {
      var urls = Array.prototype.slice.call(arguments);
      return urls.reduce(function (done, src) { return done.then(function () { return load(src); }); }, Promise.resolve());
    };
    win.postMessage = function (data) {
      var event = new MessageEvent("message", { data: data });
      setTimeout(function () { self.dispatch(event); }, 0);
    };
    load(base).then(function () {
      self.ready = true;
      self.queue.forEach(function (data) { self.postMessage(data); });
      self.queue = [];
    });
    this.win = win;
  }

  IFrameWorker.prototype.dispatch = function (event) {
    if (typeof this.onmessage === "function") this.onmessage(event);
    this.listeners.forEach(function (entry) {
      if (entry.type === event.type) entry.fn.call(null, event);
    });
  };
  IFrameWorker.prototype.addEventListener = function (type, fn) {
    this.listeners.push({ type: type, fn: fn });
  };
  IFrameWorker.prototype.removeEventListener = function (type, fn) {
    this.listeners = this.listeners.filter(function (e) { return e.type !== type || e.fn !== fn; });
  };
  IFrameWorker.prototype.postMessage = function (data) {
    if (!this.ready) {
      this.queue.push(data);
      return;
    }
    var win = this.win;
    setTimeout(function () { win.dispatchEvent(new win.MessageEvent("message", { data: data })); }, 0);
  };
  IFrameWorker.prototype.terminate = function () {};

  window.IFrameWorker = IFrameWorker;
  window.Worker = IFrameWorker;
})();
