// Wegwijs web chat: plain JavaScript, no external resources, works offline on a LAN.
(function () {
  "use strict";
  var WEBHOOK = "webhook";
  var STORE = "wegwijs.chat.v1";
  var UI = {
    nl: { placeholder: "Typ je bericht…", send: "Verstuur", typing: "Wegwijs typt…",
          label: "Taal", log: "Gesprek", message: "Je bericht",
          offline: "Geen verbinding. Je bericht wordt verstuurd zodra het weer kan." },
    tr: { placeholder: "Mesajınızı yazın…", send: "Gönder", typing: "Wegwijs yazıyor…",
          label: "Dil", log: "Sohbet", message: "Mesajınız",
          offline: "Bağlantı yok. Mesajınız bağlantı gelince gönderilecek." },
    ar: { placeholder: "اكتب رسالتك…", send: "أرسل", typing: "Wegwijs يكتب…",
          label: "اللغة", log: "المحادثة", message: "رسالتك",
          offline: "لا يوجد اتصال. سترسل رسالتك عندما يعود الاتصال." }
  };
  var ARABIC = /[\u0600-\u06FF]/;

  function load() {
    try { return JSON.parse(localStorage.getItem(STORE)) || null; } catch (e) { return null; }
  }
  function randomId() {
    var bytes = new Uint8Array(16);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }
  var state = load() || { sender: randomId(), language: "nl", history: [], outbox: [] };
  function save() { localStorage.setItem(STORE, JSON.stringify(state)); }

  var log = document.getElementById("log");
  var form = document.getElementById("composer");
  var input = document.getElementById("message");
  var typing = document.getElementById("typing");
  var status = document.getElementById("status");
  var picker = document.getElementById("language");
  var sending = false;

  function directionOf(text, fallbackLanguage) {
    if (ARABIC.test(text)) { return "rtl"; }
    return fallbackLanguage === "ar" && !/[A-Za-z]/.test(text) ? "rtl" : "ltr";
  }

  function applyLanguage(language) {
    var ui = UI[language] || UI.nl;
    document.documentElement.lang = language;
    document.documentElement.dir = language === "ar" ? "rtl" : "ltr";
    input.placeholder = ui.placeholder;
    input.setAttribute("dir", language === "ar" ? "rtl" : "auto");
    document.getElementById("send").textContent = ui.send;
    document.getElementById("language-label").textContent = ui.label;
    document.getElementById("message-label").textContent = ui.message;
    log.setAttribute("aria-label", ui.log);
    typing.textContent = ui.typing;
    picker.value = language;
  }

  function render(entry) {
    var item = document.createElement("li");
    item.className = "msg " + entry.who + (entry.pending ? " pending" : "");
    item.textContent = entry.text;
    item.dir = directionOf(entry.text, state.language);
    item.lang = entry.who === "bot" ? state.language : "";
    log.appendChild(item);
    if (entry.buttons && entry.buttons.length && entry.latest) {
      var group = document.createElement("li");
      group.className = "choices";
      group.setAttribute("role", "group");
      entry.buttons.forEach(function (button) {
        var element = document.createElement("button");
        element.type = "button";
        element.textContent = button.title;
        element.dir = directionOf(button.title, state.language);
        element.addEventListener("click", function () {
          send(button.payload, button.title);
        });
        group.appendChild(element);
      });
      log.appendChild(group);
    }
    item.scrollIntoView({ block: "end" });
  }

  function redraw() {
    log.innerHTML = "";
    var lastBot = -1;
    state.history.forEach(function (entry, index) { if (entry.who === "me") { lastBot = index; } });
    state.history.forEach(function (entry, index) {
      entry.latest = index > lastBot;
      render(entry);
    });
  }

  // The reply's script tells the page which language the assistant now speaks.
  function languageFromReply(text) {
    if (ARABIC.test(text)) { return "ar"; }
    return /[ğışçöüİ]/.test(text) ? "tr" : "nl";
  }

  function deliver() {
    if (sending || !state.outbox.length) { return; }
    sending = true;
    typing.hidden = false;
    var next = state.outbox[0];
    fetch(WEBHOOK, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: state.sender, message: next.payload,
                             metadata: { client_message_id: next.id } })
    }).then(function (reply) {
      if (!reply.ok) { throw new Error("HTTP " + reply.status); }
      return reply.json();
    }).then(function (messages) {
      state.outbox.shift();
      state.history.forEach(function (entry) { if (entry.id === next.id) { entry.pending = false; } });
      messages.forEach(function (message) {
        if (message.text) {
          state.language = languageFromReply(message.text);
          state.history.push({ who: "bot", text: message.text, buttons: message.buttons || [] });
        }
      });
      status.textContent = "";
      save();
      applyLanguage(state.language);
      redraw();
    }).catch(function () {
      status.textContent = (UI[state.language] || UI.nl).offline;
      setTimeout(deliver, 3000);
    }).then(function () {
      sending = false;
      typing.hidden = true;
      if (state.outbox.length) { deliver(); }
    });
  }

  function send(payload, shown) {
    var id = randomId();
    state.history.push({ who: "me", text: shown || payload, id: id, pending: true });
    state.outbox.push({ id: id, payload: payload });
    save();
    redraw();
    deliver();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = "";
    send(text);
  });
  picker.addEventListener("change", function () {
    state.language = picker.value;
    applyLanguage(state.language);
    send('/change_language{"preferred_language":"' + picker.value + '"}', picker.options[picker.selectedIndex].text);
  });
  window.addEventListener("online", deliver);

  applyLanguage(state.language);
  redraw();
  if (!state.history.length) { send("/greet", "👋"); } else { deliver(); }
  input.focus();
})();
