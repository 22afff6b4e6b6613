/* hub-form.js: progressive enhancement for hubtool lead forms (form.hub-form).
 * The form works without this script; with it, the receiver also learns the page, the referrer,
 * the campaign (UTM) parameters, a submission id (so a retried post is stored once) and when the
 * visitor started (a time trap for bots). It only fills hidden inputs that are still empty. */
(function () {
  "use strict";
  var UTM = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"];
  var KEY = "hub-form-utm";

  function uuid() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    if (window.crypto && window.crypto.getRandomValues) {
      window.crypto.getRandomValues(bytes);
    } else {
      for (var i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
    }
    bytes[6] = (bytes[6] & 15) | 64; /* version 4 */
    bytes[8] = (bytes[8] & 63) | 128; /* RFC 4122 variant */
    var hex = "";
    for (var j = 0; j < 16; j++) {
      hex += (bytes[j] + 256).toString(16).slice(1);
      if (j === 3 || j === 5 || j === 7 || j === 9) hex += "-";
    }
    return hex;
  }

  /* Campaign parameters of the landing page, kept for this visit so a form two pages later still
   * credits the campaign that brought the visitor. */
  function campaign() {
    var found = {};
    var params = new URLSearchParams(window.location.search);
    UTM.forEach(function (name) {
      var value = params.get(name);
      if (value) found[name] = value.slice(0, 200);
    });
    try {
      if (Object.keys(found).length) {
        window.sessionStorage.setItem(KEY, JSON.stringify(found));
      } else {
        found = JSON.parse(window.sessionStorage.getItem(KEY) || "{}") || {};
      }
    } catch (e) { /* storage disabled: use this page's parameters only */ }
    return found;
  }

  function fill(form, name, value) {
    var input = form.querySelector('input[type="hidden"][name="' + name + '"]');
    if (input && !input.value && value) input.value = String(value);
  }

  function enhance(form) {
    if (form.getAttribute("data-hub-ready")) return;
    form.setAttribute("data-hub-ready", "1");
    var utm = campaign();
    /* The build pre-fills page_url from site_url. Served elsewhere (`make serve`, a staging host)
     * the same page has another origin: name the page the visitor is on, so the receiver's
     * redirect after an error and its "back" link stay on this host. A form re-shown by the
     * receiver (another path) keeps the page it came from. */
    var page = form.querySelector('input[type="hidden"][name="page_url"]');
    if (page && page.value) {
      try {
        var built = new URL(page.value);
        if (built.pathname === window.location.pathname && built.origin !== window.location.origin) {
          page.value = window.location.origin + window.location.pathname;
        }
      } catch (e) { /* not a URL: the receiver validates it */ }
    }
    fill(form, "page_url", window.location.origin + window.location.pathname);
    fill(form, "referrer", document.referrer);
    UTM.forEach(function (name) { fill(form, name, utm[name]); });
    fill(form, "submission_id", uuid());
    fill(form, "started_at", Date.now());
    fill(form, "lang", document.documentElement.lang);
  }

  function enhanceAll() {
    Array.prototype.forEach.call(document.querySelectorAll("form.hub-form"), enhance);
  }

  /* mkdocs-material's instant navigation swaps pages without a load event: follow its document$. */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhanceAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhanceAll);
  } else {
    enhanceAll();
  }
})();
