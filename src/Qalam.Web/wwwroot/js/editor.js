// Enhances the post editor when JavaScript runs. Without JavaScript the form works as it is: a textarea, the
// server's preview button and a date field that takes typed Jalali or Gregorian dates.
//
// With it: the TOAST UI Editor (from npm, bundled at build time) in a Markdown or a visual mode that both store
// Markdown, the writer's choice remembered in this browser; each line and paragraph takes the direction of its
// own first letter (unicode-bidi: plaintext, see admin.css); images dragged in, pasted or chosen with the image
// button are uploaded to the blog's media with progress, and inserted with an alt text the writer is asked for;
// a preview rendered by the server (the same renderer and sanitizer as the public page); autosave to this
// browser's storage so that a closed tab loses nothing; and a Jalali date-time picker for Jalali blogs.
(function () {
  "use strict";
  var form = document.getElementById("post-form");
  if (!form || typeof QalamToastUi === "undefined") { return; }
  var Editor = QalamToastUi.Editor;
  var body = document.getElementById("body");
  var title = document.getElementById("title");
  var language = document.getElementById("language");
  var status = document.getElementById("upload-status");
  var key = form.dataset.autosave;
  var token = form.querySelector("input[name='__RequestVerificationToken']");
  var words = JSON.parse(form.dataset.words || "{}");
  var uiLanguage = form.dataset.uiLanguage;
  var modeKey = "qalam-editor-mode";
  var bodyKey = "qalam-body:" + key;
  var titleKey = "qalam-title:" + key;

  function direction() { return language.value === "fa" ? "rtl" : "ltr"; }
  function say(template, a, b) { return template.replace("{0}", a).replace("{1}", b === undefined ? "" : b); }
  function digits(text) {
    return uiLanguage === "fa" ? String(text).replace(/[0-9]/g, function (d) { return "۰۱۲۳۴۵۶۷۸۹"[d]; }) : String(text);
  }

  // The component's words in the admin's language (never its built-in English in a Persian admin).
  Editor.setLanguage(uiLanguage, JSON.parse(form.dataset.toastWords || "{}"));

  var stored = localStorage.getItem(bodyKey);
  var mount = document.createElement("div");
  mount.className = "rich-editor";
  body.parentNode.insertBefore(mount, body);
  body.hidden = true;
  form.querySelector(".markdown-hint").hidden = true;
  form.querySelector(".mode-hint").hidden = false;
  form.querySelector(".images-hint").hidden = false;

  function create(mode) {
    return new Editor({
      el: mount,
      initialValue: initial,
      initialEditType: mode,
      previewStyle: "tab",
      height: "auto",
      minHeight: "22rem",
      language: uiLanguage,
      usageStatistics: false,
      autofocus: false,
      toolbarItems: [
        ["heading", "bold", "italic", "strike"],
        ["quote", "ul", "ol", "hr"],
        ["link", "image", "table"],
        ["code", "codeblock"]
      ],
      hooks: { addImageBlobHook: uploadImage },
      events: {
        change: changed,
        changeMode: function (mode) { localStorage.setItem(modeKey, mode); setDirection(); }
      }
    });
  }

  // The visual mode cannot show every text (the component fails on some raw HTML); such a text opens, or stays,
  // in the Markdown mode, with a word to the writer, and nothing is lost.
  var editor;
  var preferred = localStorage.getItem(modeKey) === "wysiwyg" ? "wysiwyg" : "markdown";
  var initial = stored !== null ? stored : body.value;
  try {
    editor = create(preferred);
  } catch (error) {
    if (preferred !== "wysiwyg") { throw error; }
    mount.textContent = "";
    editor = create("markdown");
    status.textContent = words.visualFailed;
  }
  mount.addEventListener("click", function (event) {
    var tab = event.target.closest(".toastui-editor-mode-switch .tab-item");
    if (!tab || tab.classList.contains("active")) { return; }
    event.stopPropagation();
    var markdown = editor.getMarkdown();
    var target = editor.isMarkdownMode() ? "wysiwyg" : "markdown";
    try {
      editor.changeMode(target);
    } catch (error) {
      editor.mode = "markdown";
      editor.setMarkdown(markdown, false);
      status.textContent = words.visualFailed;
    }
  }, true);
  form.qalamEditor = editor;

  // The component leaves its overflow ("more") button without a name; give every unnamed button its tooltip's word.
  var toastWords = JSON.parse(form.dataset.toastWords || "{}");
  // Its mode switch is two clickable boxes: make them buttons a keyboard reaches.
  function fixAccessibility() {
    mount.querySelectorAll(".toastui-editor-toolbar button:not([aria-label])").forEach(function (button) {
      if (button.classList.contains("more")) { button.setAttribute("aria-label", toastWords.More); }
    });
    mount.querySelectorAll(".toastui-editor-mode-switch .tab-item").forEach(function (tab) {
      tab.setAttribute("role", "button");
      tab.setAttribute("tabindex", "0");
      tab.setAttribute("aria-pressed", String(tab.classList.contains("active")));
    });
  }
  fixAccessibility();
  new MutationObserver(fixAccessibility).observe(mount, { childList: true, subtree: true, attributeFilter: ["class"] });
  mount.addEventListener("keydown", function (event) {
    var tab = event.target.closest(".toastui-editor-mode-switch .tab-item");
    if (tab && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); tab.click(); }
  });

  function setDirection() {
    mount.querySelectorAll(".toastui-editor-main .ProseMirror, .toastui-editor-contents").forEach(function (area) {
      area.setAttribute("dir", direction());
      area.setAttribute("lang", language.value);
    });
    mount.querySelectorAll(".ProseMirror[contenteditable]").forEach(function (area) {
      area.setAttribute("role", "textbox");
      area.setAttribute("aria-multiline", "true");
      area.setAttribute("aria-label", words.body);
    });
    // The component's off-screen clipboard helper is not a field anyone fills in.
    mount.querySelectorAll(".toastui-editor-pseudo-clipboard").forEach(function (helper) {
      helper.setAttribute("aria-hidden", "true");
      helper.setAttribute("tabindex", "-1");
    });
  }
  setDirection();
  language.addEventListener("change", function () { setDirection(); refreshPreview(); });

  // Autosave: the body and the title in this browser until the form is sent.
  var saveTimer = null;
  var sent = false;
  function save() {
    clearTimeout(saveTimer);
    if (!sent) { localStorage.setItem(bodyKey, editor.getMarkdown()); }
  }
  var editorChanged = [];
  function changed() {
    if (!editor) { return; }
    body.value = editor.getMarkdown();
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, 500);
    schedulePreview();
    editorChanged.forEach(function (listener) { listener(); });
  }
  // Leaving the page before the pause is over still keeps the last words, here and on the server.
  window.addEventListener("pagehide", function () { save(); if (serverDirty) { sendToServer(true); } });

  // Autosave to the server, a few seconds after the writer pauses: an existing post keeps it as the writer's
  // autosave revision (readers see the saved text until the writer saves); a new post with a title becomes a draft,
  // whose address this page then takes.
  var autosaveStatus = document.getElementById("autosave-status");
  var serverTimer = null;
  var serverDirty = false;
  var inFlight = false;
  var pending = null;
  function autosaveData() {
    var data = new FormData();
    data.append("Form.Title", title.value);
    data.append("Form.Body", editor.getMarkdown());
    data.append("Form.Language", language.value);
    data.append("Form.Tags", (document.getElementById("tags") || { value: "" }).value);
    data.append("__RequestVerificationToken", token ? token.value : "");
    return data;
  }
  function sendToServer(leaving) {
    clearTimeout(serverTimer);
    if (sent || inFlight) { return; }
    var creating = /\/new\?/.test(form.dataset.autosaveUrl);
    if (creating && title.value.trim() === "") { return; }
    serverDirty = false;
    if (leaving && navigator.sendBeacon && !creating) {
      navigator.sendBeacon(form.dataset.autosaveUrl, autosaveData());
      return;
    }
    inFlight = true;
    pending = fetch(form.dataset.autosaveUrl, { method: "POST", body: autosaveData(), credentials: "same-origin" })
      .then(function (response) { return response.json().then(function (answer) { return { ok: response.ok, answer: answer }; }); })
      .then(function (result) {
        if (!result.ok) { autosaveStatus.textContent = result.answer.error || ""; serverDirty = true; return; }
        autosaveStatus.textContent = result.answer.saved || "";
        if (result.answer.url) {
          // The new post is a draft now: later saves and autosaves go to it.
          form.dataset.autosaveUrl = result.answer.url + "?handler=Autosave";
          form.dataset.previewUrl = result.answer.url + "?handler=Preview";
          form.setAttribute("action", result.answer.url);
          history.replaceState(null, "", result.answer.url);
        }
      })
      .catch(function () { serverDirty = true; })
      .then(function () { inFlight = false; pending = null; });
  }
  function scheduleServer() {
    serverDirty = true;
    clearTimeout(serverTimer);
    serverTimer = setTimeout(function () { sendToServer(false); }, 3000);
  }
  editorChanged.push(scheduleServer);
  body.value = editor.getMarkdown();
  if (title.value === "" && localStorage.getItem(titleKey)) { title.value = localStorage.getItem(titleKey); }
  title.addEventListener("input", function () { localStorage.setItem(titleKey, title.value); schedulePreview(); scheduleServer(); });
  form.addEventListener("submit", function (event) {
    body.value = editor.getMarkdown();
    if (event.submitter && event.submitter.value === "preview") {
      event.preventDefault();
      togglePreview();
      return;
    }
    // An autosave on its way may be making this new post a draft: the form waits for it and then goes to that
    // draft's address, so one post is never saved twice.
    if (pending) {
      event.preventDefault();
      var submitter = event.submitter;
      pending.then(function () { form.requestSubmit(submitter); });
      return;
    }
    sent = true;
    clearTimeout(saveTimer);
    localStorage.removeItem(titleKey);
    localStorage.removeItem(bodyKey);
  });

  // The preview: rendered by the server, shown under the editor (beside it on wide screens), kept up to date.
  var previewSection = document.getElementById("live-preview");
  var previewButton = form.querySelector("button[value=preview]");
  var previewTimer = null;
  function togglePreview() {
    previewSection.hidden = !previewSection.hidden;
    form.querySelector(".editor-layout").classList.toggle("with-preview", !previewSection.hidden);
    previewButton.textContent = previewSection.hidden ? words.preview : words.hidePreview;
    previewButton.setAttribute("aria-expanded", String(!previewSection.hidden));
    if (!previewSection.hidden) { refreshPreview(); previewSection.scrollIntoView({ block: "nearest" }); }
  }
  previewButton.setAttribute("aria-controls", "live-preview");
  previewButton.setAttribute("aria-expanded", "false");
  function schedulePreview() {
    if (previewSection.hidden) { return; }
    clearTimeout(previewTimer);
    previewTimer = setTimeout(refreshPreview, 400);
  }
  function refreshPreview() {
    if (previewSection.hidden) { return; }
    var article = previewSection.querySelector("article");
    article.setAttribute("lang", language.value);
    article.setAttribute("dir", direction());
    previewSection.querySelector(".preview-title").textContent = title.value;
    var data = new FormData();
    data.append("Form.Body", editor.getMarkdown());
    data.append("__RequestVerificationToken", token ? token.value : "");
    fetch(form.dataset.previewUrl, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        // The server sanitized this HTML with the same rules as the public page.
        previewSection.querySelector(".post-body").innerHTML = html;
      })
      .catch(function () { /* keep the last preview; the form still saves */ });
  }

  // Images: ask for the alt text, upload with progress, then insert.
  var dialog = document.getElementById("alt-dialog");
  var altText = document.getElementById("alt-text");
  var altError = document.getElementById("alt-error");
  var altImage = document.getElementById("alt-image");
  dialog.querySelector("button[value=insert]").addEventListener("click", function (event) {
    if (altText.value.trim() === "") { event.preventDefault(); altError.hidden = false; altText.focus(); }
  });
  function askAlt(file, suggested, answer) {
    altText.value = suggested || "";
    altError.hidden = true;
    var reader = new FileReader();
    reader.onload = function () { altImage.src = reader.result; };
    reader.readAsDataURL(file);
    dialog.returnValue = "";
    dialog.addEventListener("close", function closed() {
      dialog.removeEventListener("close", closed);
      answer(dialog.returnValue === "insert" ? altText.value.trim() : null);
    });
    dialog.showModal();
    altText.focus();
  }

  function uploadImage(file, insert, source) {
    // The image button's own form has a description field; it is the suggestion when the writer filled it.
    var described = source === "ui" ? mount.querySelector(".toastui-editor-popup-add-image input[id$=AltTextInput], .toastui-editor-popup-add-image input[type=text]:last-of-type") : null;
    askAlt(file, described ? described.value : "", function (alt) {
      if (alt === null) { editor.focus(); return; }
      send(file, alt, status, function (answer) { insert(answer.url, alt); });
    });
  }

  // Uploads one image to the media library (the same checks as its page), telling progress in `where`.
  function send(file, alt, where, done) {
    var name = file.name || "image";
    var request = new XMLHttpRequest();
    var data = new FormData();
    data.append("file", file, name);
    data.append("alt", alt);
    data.append("__RequestVerificationToken", token ? token.value : "");
    request.open("POST", form.dataset.uploadUrl);
    request.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) {
        where.textContent = say(words.uploading, name, digits(Math.round(100 * event.loaded / event.total)) + (uiLanguage === "fa" ? "٪" : "%"));
      }
    });
    request.addEventListener("load", function () {
      var answer = null;
      try { answer = JSON.parse(request.responseText); } catch (e) { answer = null; }
      if (request.status === 200 && answer && answer.url) {
        done(answer);
        where.textContent = say(words.uploaded, name);
      } else {
        where.textContent = say(words.failed, name, answer && answer.error ? answer.error : words.network);
      }
    });
    request.addEventListener("error", function () { where.textContent = say(words.failed, name, words.network); });
    where.textContent = say(words.uploading, name, digits(0) + (uiLanguage === "fa" ? "٪" : "%"));
    request.send(data);
  }

  // The featured image: besides picking one of the library's images (plain radio buttons), upload a new one here; it
  // joins the choices, chosen.
  var featuredFile = document.getElementById("featured-file");
  if (featuredFile) {
    var featuredStatus = document.getElementById("featured-status");
    var choices = document.querySelector(".featured-choices");
    featuredFile.closest("label").hidden = false;
    featuredFile.addEventListener("change", function () {
      var file = featuredFile.files[0];
      featuredFile.value = "";
      if (!file) { return; }
      askAlt(file, "", function (alt) {
        if (alt === null) { return; }
        send(file, alt, featuredStatus, function (answer) {
          var item = document.createElement("li");
          var label = document.createElement("label");
          var radio = document.createElement("input");
          radio.type = "radio";
          radio.name = "Form.FeaturedImageId";
          radio.value = answer.id;
          radio.checked = true;
          var image = document.createElement("img");
          image.src = answer.url;
          image.alt = answer.alt || alt;
          label.append(radio, " ", image);
          item.append(label);
          choices.insertBefore(item, choices.children[1] || null);
          radio.focus();
        });
      });
    });
  }

  // A Jalali date-time picker for Jalali blogs (the field also takes typed dates, in either digits).
  var publishAt = document.getElementById("publish-at");
  if (publishAt && publishAt.hasAttribute("data-jdp") && typeof jalaliDatepicker !== "undefined") {
    jalaliDatepicker.startWatch({
      time: true,
      hasSecond: false,
      persianDigits: uiLanguage === "fa",
      autoReadOnlyInput: false,
      months: publishAt.dataset.months.split(","),
      days: publishAt.dataset.days.split(","),
      zIndex: 2000
    });
    // The picker writes and reads back Latin digits (it misreads Persian ones), so the field keeps what it writes;
    // the server reads both.
    // The picker's own buttons are written in Persian; in the admin's language instead.
    var buttons = publishAt.dataset.buttons.split(",");
    new MutationObserver(function () {
      [".jdp-btn-today", ".jdp-btn-empty", ".jdp-btn-close"].forEach(function (selector, index) {
        document.querySelectorAll(selector).forEach(function (button) {
          if (button.textContent !== buttons[index]) { button.textContent = buttons[index]; }
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }
})();
