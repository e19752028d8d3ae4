// Wegwijs web chat: plain JavaScript, no build step, no external resources; works on a LAN.
//
// Every message gets an id and goes into an outbox kept in localStorage before it is sent.
// It leaves the outbox only when the reply has arrived, so a message typed offline, or lost
// with the connection, is sent again later; the server answers a repeated id with the reply it
// stored the first time, so nothing is ever processed twice.
(function () {
  "use strict";
  var WEBHOOK = "webhook";
  var INBOX = "inbox";
  var HEALTH = "health";
  var STORE = "wegwijs.chat.v2";
  var AMBASSADOR_STORE = "wegwijs.ambassador.v1";
  var REQUEST_TIMEOUT_MS = 45000;
  var RETRY_MIN_MS = 1000;
  var RETRY_MAX_MS = 15000;
  var INBOX_EVERY_MS = 30000;
  var MAX_HISTORY = 300;
  var ARABIC = /[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]/;
  var LATIN = /[A-Za-z\u00C0-\u024F]/;

  var UI = {
    nl: {
      skip: "Naar het berichtveld", language: "Taal", ambassador: "Ambassadeur",
      placeholder: "Typ je bericht…", send: "Verstuur", typing: "Wegwijs typt…",
      log: "Gesprek", message: "Je bericht", you: "Jij:", bot: "Wegwijs:",
      choices: "Keuzes", pending: "Nog niet verstuurd", failed: "Dit bericht kon niet worden verstuurd.",
      offline: "Geen verbinding. Je berichten worden verstuurd zodra het weer kan.",
      waiting: "berichten wachten", signInHeading: "Aanmelden als ambassadeur",
      tokenLabel: "Je ambassadeurstoken", meetingLabel: "Code van de bijeenkomst",
      signIn: "Aanmelden", signOut: "Afmelden", newResident: "Nieuwe bewoner",
      overview: "Overzicht", back: "Terug naar het gesprek",
      hint: "De assistent spreekt de bewoner aan. Laat de bewoner zelf antwoorden en zelf toestemming geven.",
      consentHint: "Laat de bewoner zelf kiezen.",
      who: "Ambassadeur {name} · bijeenkomst {code} ({municipality}, {date})",
      closed: "Deze bijeenkomst is voorbij: je kunt alleen het overzicht bekijken.",
      errorToken: "Dit token klopt niet of is ingetrokken.",
      errorMeeting: "Deze bijeenkomst bestaat niet. Kijk de code na.",
      errorClosed: "Deze bijeenkomst is voorbij: nieuwe gesprekken kunnen niet meer.",
      errorNetwork: "Geen verbinding. Probeer het zo nog eens.",
      errorMissing: "Vul het token en de code van de bijeenkomst in.",
      signInAgain: "Meld je opnieuw aan om de wachtende berichten te versturen.",
      waitUnsent: "Wacht tot alle berichten verstuurd zijn.",
      overviewHeading: "Doorverwijzingen bij deze bijeenkomst",
      count: "{n} doorverwijzing(en) door jou bij deze bijeenkomst.",
      none: "Nog geen doorverwijzingen bij deze bijeenkomst.",
      colTime: "Tijd", colReceiver: "Organisatie", colStatus: "Status", colReference: "Kenmerk",
      updated: "nieuw", urgent: "spoed",
      status: { "new": "Doorgegeven, nog niet opgepakt", accepted: "Opgepakt",
                contacted: "Contact gelegd", helped: "Geholpen", closed: "Afgesloten",
                unreachable: "Niet bereikt", declined: "Afgewezen" }
    },
    tr: {
      skip: "Mesaj alanına git", language: "Dil", ambassador: "Elçi",
      placeholder: "Mesajınızı yazın…", send: "Gönder", typing: "Wegwijs yazıyor…",
      log: "Sohbet", message: "Mesajınız", you: "Siz:", bot: "Wegwijs:",
      choices: "Seçenekler", pending: "Henüz gönderilmedi", failed: "Bu mesaj gönderilemedi.",
      offline: "Bağlantı yok. Mesajlarınız bağlantı gelince gönderilecek.",
      waiting: "mesaj bekliyor", signInHeading: "Elçi olarak giriş",
      tokenLabel: "Elçi anahtarınız", meetingLabel: "Toplantı kodu",
      signIn: "Giriş yap", signOut: "Çıkış", newResident: "Yeni kişi",
      overview: "Özet", back: "Sohbete dön",
      hint: "Asistan sakinle konuşur. Sakin kendisi cevap versin ve iznini kendisi versin.",
      consentHint: "Seçimi sakin kendisi yapsın.",
      who: "Elçi {name} · toplantı {code} ({municipality}, {date})",
      closed: "Bu toplantı sona erdi: sadece özeti görebilirsiniz.",
      errorToken: "Bu anahtar doğru değil veya iptal edildi.",
      errorMeeting: "Bu toplantı bulunamadı. Kodu kontrol edin.",
      errorClosed: "Bu toplantı sona erdi: yeni görüşme yapılamaz.",
      errorNetwork: "Bağlantı yok. Birazdan tekrar deneyin.",
      errorMissing: "Anahtarı ve toplantı kodunu yazın.",
      signInAgain: "Bekleyen mesajları göndermek için tekrar giriş yapın.",
      waitUnsent: "Bütün mesajlar gönderilene kadar bekleyin.",
      overviewHeading: "Bu toplantıdaki yönlendirmeler",
      count: "Bu toplantıda sizin {n} yönlendirmeniz var.",
      none: "Bu toplantıda henüz yönlendirme yok.",
      colTime: "Saat", colReceiver: "Kurum", colStatus: "Durum", colReference: "Referans",
      updated: "yeni", urgent: "acil",
      status: { "new": "İletildi, henüz ele alınmadı", accepted: "Ele alındı",
                contacted: "İletişime geçildi", helped: "Yardım edildi", closed: "Kapatıldı",
                unreachable: "Ulaşılamadı", declined: "Reddedildi" }
    },
    ar: {
      skip: "انتقل إلى خانة الرسالة", language: "اللغة", ambassador: "سفير",
      placeholder: "اكتب رسالتك…", send: "أرسل", typing: "Wegwijs يكتب…",
      log: "المحادثة", message: "رسالتك", you: "أنت:", bot: "Wegwijs:",
      choices: "اختيارات", pending: "لم تُرسل بعد", failed: "تعذر إرسال هذه الرسالة.",
      offline: "لا يوجد اتصال. سترسل رسائلك عندما يعود الاتصال.",
      waiting: "رسائل تنتظر", signInHeading: "تسجيل الدخول كسفير",
      tokenLabel: "رمز السفير الخاص بك", meetingLabel: "رمز اللقاء",
      signIn: "دخول", signOut: "خروج", newResident: "ساكن جديد",
      overview: "الملخص", back: "العودة إلى المحادثة",
      hint: "المساعد يخاطب الساكن. دع الساكن يجيب بنفسه ويعطي موافقته بنفسه.",
      consentHint: "دع الساكن يختار بنفسه.",
      who: "السفير {name} · اللقاء {code} ({municipality}، {date})",
      closed: "انتهى هذا اللقاء: يمكنك فقط رؤية الملخص.",
      errorToken: "هذا الرمز غير صحيح أو أُلغي.",
      errorMeeting: "هذا اللقاء غير موجود. تحقق من الرمز.",
      errorClosed: "انتهى هذا اللقاء: لا يمكن بدء محادثات جديدة.",
      errorNetwork: "لا يوجد اتصال. حاول مرة أخرى بعد قليل.",
      errorMissing: "اكتب الرمز ورمز اللقاء.",
      signInAgain: "سجل الدخول مرة أخرى لإرسال الرسائل المنتظرة.",
      waitUnsent: "انتظر حتى تُرسل كل الرسائل.",
      overviewHeading: "الإحالات في هذا اللقاء",
      count: "لديك {n} إحالة في هذا اللقاء.",
      none: "لا توجد إحالات في هذا اللقاء بعد.",
      colTime: "الوقت", colReceiver: "المنظمة", colStatus: "الحالة", colReference: "المرجع",
      updated: "جديد", urgent: "عاجل",
      status: { "new": "أُرسلت، لم تُستلم بعد", accepted: "تم استلامها",
                contacted: "تم التواصل", helped: "تمت المساعدة", closed: "أُغلقت",
                unreachable: "تعذر الوصول", declined: "رُفضت" }
    }
  };

  // ---- storage -------------------------------------------------------------------------
  function read(key) {
    try { return JSON.parse(localStorage.getItem(key)) || null; } catch (e) { return null; }
  }
  function write(key, value) {
    try {
      if (value === null) { localStorage.removeItem(key); }
      else { localStorage.setItem(key, JSON.stringify(value)); }
    } catch (e) { /* private mode or full: the page still works, without surviving reloads */ }
  }
  function randomId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }
  function freshConversation(language) {
    return { sender: randomId(), language: language || "nl", history: [], outbox: [],
             inboxAck: [], inboxSeen: [] };
  }
  var state = read(STORE) || freshConversation("nl");
  ["history", "outbox", "inboxAck", "inboxSeen"].forEach(function (key) {
    if (!Array.isArray(state[key])) { state[key] = []; }
  });
  var ambassador = read(AMBASSADOR_STORE);
  if (state.history.length > MAX_HISTORY) { state.history = state.history.slice(-MAX_HISTORY); }
  function save() { write(STORE, state); }

  // ---- elements ------------------------------------------------------------------------
  function $(id) { return document.getElementById(id); }
  var log = $("log"), form = $("composer"), input = $("message"), typing = $("typing");
  var status = $("status"), picker = $("language"), sendButton = $("send");
  var panel = $("ambassador-panel"), toggle = $("ambassador-toggle"), signInForm = $("sign-in");
  var signInError = $("sign-in-error"), bar = $("ambassador-bar"), note = $("ambassador-note");
  var overview = $("overview");

  var sending = false;
  var retryTimer = null;
  var retryDelay = RETRY_MIN_MS;
  var offline = false;
  var blockedBySignIn = false;

  function ui() { return UI[state.language] || UI.nl; }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_m, key) {
      return values[key] === undefined ? "" : String(values[key]);
    });
  }
  function directionOf(text, language) {
    if (ARABIC.test(text)) { return "rtl"; }
    if (LATIN.test(text)) { return "ltr"; }
    return language === "ar" ? "rtl" : "ltr";
  }

  // ---- language ------------------------------------------------------------------------
  function applyLanguage(language) {
    var texts = UI[language] || UI.nl;
    document.documentElement.lang = language;
    document.documentElement.dir = language === "ar" ? "rtl" : "ltr";
    Array.prototype.forEach.call(document.querySelectorAll("[data-i18n]"), function (element) {
      var text = texts[element.getAttribute("data-i18n")];
      if (typeof text === "string") { element.textContent = text; }
    });
    input.placeholder = texts.placeholder;
    input.setAttribute("dir", language === "ar" ? "rtl" : "auto");
    log.setAttribute("aria-label", texts.log);
    picker.value = language;
    renderAmbassador();
  }

  // ---- conversation view ---------------------------------------------------------------
  // Entries are appended, never re-rendered: the log is a live region, and rebuilding it would
  // make a screen reader read the whole conversation again after every message.
  var nodes = [];
  var choices = null;
  var choicesFor = -1;

  function renderEntry(entry) {
    var texts = ui();
    var item = document.createElement("div");
    if (entry.silent) { item.hidden = true; log.appendChild(item); return item; }
    item.className = "msg " + (entry.kind === "notice" ? "bot notice" : entry.who);
    var language = entry.language || (entry.who === "bot" ? state.language : "");
    item.dir = directionOf(entry.text, language || state.language);
    if (language) { item.lang = language; }
    var who = document.createElement("span");
    who.className = "visually-hidden";
    who.textContent = (entry.who === "me" ? texts.you : texts.bot) + " ";
    item.appendChild(who);
    var text = document.createElement("span");
    text.className = "text";
    text.textContent = entry.text;
    item.appendChild(text);
    updateEntry(item, entry);
    log.appendChild(item);
    return item;
  }

  function updateEntry(item, entry) {
    var mark = item.querySelector(".state");
    var label = entry.failed ? ui().failed : (entry.pending ? ui().pending : "");
    item.classList.toggle("failed", !!entry.failed);
    item.classList.toggle("pending", !!entry.pending);
    if (!label) { if (mark) { mark.remove(); } return; }
    if (!mark) {
      mark = document.createElement("span");
      mark.className = "state";
      item.appendChild(mark);
    }
    if (mark.textContent !== label) { mark.textContent = label; }
  }

  function renderChoices(entry) {
    var texts = ui();
    var group = document.createElement("div");
    group.className = "choices";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", texts.choices);
    group.dir = entry.language === "ar" || ARABIC.test(entry.text) ? "rtl" : "ltr";
    var consent = entry.buttons.some(function (b) { return b.payload === "/affirm"; });
    if (ambassador && consent) {
      var hint = document.createElement("p");
      hint.className = "hint";
      hint.textContent = texts.consentHint;
      group.appendChild(hint);
    }
    entry.buttons.forEach(function (button) {
      var element = document.createElement("button");
      element.type = "button";
      element.textContent = button.title;
      element.dir = directionOf(button.title, entry.language || state.language);
      element.addEventListener("click", function () {
        Array.prototype.forEach.call(group.querySelectorAll("button"), function (b) {
          b.disabled = true;
        });
        send(button.payload, button.title);
      });
      group.appendChild(element);
    });
    log.appendChild(group);
    return group;
  }

  // The buttons of the latest bot message with buttons, if the resident has not answered yet.
  function currentChoices() {
    for (var i = state.history.length - 1; i >= 0; i--) {
      var entry = state.history[i];
      if (entry.who === "me") { return -1; }
      if (entry.buttons && entry.buttons.length) { return i; }
    }
    return -1;
  }

  function redraw(full) {
    if (full || nodes.length > state.history.length) {
      log.textContent = "";
      nodes = [];
      choices = null;
      choicesFor = -1;
    }
    var i;
    for (i = 0; i < nodes.length; i++) { updateEntry(nodes[i], state.history[i]); }
    var wanted = currentChoices();
    if (choices && choicesFor !== wanted) { choices.remove(); choices = null; choicesFor = -1; }
    var added = nodes.length < state.history.length;
    for (i = nodes.length; i < state.history.length; i++) { nodes.push(renderEntry(state.history[i])); }
    if (added && choices) { log.appendChild(choices); }
    if (wanted >= 0 && !choices) {
      choices = renderChoices(state.history[wanted]);
      choicesFor = wanted;
    }
    log.scrollTop = log.scrollHeight;
    renderStatus();
  }

  function renderStatus() {
    var texts = ui();
    var waiting = state.outbox.length;
    if (offline && waiting) {
      status.textContent = texts.offline + " (" + waiting + " " + texts.waiting + ")";
    } else if (blockedBySignIn && waiting) {
      status.textContent = texts.signInAgain;
    } else {
      status.textContent = "";
    }
    status.className = "status" + (offline || blockedBySignIn ? " offline" : "");
    var busy = waiting > 0;
    $("new-resident").disabled = busy;
    $("sign-out").disabled = busy;
    note.textContent = busy && ambassador ? texts.waitUnsent : (ambassadorClosed() ? texts.closed : "");
  }

  // ---- sending -------------------------------------------------------------------------
  function request(url, body, headers) {
    var controller = window.AbortController ? new AbortController() : null;
    var timer = controller ? setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS) : null;
    var allHeaders = { "Content-Type": "application/json" };
    Object.keys(headers || {}).forEach(function (key) { allHeaders[key] = headers[key]; });
    return fetch(url, {
      method: "POST", headers: allHeaders, body: JSON.stringify(body), cache: "no-store",
      signal: controller ? controller.signal : undefined
    }).then(function (reply) {
      if (timer) { clearTimeout(timer); }
      return reply;
    }, function (error) {
      if (timer) { clearTimeout(timer); }
      throw error;
    });
  }

  function scheduleRetry() {
    if (retryTimer) { return; }
    retryTimer = setTimeout(function () { retryTimer = null; deliver(); }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS);
  }

  function wentOnline() {
    offline = false;
    retryDelay = RETRY_MIN_MS;
  }

  function entryOf(id) {
    for (var i = 0; i < state.history.length; i++) {
      if (state.history[i].id === id) { return state.history[i]; }
    }
    return null;
  }

  function deliver() {
    if (sending || !state.outbox.length || blockedBySignIn) { return; }
    var next = state.outbox[0];
    var metadata = { client_message_id: next.id };
    if (next.meeting_code) {
      if (!ambassador || !ambassador.token) { blockedBySignIn = true; renderStatus(); openPanel(); return; }
      metadata.ambassador_token = ambassador.token;
      metadata.meeting_code = next.meeting_code;
    }
    sending = true;
    typing.hidden = false;
    request(WEBHOOK, { sender: next.sender, message: next.payload, metadata: metadata })
      .then(function (reply) {
        if (reply.status === 401 || reply.status === 403) {
          return reply.json().then(function (body) { throw { refused: body }; });
        }
        if (reply.status === 400) { return null; }
        if (!reply.ok) { throw new Error("HTTP " + reply.status); }
        return reply.json();
      })
      .then(function (messages) {
        state.outbox.shift();
        var mine = entryOf(next.id);
        if (mine) { mine.pending = false; mine.failed = messages === null; }
        if (messages && next.sender === state.sender) { receive(messages); }
        wentOnline();
        save();
        redraw();
      }, function (error) {
        if (error && error.refused) {
          blockedBySignIn = true;
          openPanel(error.refused.reason);
        } else {
          offline = true;
          scheduleRetry();
        }
        renderStatus();
      })
      .then(function () {
        sending = false;
        typing.hidden = true;
        if (state.outbox.length && !offline && !blockedBySignIn) { deliver(); }
      });
  }

  function receive(messages) {
    messages.forEach(function (message) {
      if (message.language && UI[message.language]) { state.language = message.language; }
      if (message.text) {
        state.history.push({ who: "bot", text: message.text, buttons: message.buttons || [],
                             language: message.language || languageFromText(message.text) });
      }
    });
    applyLanguage(state.language);
  }

  // Fallback when the server did not say: the script of the reply tells the language.
  function languageFromText(text) {
    if (ARABIC.test(text)) { return "ar"; }
    return /[ğış]/i.test(text) ? "tr" : state.language;
  }

  // ``shown`` is what the conversation shows for it; null shows nothing (the greeting).
  function send(payload, shown) {
    var id = randomId();
    var item = { id: id, sender: state.sender, payload: payload };
    if (ambassador && ambassador.meeting_code) { item.meeting_code = ambassador.meeting_code; }
    state.history.push({ who: "me", text: shown === undefined ? payload : (shown || ""), id: id,
                         pending: true, silent: shown === null });
    state.outbox.push(item);
    save();
    redraw();
    deliver();
  }

  // ---- resident inbox (news about the handover, e.g. "accepted, X calls you") ------------
  function pollInbox() {
    var hasBot = state.history.some(function (entry) { return entry.who === "bot"; });
    if (!hasBot || document.hidden) { return; }
    var ack = state.inboxAck.slice();
    var sender = state.sender;
    request(INBOX, { sender: sender, ack: ack }).then(function (reply) {
      if (!reply.ok) { throw new Error("HTTP " + reply.status); }
      return reply.json();
    }).then(function (body) {
      if (sender !== state.sender) { return; }
      state.inboxAck = state.inboxAck.filter(function (id) { return ack.indexOf(id) < 0; });
      (body.messages || []).forEach(function (message) {
        if (state.inboxSeen.indexOf(message.id) < 0) {
          state.inboxSeen.push(message.id);
          state.history.push({ who: "bot", kind: "notice", text: message.text,
                               language: message.language });
        }
        if (state.inboxAck.indexOf(message.id) < 0) { state.inboxAck.push(message.id); }
      });
      state.inboxSeen = state.inboxSeen.slice(-100);
      if (offline) { wentOnline(); deliver(); }
      save();
      redraw();
    }).catch(function () { /* next poll tries again */ });
  }

  function probe() {
    fetch(HEALTH, { cache: "no-store" }).then(function (reply) {
      if (reply.ok) { wentOnline(); renderStatus(); deliver(); }
    }).catch(function () { /* still offline */ });
  }

  // ---- ambassador mode -----------------------------------------------------------------
  function ambassadorClosed() {
    return !!(ambassador && ambassador.session && !ambassador.session.open_for_intakes);
  }

  function renderAmbassador() {
    var texts = ui();
    bar.hidden = !ambassador;
    toggle.hidden = !!ambassador;
    if (ambassador && ambassador.session) {
      var session = ambassador.session;
      $("ambassador-who").textContent = fill(texts.who, {
        name: session.name || session.ambassador_id, code: session.meeting_code,
        municipality: session.municipality_name,
        date: new Date(session.meeting_date + "T12:00:00").toLocaleDateString(state.language)
      });
    }
    var closed = ambassadorClosed();
    input.disabled = closed;
    sendButton.disabled = closed;
  }

  function openPanel(reason) {
    panel.hidden = false;
    toggle.setAttribute("aria-expanded", "true");
    var texts = ui();
    var messages = { token: texts.errorToken, meeting: texts.errorMeeting, closed: texts.errorClosed };
    signInError.textContent = reason ? (messages[reason] || texts.errorToken) : "";
    if (ambassador && ambassador.meeting_code) { $("meeting-code").value = ambassador.meeting_code; }
    $("ambassador-token").focus();
  }

  function closePanel() {
    panel.hidden = true;
    toggle.setAttribute("aria-expanded", "false");
  }

  function ambassadorRequest(path, token, code) {
    return request(path, { meeting_code: code }, { Authorization: "Bearer " + token })
      .then(function (reply) {
        return reply.json().then(function (body) {
          if (!reply.ok) { throw { refused: body }; }
          return body;
        });
      });
  }

  function startConversation() {
    state = freshConversation(state.language);
    save();
    redraw(true);
    send("/greet", null);
  }

  signInForm.addEventListener("submit", function (event) {
    event.preventDefault();
    var texts = ui();
    var token = $("ambassador-token").value.trim();
    var code = $("meeting-code").value.trim();
    if (!token || !code) { signInError.textContent = texts.errorMissing; return; }
    ambassadorRequest("ambassador/session", token, code).then(function (session) {
      var wasBlocked = blockedBySignIn;
      ambassador = { token: token, meeting_code: session.meeting_code, session: session };
      write(AMBASSADOR_STORE, ambassador);
      $("ambassador-token").value = "";
      signInError.textContent = "";
      closePanel();
      blockedBySignIn = false;
      renderAmbassador();
      if (wasBlocked && state.outbox.length) {
        deliver();
      } else if (!state.outbox.length && session.open_for_intakes) {
        startConversation();
      } else {
        renderStatus();
      }
      $("new-resident").focus();
    }, function (error) {
      signInError.textContent = error && error.refused
        ? ({ token: texts.errorToken, meeting: texts.errorMeeting, closed: texts.errorClosed }[error.refused.reason] || texts.errorToken)
        : texts.errorNetwork;
    });
  });

  toggle.addEventListener("click", function () {
    if (panel.hidden) { openPanel(); } else { closePanel(); toggle.focus(); }
  });

  $("new-resident").addEventListener("click", function () {
    if (state.outbox.length) { renderStatus(); return; }
    startConversation();
    input.focus();
  });

  $("sign-out").addEventListener("click", function () {
    if (state.outbox.length) { renderStatus(); return; }
    ambassador = null;
    write(AMBASSADOR_STORE, null);
    overview.hidden = true;
    renderAmbassador();
    startConversation();
    toggle.focus();
  });

  $("show-overview").addEventListener("click", function () {
    if (!ambassador) { return; }
    var texts = ui();
    ambassadorRequest("ambassador/handovers", ambassador.token, ambassador.meeting_code)
      .then(function (body) {
        var handovers = body.handovers || [];
        delete body.handovers;
        ambassador.session = body;
        write(AMBASSADOR_STORE, ambassador);
        renderAmbassador();
        renderOverview(handovers);
      }, function (error) {
        note.textContent = error && error.refused ? texts.errorToken : texts.errorNetwork;
        if (error && error.refused) { openPanel(error.refused.reason); }
      });
  });

  function renderOverview(handovers) {
    var texts = ui();
    var rows = $("overview-rows");
    rows.textContent = "";
    handovers.forEach(function (line) {
      var row = document.createElement("tr");
      var when = new Date(line.created_at);
      var cells = [
        when.toLocaleString(state.language, { day: "numeric", month: "short",
                                              hour: "2-digit", minute: "2-digit" }),
        line.receiver_name,
        texts.status[line.status] || line.status
      ];
      cells.forEach(function (text, index) {
        var cell = document.createElement("td");
        cell.textContent = text;
        if (index === 1) {
          var reference = document.createElement("span");
          reference.className = "reference";
          reference.dir = "ltr";
          reference.textContent = texts.colReference + " " + line.reference;
          cell.appendChild(reference);
        }
        if (index === 2) {
          cell.setAttribute("data-status", line.status);
          if (line.updated) { cell.appendChild(badge(texts.updated, "")); }
          if (line.urgent) { cell.appendChild(badge(texts.urgent, "urgent")); }
        }
        row.appendChild(cell);
      });
      rows.appendChild(row);
    });
    $("overview-summary").textContent = handovers.length
      ? fill(texts.count, { n: handovers.length }) : texts.none;
    $("overview-table").hidden = !handovers.length;
    overview.hidden = false;
    $("chat").hidden = true;
    $("overview-heading").focus();
  }

  function badge(text, kind) {
    var element = document.createElement("span");
    element.className = "badge " + kind;
    element.textContent = text;
    return element;
  }

  $("close-overview").addEventListener("click", function () {
    overview.hidden = true;
    $("chat").hidden = false;
    input.focus();
  });

  // ---- wiring --------------------------------------------------------------------------
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text || input.disabled) { return; }
    input.value = "";
    send(text);
  });
  picker.addEventListener("change", function () {
    state.language = picker.value;
    applyLanguage(state.language);
    save();
    redraw();
    send('/change_language{"preferred_language":"' + picker.value + '"}',
         picker.options[picker.selectedIndex].text);
  });
  window.addEventListener("online", function () { wentOnline(); renderStatus(); deliver(); });
  window.addEventListener("offline", function () { offline = true; renderStatus(); });
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) { deliver(); pollInbox(); }
  });
  setInterval(pollInbox, INBOX_EVERY_MS);
  setInterval(function () { if (offline) { probe(); } }, RETRY_MAX_MS);

  applyLanguage(state.language);
  redraw();
  if (!state.history.length && !ambassadorClosed()) {
    send("/greet", null);
  } else {
    state.history.forEach(function (entry) {
      if (entry.pending && !state.outbox.some(function (o) { return o.id === entry.id; })) {
        entry.pending = false;
      }
    });
    deliver();
    pollInbox();
  }
  if (!input.disabled) { input.focus(); }
})();
