// Enhances the post editor when JavaScript runs: EasyMDE for the Markdown body, a live preview rendered by the
// server (the same renderer and sanitizer as the public page), and autosave to this browser's storage so that a
// closed tab loses nothing. Without JavaScript the form works as it is.
(function () {
  "use strict";
  var form = document.getElementById("post-form");
  if (!form || typeof EasyMDE === "undefined") { return; }
  var body = document.getElementById("body");
  var title = document.getElementById("title");
  var language = document.getElementById("language");
  var key = form.dataset.autosave;
  var token = form.querySelector("input[name='__RequestVerificationToken']");
  var rtl = function () { return language.value === "fa"; };
  var labels = JSON.parse(form.dataset.toolLabels || "{}");
  // Each button shows a symbol; its accessible name is the localized word followed by that symbol.
  function tool(name, action, symbol, label) {
    return { name: name, action: action, text: symbol, title: label + " " + symbol };
  }

  function renderOnServer(markdown, preview) {
    var data = new FormData();
    data.append("Form.Body", markdown);
    data.append("__RequestVerificationToken", token ? token.value : "");
    fetch(form.dataset.previewUrl, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        // The server sanitized this HTML with the same rules as the public page.
        preview.innerHTML = '<div class="post-body" dir="' + (rtl() ? "rtl" : "ltr") + '" lang="' + language.value + '">' + html + "</div>";
      })
      .catch(function () { /* keep the last preview; the form still saves */ });
    return preview.innerHTML || "…";
  }

  var editor = new EasyMDE({
    element: body,
    forceSync: true,
    spellChecker: false,
    nativeSpellcheck: true,
    autoDownloadFontAwesome: false,
    direction: rtl() ? "rtl" : "ltr",
    minHeight: "22rem",
    status: false,
    autosave: { enabled: true, uniqueId: key, delay: 1000 },
    previewRender: renderOnServer,
    toolbar: [
      tool("bold", EasyMDE.toggleBold, "B", labels.bold),
      tool("italic", EasyMDE.toggleItalic, "I", labels.italic),
      tool("heading", EasyMDE.toggleHeadingSmaller, "H", labels.heading),
      "|",
      tool("quote", EasyMDE.toggleBlockquote, "❝", labels.quote),
      tool("unordered-list", EasyMDE.toggleUnorderedList, "•", labels.list),
      tool("ordered-list", EasyMDE.toggleOrderedList, "1.", labels.numbered),
      tool("link", EasyMDE.drawLink, "↗", labels.link),
      tool("image", EasyMDE.drawImage, "▣", labels.image),
      "|",
      { name: "side-by-side", action: EasyMDE.toggleSideBySide, text: form.dataset.previewLabel, title: form.dataset.previewLabel, noDisable: true }
    ]
  });

  editor.codemirror.getInputField().setAttribute("aria-label", labels.body);

  language.addEventListener("change", function () {
    editor.codemirror.setOption("direction", rtl() ? "rtl" : "ltr");
    editor.codemirror.setOption("rtlMoveVisually", rtl());
  });

  // The title is autosaved beside the body (EasyMDE keeps the body).
  var titleKey = "qalam-title:" + key;
  if (title.value === "" && localStorage.getItem(titleKey)) { title.value = localStorage.getItem(titleKey); }
  title.addEventListener("input", function () { localStorage.setItem(titleKey, title.value); });
  form.addEventListener("submit", function (event) {
    var command = event.submitter ? event.submitter.value : "";
    if (command !== "preview") {
      localStorage.removeItem(titleKey);
      localStorage.removeItem("smde_" + key);
    }
  });
})();
