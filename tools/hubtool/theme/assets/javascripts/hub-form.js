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
    localizeValidation(form);
    sendInPlace(form);
  }

  /* The browser's validation bubbles speak the browser's language: on a Chinese page a visitor
   * with an English browser read "Please fill out this field." The form carries its messages in
   * the page's language (data-hub-msg-*); each control shows them instead. */
  function localizeValidation(form) {
    var say = function (code) { return form.getAttribute("data-hub-msg-" + code) || ""; };
    Array.prototype.forEach.call(form.querySelectorAll("input, textarea"), function (control) {
      if (control.type === "hidden" || !control.setCustomValidity) return;
      control.addEventListener("invalid", function () {
        control.setCustomValidity("");
        var v = control.validity, message = "";
        if (v.valueMissing) {
          message = control.type === "checkbox"
            ? say(control.name === "consent_crossborder" ? "crossborder" : "consent")
            : say("required");
        } else if (v.typeMismatch && control.type === "email") {
          message = say("email");
        } else if ((v.typeMismatch || v.patternMismatch) && control.type === "tel") {
          message = say("tel");
        }
        if (message) control.setCustomValidity(message);
      });
      var clear = function () { control.setCustomValidity(""); };
      control.addEventListener("input", clear);
      control.addEventListener("change", clear);
    });
  }

  /* A gated whitepaper's form, sent with fetch: the page itself confirms (the form's success
   * message, the signed link) and the download starts; the filled-in form goes away. Anything
   * but a stored lead (a field the receiver refuses, the network, an old browser) falls back to
   * the ordinary post, whose answer is the receiver's page in the site's chrome. */
  function confirmInPlace(form, data) {
    var heading = document.querySelector("h1");
    var title = heading ? heading.textContent.trim() : "";
    var zh = (form.getAttribute("lang") || "").indexOf("zh") === 0;
    var panel = document.createElement("div");
    panel.className = "hub-form-done";
    panel.setAttribute("role", "status");
    panel.setAttribute("tabindex", "-1");
    var h = document.createElement("h2");
    h.className = "hub-form-done__title";
    h.textContent = form.getAttribute("data-hub-success") || "";
    panel.appendChild(h);
    if (data.download_url) {
      var note = document.createElement("p");
      note.textContent = form.getAttribute("data-hub-download-note") || "";
      var p = document.createElement("p");
      var link = document.createElement("a");
      link.className = "md-button md-button--primary hub-form-done__download";
      link.href = data.download_url;
      link.setAttribute("data-hub-download", "");
      var word = form.getAttribute("data-hub-download") || "";
      link.textContent = title ? (zh ? word + "《" + title + "》" : word + " “" + title + "”") : word;
      p.appendChild(link);
      panel.appendChild(note);
      panel.appendChild(p);
    }
    form.parentNode.insertBefore(panel, form);
    form.hidden = true;
    form.reset();
    panel.focus();
    if (data.download_url) window.location.assign(data.download_url);
  }

  function sendInPlace(form) {
    if (!form.hasAttribute("data-hub-gated") || !window.fetch || !window.URLSearchParams
        || !window.FormData) return;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (form.getAttribute("aria-busy") === "true") return;
      form.setAttribute("aria-busy", "true");
      var fallback = function () {
        form.removeAttribute("aria-busy");
        HTMLFormElement.prototype.submit.call(form);
      };
      window.fetch(form.action, {
        method: "POST", mode: "cors", credentials: "omit",
        headers: { "Accept": "application/json" },
        body: new URLSearchParams(new FormData(form))
      }).then(function (response) {
        if (response.status !== 201) throw new Error("HTTP " + response.status);
        return response.json();
      }).then(function (data) {
        form.removeAttribute("aria-busy");
        confirmInPlace(form, data || {});
      }).catch(fallback);
    });
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
