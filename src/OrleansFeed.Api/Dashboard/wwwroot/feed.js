// The dashboard's WebSocket client (docs/websocket-protocol.md): reconnects by itself with a capped backoff,
// re-sends every subscription after a reconnect, and reports the connection as stale when nothing (not even a
// heartbeat) arrived for longer than twice the documented heartbeat interval.
'use strict';
window.Feed = (function () {
  const HEARTBEAT_MS = 10000;          // Api:WebSocket:HeartbeatInterval default, as documented.
  const STALE_AFTER_MS = 2 * HEARTBEAT_MS + 1000;
  const MIN_RETRY_MS = 500;
  const MAX_RETRY_MS = 10000;

  function create(onMessage, onState) {
    const subscriptions = new Map(); // key -> subscribe request
    let socket = null;
    let retryMs = MIN_RETRY_MS;
    let lastMessageAt = 0;
    let nextId = 1;
    let state = 'connecting';

    function setState(value) {
      if (state !== value) { state = value; onState(state, lastMessageAt); }
    }

    function url() {
      const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
      return scheme + '//' + location.host + '/ws';
    }

    function connect() {
      setState(socket === null ? 'connecting' : 'reconnecting');
      const ws = new WebSocket(url());
      socket = ws;
      ws.onopen = function () {
        retryMs = MIN_RETRY_MS;
        lastMessageAt = Date.now();
        setState('live');
        for (const request of subscriptions.values()) send(Object.assign({}, request, { id: nextId++ }));
      };
      ws.onmessage = function (event) {
        lastMessageAt = Date.now();
        if (state !== 'live') setState('live');
        let message;
        try { message = JSON.parse(event.data); } catch (e) { return; }
        onMessage(message);
      };
      ws.onclose = function () {
        if (socket !== ws) return;
        setState('reconnecting');
        setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      };
      ws.onerror = function () { /* onclose follows and reconnects */ };
    }

    function send(request) {
      if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(request));
    }

    function subscribe(key, request) {
      const stored = Object.assign({ op: 'subscribe' }, request);
      subscriptions.set(key, stored);
      send(Object.assign({}, stored, { id: nextId++ }));
    }

    function unsubscribe(key) {
      const request = subscriptions.get(key);
      if (!request) return;
      subscriptions.delete(key);
      const copy = Object.assign({}, request, { op: 'unsubscribe', id: nextId++ });
      delete copy.depth;
      send(copy);
    }

    setInterval(function () {
      if (state === 'live' && Date.now() - lastMessageAt > STALE_AFTER_MS) setState('stale');
      onState(state, lastMessageAt);
    }, 1000);

    connect();
    return { subscribe, unsubscribe, state: function () { return state; } };
  }

  return { create };
})();
