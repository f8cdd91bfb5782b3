// OrleansFeed dashboard: book ladder, NBBO, trades tape, 1m candles and venue status, live over the public API only
// (WebSocket /ws via feed.js, REST /api/v1). Prices and sizes are shown exactly as the API sends them (strings).
'use strict';
(function () {
  const LADDER_LEVELS = 12;
  const TAPE_ROWS = 40;
  const CANDLES_SHOWN = 60;
  const VENUES_POLL_MS = 3000;

  const $ = function (id) { return document.getElementById(id); };
  const book = { venue: null, symbol: null, instrument: null, bids: new Map(), asks: new Map(), sequence: null, epoch: null, syncState: '', stale: false, receiveTime: null };
  let rendered = new Map(); // "side:price" -> size shown last frame (for flashing changes)
  let renderPending = false;
  const candles = new Map(); // start -> candle
  let instruments = [];

  const feed = Feed.create(onMessage, onConnection);

  function onConnection(state, lastMessageAt) {
    const badge = $('connection');
    badge.dataset.state = state;
    badge.textContent = state;
    $('freshness').textContent = lastMessageAt ? 'last message ' + Math.max(0, Math.round((Date.now() - lastMessageAt) / 1000)) + ' s ago' : '';
  }

  function onMessage(m) {
    if (m.type === 'error') { console.warn('feed error', m.code, m.message); return; }
    if (m.channel === 'book' && m.venue === book.venue && m.symbol === book.symbol) onBook(m);
    else if (m.channel === 'trades' && m.venue === book.venue && m.symbol === book.symbol) onTrade(m);
    else if (m.channel === 'nbbo' && m.instrument === book.instrument) renderNbbo(m.data);
    else if (m.channel === 'candles' && m.instrument === book.instrument) onCandles(m);
  }

  // ---- book ladder ----
  function onBook(m) {
    if (m.type === 'snapshot') {
      book.bids = new Map(m.bids.map(function (l) { return [l[0], l[1]]; }));
      book.asks = new Map(m.asks.map(function (l) { return [l[0], l[1]]; }));
    } else if (m.type === 'delta') {
      if (book.sequence !== null && m.sequence !== book.sequence + 1) { resubscribeBook(); return; }
      for (const change of m.changes) {
        const side = change[0] === 'bid' ? book.bids : book.asks;
        if (Decimal.isZero(change[2])) side.delete(change[1]); else side.set(change[1], change[2]);
      }
    }
    book.sequence = m.sequence;
    book.epoch = m.epoch;
    book.syncState = m.syncState;
    book.stale = m.stale;
    book.receiveTime = m.receiveTime;
    scheduleRender();
  }

  function resubscribeBook() {
    // A sequence jump means a missed message: start over from a fresh snapshot (protocol doc, "Book channel").
    book.sequence = null;
    feed.unsubscribe('book');
    feed.subscribe('book', { channel: 'book', venue: book.venue, symbol: book.symbol, depth: 100 });
  }

  function scheduleRender() {
    if (renderPending) return;
    renderPending = true;
    requestAnimationFrame(function () { renderPending = false; renderLadder(); });
  }

  function best(side, descending) {
    const prices = Array.from(side.keys()).sort(Decimal.compare);
    if (descending) prices.reverse();
    return prices.slice(0, LADDER_LEVELS);
  }

  function renderLadder() {
    const bids = best(book.bids, true);
    const asks = best(book.asks, false);
    const ladder = $('ladder');
    ladder.dataset.bestBid = bids.length ? bids[0] : '';
    ladder.dataset.bestAsk = asks.length ? asks[0] : '';
    ladder.dataset.sequence = book.sequence === null ? '' : String(book.sequence);
    ladder.dataset.epoch = book.epoch === null ? '' : String(book.epoch);
    ladder.dataset.state = book.syncState;
    $('ladder-meta').innerHTML = '';
    $('ladder-meta').append(
      'epoch ' + book.epoch + ' · sequence ' + book.sequence + ' · ',
      span('state-' + book.syncState, book.syncState),
      book.stale ? span('stale-flag', ' · STALE') : '',
      book.receiveTime ? ' · received ' + book.receiveTime.slice(11, 23) : '');

    let maxSize = 0;
    for (const p of bids) maxSize = Math.max(maxSize, parseFloat(book.bids.get(p)));
    for (const p of asks) maxSize = Math.max(maxSize, parseFloat(book.asks.get(p)));
    const next = new Map();
    const rows = [];
    for (const p of asks.slice().reverse()) rows.push(levelRow('ask', p, book.asks.get(p), maxSize, next));
    const spread = document.createElement('tr');
    spread.className = 'spread';
    spread.innerHTML = '<td colspan="3"></td>';
    spread.firstChild.textContent = bids.length && asks.length ? 'bid ' + bids[0] + ' · ask ' + asks[0] : 'no quote';
    rows.push(spread);
    for (const p of bids) rows.push(levelRow('bid', p, book.bids.get(p), maxSize, next));
    $('ladder-body').replaceChildren.apply($('ladder-body'), rows);
    rendered = next;
  }

  function levelRow(side, price, size, maxSize, next) {
    const key = side + ':' + price;
    next.set(key, size);
    const tr = document.createElement('tr');
    tr.className = side;
    const bidCell = document.createElement('td');
    const priceCell = document.createElement('td');
    const askCell = document.createElement('td');
    priceCell.className = 'price';
    priceCell.textContent = price;
    const sizeCell = side === 'bid' ? bidCell : askCell;
    sizeCell.className = 'size ' + side;
    const bar = document.createElement('span');
    bar.className = 'bar';
    bar.style.width = (maxSize > 0 ? Math.round(100 * parseFloat(size) / maxSize) : 0) + '%';
    sizeCell.append(bar, size);
    if (rendered.size > 0 && rendered.get(key) !== size) sizeCell.classList.add('flash');
    tr.append(bidCell, priceCell, askCell);
    return tr;
  }

  // ---- NBBO ----
  function renderNbbo(nbbo) {
    const box = $('nbbo');
    box.replaceChildren();
    const side = function (name, value) {
      const div = document.createElement('div');
      const title = document.createElement('div');
      title.className = 'muted';
      title.textContent = name;
      const price = document.createElement('div');
      price.className = 'side ' + name;
      price.textContent = value ? value.price + ' × ' + value.size : '—';
      const venues = document.createElement('div');
      venues.className = 'muted';
      venues.textContent = value ? value.venues.map(function (v) { return v.venue + ' ' + v.size; }).join(', ') : '';
      div.append(title, price, venues);
      return div;
    };
    const flags = document.createElement('div');
    flags.style.gridColumn = '1 / -1';
    flags.append(flag('locked', nbbo.locked), flag('crossed', nbbo.crossed),
      ' spread ' + (nbbo.spread || '—') + ' · ' + nbbo.eligibleVenues + ' eligible venue(s) · seq ' + nbbo.sequence);
    box.append(side('bid', nbbo.bid), side('ask', nbbo.ask), flags);
  }

  function flag(name, on) { return span('flag' + (on ? ' on' : ''), name); }

  function span(cls, text) {
    const s = document.createElement('span');
    s.className = cls;
    s.textContent = text;
    return s;
  }

  // ---- trades tape ----
  function onTrade(t) {
    const tr = document.createElement('tr');
    const cells = [t.exchangeTime ? t.exchangeTime.slice(11, 23) : '', t.side, t.price, t.size];
    for (let i = 0; i < cells.length; i++) {
      const td = document.createElement('td');
      td.textContent = cells[i];
      if (i > 0) td.className = t.side;
      tr.append(td);
    }
    tr.classList.add('flash');
    const body = $('trades');
    body.prepend(tr);
    while (body.children.length > TAPE_ROWS) body.lastChild.remove();
  }

  // ---- 1m candles ----
  function onCandles(m) {
    if (m.type === 'snapshot') {
      candles.clear();
      for (const c of m.data.candles) candles.set(c.start, c);
    } else {
      candles.set(m.data.start, m.data);
    }
    drawCandles();
  }

  function drawCandles() {
    const canvas = $('candles');
    const ctx = canvas.getContext('2d');
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    // Empty minutes (no trade) carry the previous close: drawn as a grey tick so gaps in trading stay visible.
    const list = Array.from(candles.values())
      .sort(function (a, b) { return a.start < b.start ? -1 : 1; }).slice(-CANDLES_SHOWN);
    ctx.fillStyle = '#8b96a1';
    ctx.font = '11px sans-serif';
    if (list.length === 0) { ctx.fillText('no candles yet', 10, 20); return; }
    // Pixel positions only: the values shown as text stay the API's exact strings.
    let lo = Infinity, hi = -Infinity;
    for (const c of list) { lo = Math.min(lo, parseFloat(c.low)); hi = Math.max(hi, parseFloat(c.high)); }
    if (hi === lo) { hi += 1; lo -= 1; }
    const pad = 16, w = canvas.width - 70, h = canvas.height - 2 * pad;
    const y = function (v) { return pad + (hi - parseFloat(v)) / (hi - lo) * h; };
    const step = w / CANDLES_SHOWN;
    list.forEach(function (c, i) {
      const x = i * step + step / 2;
      const up = Decimal.compare(c.close, c.open) >= 0;
      ctx.strokeStyle = ctx.fillStyle = c.empty ? '#4b5560' : (up ? '#3fb950' : '#f85149');
      ctx.beginPath(); ctx.moveTo(x, y(c.high)); ctx.lineTo(x, y(c.low)); ctx.stroke();
      const top = Math.min(y(c.open), y(c.close));
      ctx.fillRect(x - step * 0.35, top, step * 0.7, Math.max(1, Math.abs(y(c.open) - y(c.close))));
    });
    const last = list[list.length - 1];
    ctx.fillStyle = '#d8dee4';
    ctx.fillText(last.close, w + 6, y(last.close) + 4);
    ctx.fillStyle = '#8b96a1';
    const traded = list.filter(function (c) { return !c.empty; }).length;
    ctx.fillText(list[0].start.slice(11, 16) + ' – ' + last.start.slice(11, 16) + ' UTC · ' + traded + ' of ' + list.length + ' minutes traded', 4, canvas.height - 3);
  }

  // ---- venues (REST) ----
  async function pollVenues() {
    try {
      const response = await fetch('/api/v1/venues');
      if (response.ok) renderVenues(await response.json());
    } catch (e) { /* the connection badge already shows the outage */ }
    setTimeout(pollVenues, VENUES_POLL_MS);
  }

  function renderVenues(venues) {
    const rows = venues.map(function (v) {
      const tr = document.createElement('tr');
      const error = v.lastError ? v.lastError + (v.lastErrorTime ? ' (' + v.lastErrorTime.slice(0, 19) + 'Z)' : '') : '';
      const cells = [v.venue, v.connections, v.connectionFailures ?? '', error, v.reconnects, v.frames, v.rejectedFrames, v.snapshotFailures];
      cells.forEach(function (value, i) {
        const td = document.createElement('td');
        td.textContent = String(value);
        if (i === 3) td.className = 'error';
        tr.append(td);
      });
      const books = document.createElement('td');
      books.className = 'books';
      v.books.forEach(function (b, i) {
        if (i > 0) books.append(', ');
        books.append(b.symbol + ' ', span('state-' + b.syncState, b.syncState),
          ' · ' + b.epoch + (b.secondsSinceVerified === null ? '' : ' · ' + b.secondsSinceVerified + ' s'));
      });
      tr.append(books);
      return tr;
    });
    $('venues').replaceChildren.apply($('venues'), rows);
  }

  // ---- selection ----
  function select(venue, symbol) {
    const instrument = instruments.find(function (i) { return i.venue === venue && i.symbol === symbol; });
    if (!instrument) return;
    if (book.venue) {
      feed.unsubscribe('book'); feed.unsubscribe('trades'); feed.unsubscribe('nbbo'); feed.unsubscribe('candles');
    }
    Object.assign(book, { venue: venue, symbol: symbol, instrument: instrument.instrument, bids: new Map(), asks: new Map(), sequence: null, epoch: null });
    rendered = new Map();
    candles.clear();
    $('trades').replaceChildren();
    $('nbbo').replaceChildren();
    $('ladder-title').textContent = venue + ' ' + symbol;
    $('nbbo-title').textContent = instrument.instrument;
    history.replaceState(null, '', '?venue=' + encodeURIComponent(venue) + '&symbol=' + encodeURIComponent(symbol));
    feed.subscribe('book', { channel: 'book', venue: venue, symbol: symbol, depth: 100 });
    feed.subscribe('trades', { channel: 'trades', venue: venue, symbol: symbol });
    feed.subscribe('nbbo', { channel: 'nbbo', instrument: instrument.instrument });
    feed.subscribe('candles', { channel: 'candles', instrument: instrument.instrument, interval: '1m' });
    renderLadder();
    drawCandles();
  }

  async function start() {
    const response = await fetch('/api/v1/instruments');
    instruments = response.ok ? await response.json() : [];
    const selectBox = $('book-select');
    for (const i of instruments) {
      const option = document.createElement('option');
      option.value = i.venue + '\n' + i.symbol;
      option.textContent = i.venue + ' ' + i.symbol + ' (' + i.instrument + ')';
      selectBox.append(option);
    }
    selectBox.onchange = function () { const p = selectBox.value.split('\n'); select(p[0], p[1]); };
    const query = new URLSearchParams(location.search);
    const wanted = instruments.find(function (i) { return i.venue === query.get('venue') && i.symbol === query.get('symbol'); }) || instruments[0];
    if (wanted) {
      selectBox.value = wanted.venue + '\n' + wanted.symbol;
      select(wanted.venue, wanted.symbol);
    }
    pollVenues();
  }

  start();
})();
