/* syriamap map runtime: vector basemap, grid clustering on canvas, geodesic
 * uncertainty discs, popups built from properties, time filter, legend,
 * fullscreen and measure controls.  No network access, no innerHTML with data:
 * every string from the data goes through textContent or esc(). */
(function () {
  "use strict";
  if (window.SyriaMap) { return; }

  // ---------------------------------------------------------------- helpers
  var ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;", "=": "&#61;" };
  function esc(s) { return String(s).replace(/[&<>"'`=]/g, function (c) { return ESC[c]; }); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); e.dir = "auto"; }  // Arabic reads right to left
    return e;
  }
  function isHttpUrl(u) { return typeof u === "string" && /^https?:\/\/[^\s\/?#]+/i.test(u); }
  function link(href, text) {
    var a = el("a", null, text);
    a.href = href; a.target = "_blank"; a.rel = "noopener noreferrer nofollow";
    return a;
  }
  /* "Places: GeoNames (CC BY 4.0), OpenSyria (CC BY 4.0), curated sources" for the
   * attribution control, built as DOM nodes (text only) and handed over as HTML */
  function creditsHtml(credits) {
    var box = el("span", "sm-credits"), c = credits || {};
    box.appendChild(document.createTextNode((c.label || "Places") + ": "));
    (c.sources || []).forEach(function (s, i) {
      if (i) { box.appendChild(document.createTextNode(", ")); }
      var name = isHttpUrl(s.href) ? link(s.href, s.name) : el("span", null, s.name);
      if (s.title) { name.title = s.title; }
      box.appendChild(name);
      if (s.licence) {
        box.appendChild(document.createTextNode(" ("));
        box.appendChild(isHttpUrl(s.licence_href) ? link(s.licence_href, s.licence) : document.createTextNode(s.licence));
        box.appendChild(document.createTextNode(")"));
      }
    });
    return box.outerHTML;
  }
  function fmtInt(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }
  function fmtKm(m) {
    if (m < 1000) { return Math.round(m) + " m"; }
    var km = m / 1000;
    return (km < 10 ? km.toFixed(2) : km.toFixed(1)) + " km";
  }

  // ------------------------------------------------------------- geodesy (WGS84)
  var WA = 6378137.0, WF = 1 / 298.257223563, WB = WA * (1 - WF), RAD = Math.PI / 180;

  /* Vincenty's direct formula: point at `dist` metres on azimuth `az` degrees. */
  function destination(lon, lat, az, dist) {
    var a1 = az * RAD, s1 = Math.sin(a1), c1 = Math.cos(a1);
    var tanU1 = (1 - WF) * Math.tan(lat * RAD), cosU1 = 1 / Math.sqrt(1 + tanU1 * tanU1), sinU1 = tanU1 * cosU1;
    var sig1 = Math.atan2(tanU1, c1), sinA = cosU1 * s1, cos2A = 1 - sinA * sinA;
    var u2 = cos2A * (WA * WA - WB * WB) / (WB * WB);
    var A = 1 + u2 / 16384 * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
    var B = u2 / 1024 * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
    var sig = dist / (WB * A), sigP, c2sm, sinS, cosS, iter = 0;
    do {
      c2sm = Math.cos(2 * sig1 + sig); sinS = Math.sin(sig); cosS = Math.cos(sig);
      var dS = B * sinS * (c2sm + B / 4 * (cosS * (-1 + 2 * c2sm * c2sm) - B / 6 * c2sm * (-3 + 4 * sinS * sinS) * (-3 + 4 * c2sm * c2sm)));
      sigP = sig; sig = dist / (WB * A) + dS;
    } while (Math.abs(sig - sigP) > 1e-12 && ++iter < 100);
    c2sm = Math.cos(2 * sig1 + sig); sinS = Math.sin(sig); cosS = Math.cos(sig);
    var x = sinU1 * sinS - cosU1 * cosS * c1;
    var lat2 = Math.atan2(sinU1 * cosS + cosU1 * sinS * c1, (1 - WF) * Math.sqrt(sinA * sinA + x * x));
    var lam = Math.atan2(sinS * s1, cosU1 * cosS - sinU1 * sinS * c1);
    var C = WF / 16 * cos2A * (4 + WF * (4 - 3 * cos2A));
    var L = lam - (1 - C) * WF * sinA * (sig + C * sinS * (c2sm + C * cosS * (-1 + 2 * c2sm * c2sm)));
    return [lon + L / RAD, lat2 / RAD];
  }

  /* Vincenty's inverse formula: geodesic distance in metres. */
  function distance(lon1, lat1, lon2, lat2) {
    var L = (lon2 - lon1) * RAD;
    var U1 = Math.atan((1 - WF) * Math.tan(lat1 * RAD)), U2 = Math.atan((1 - WF) * Math.tan(lat2 * RAD));
    var sU1 = Math.sin(U1), cU1 = Math.cos(U1), sU2 = Math.sin(U2), cU2 = Math.cos(U2);
    var lam = L, lamP, iter = 0, sinS, cosS, sig, sinA, cos2A, c2sm;
    do {
      var sl = Math.sin(lam), cl = Math.cos(lam);
      sinS = Math.sqrt((cU2 * sl) * (cU2 * sl) + (cU1 * sU2 - sU1 * cU2 * cl) * (cU1 * sU2 - sU1 * cU2 * cl));
      if (sinS === 0) { return 0; }
      cosS = sU1 * sU2 + cU1 * cU2 * cl; sig = Math.atan2(sinS, cosS);
      sinA = cU1 * cU2 * sl / sinS; cos2A = 1 - sinA * sinA;
      c2sm = cos2A !== 0 ? cosS - 2 * sU1 * sU2 / cos2A : 0;
      var C = WF / 16 * cos2A * (4 + WF * (4 - 3 * cos2A));
      lamP = lam;
      lam = L + (1 - C) * WF * sinA * (sig + C * sinS * (c2sm + C * cosS * (-1 + 2 * c2sm * c2sm)));
    } while (Math.abs(lam - lamP) > 1e-12 && ++iter < 200);
    var u2 = cos2A * (WA * WA - WB * WB) / (WB * WB);
    var A = 1 + u2 / 16384 * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
    var B = u2 / 1024 * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
    var dS = B * sinS * (c2sm + B / 4 * (cosS * (-1 + 2 * c2sm * c2sm) - B / 6 * c2sm * (-3 + 4 * sinS * sinS) * (-3 + 4 * c2sm * c2sm)));
    return WB * A * (sig - dS);
  }

  /* Initial geodesic bearing in degrees clockwise from north (Vincenty's inverse). */
  function bearing(lon1, lat1, lon2, lat2) {
    var L = (lon2 - lon1) * RAD;
    var U1 = Math.atan((1 - WF) * Math.tan(lat1 * RAD)), U2 = Math.atan((1 - WF) * Math.tan(lat2 * RAD));
    var sU1 = Math.sin(U1), cU1 = Math.cos(U1), sU2 = Math.sin(U2), cU2 = Math.cos(U2);
    var lam = L, lamP, iter = 0, sl, cl;
    do {
      sl = Math.sin(lam); cl = Math.cos(lam);
      var sinS = Math.sqrt((cU2 * sl) * (cU2 * sl) + (cU1 * sU2 - sU1 * cU2 * cl) * (cU1 * sU2 - sU1 * cU2 * cl));
      if (sinS === 0) { return 0; }
      var cosS = sU1 * sU2 + cU1 * cU2 * cl, sig = Math.atan2(sinS, cosS);
      var sinA = cU1 * cU2 * sl / sinS, cos2A = 1 - sinA * sinA;
      var c2sm = cos2A !== 0 ? cosS - 2 * sU1 * sU2 / cos2A : 0;
      var C = WF / 16 * cos2A * (4 + WF * (4 - 3 * cos2A));
      lamP = lam;
      lam = L + (1 - C) * WF * sinA * (sig + C * sinS * (c2sm + C * cosS * (-1 + 2 * c2sm * c2sm)));
    } while (Math.abs(lam - lamP) > 1e-12 && ++iter < 200);
    sl = Math.sin(lam); cl = Math.cos(lam);
    var az = Math.atan2(cU2 * sl, cU1 * sU2 - sU1 * cU2 * cl) / RAD;
    return (az + 360) % 360;
  }
  var COMPASS = ["N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW"];
  function compass(az) { return COMPASS[Math.round(az / 22.5) % 16]; }

  /* Geodesic circle: `n` vertices [lon, lat] at `radius` metres from the centre. */
  function geodesicCircle(lon, lat, radius, n) {
    var out = [];
    for (var k = 0; k < n; k++) { out.push(destination(lon, lat, 360 * k / n, radius)); }
    return out;
  }

  // ------------------------------------------------------------------ shapes
  function star(points, inner) {
    var out = [];
    for (var k = 0; k < points * 2; k++) {
      var r = k % 2 ? inner : 1.25, a = Math.PI * k / points - Math.PI / 2;
      out.push([r * Math.cos(a), r * Math.sin(a)]);
    }
    return out;
  }
  function ngon(n, rot, r) {
    var out = [];
    for (var k = 0; k < n; k++) {
      var a = 2 * Math.PI * k / n + rot;
      out.push([r * Math.cos(a), r * Math.sin(a)]);
    }
    return out;
  }
  var SHAPES = {
    square: [[-0.85, -0.85], [0.85, -0.85], [0.85, 0.85], [-0.85, 0.85]],
    diamond: [[0, -1.2], [1.2, 0], [0, 1.2], [-1.2, 0]],
    triangle: ngon(3, -Math.PI / 2, 1.3).map(function (p) { return [p[0], p[1] + 0.2]; }),
    "triangle-down": ngon(3, Math.PI / 2, 1.3).map(function (p) { return [p[0], p[1] - 0.2]; }),
    hexagon: ngon(6, 0, 1.1),
    star: star(5, 0.55),
    cross: [[-0.4, -1.1], [0.4, -1.1], [0.4, -0.4], [1.1, -0.4], [1.1, 0.4], [0.4, 0.4], [0.4, 1.1],
      [-0.4, 1.1], [-0.4, 0.4], [-1.1, 0.4], [-1.1, -0.4], [-0.4, -0.4]]
  };
  function tracePath(ctx, shape, x, y, r) {
    var pts = SHAPES[shape];
    if (!pts) { ctx.arc(x, y, r, 0, Math.PI * 2, false); return; }
    ctx.moveTo(x + pts[0][0] * r, y + pts[0][1] * r);
    for (var k = 1; k < pts.length; k++) { ctx.lineTo(x + pts[k][0] * r, y + pts[k][1] * r); }
    ctx.closePath();
  }
  /* SVG markup for a legend symbol (shape and colour come from the payload's
   * style table, validated below, never from free text). */
  function symbolSvg(shape, color, hollow, size) {
    size = size || 16;
    var c = size / 2, r = size * 0.32, fill = hollow ? "#ffffff" : color, body;
    var pts = SHAPES[shape];
    if (!pts) {
      body = '<circle cx="' + c + '" cy="' + c + '" r="' + r + '"';
    } else {
      body = '<polygon points="' + pts.map(function (p) {
        return (c + p[0] * r).toFixed(2) + "," + (c + p[1] * r).toFixed(2);
      }).join(" ") + '"';
    }
    return '<svg class="sm-sym" width="' + size + '" height="' + size + '" viewBox="0 0 ' + size + " " + size +
      '" aria-hidden="true">' + body + ' fill="' + esc(fill) + '" stroke="' + esc(hollow ? color : "#ffffff") +
      '" stroke-width="' + (hollow ? 1.8 : 1.2) + '"/></svg>';
  }
  function safeColor(c) { return /^#[0-9a-fA-F]{6}$/.test(c) ? c : "#5f6b73"; }

  var ShapeMarker = L.CircleMarker.extend({
    options: { shape: "circle" },
    _updatePath: function () {
      if (this._renderer._updateShape) { this._renderer._updateShape(this); } else { this._renderer._updateCircle(this); }
    }
  });
  L.Canvas.include({
    _updateShape: function (layer) {
      if (!this._drawing || layer._empty()) { return; }
      var p = layer._point, ctx = this._ctx, r = Math.max(Math.round(layer._radius), 1);
      ctx.beginPath();
      tracePath(ctx, layer.options.shape, p.x, p.y, r);
      this._fillStroke(ctx, layer);
    }
  });

  /* A cluster bubble drawn on canvas: a ring split by event type, the count inside. */
  var ClusterMarker = L.CircleMarker.extend({
    _updatePath: function () {
      if (this._renderer._updateCluster) { this._renderer._updateCluster(this); } else { this._renderer._updateCircle(this); }
    }
  });
  L.Canvas.include({
    _updateCluster: function (layer) {
      if (!this._drawing || layer._empty()) { return; }
      var p = layer._point, ctx = this._ctx, r = layer._radius, o = layer.options, a0 = -Math.PI / 2;
      ctx.save();
      ctx.globalAlpha = 1;
      ctx.shadowColor = "rgba(0,0,0,0.35)"; ctx.shadowBlur = 4; ctx.shadowOffsetY = 1;
      ctx.beginPath(); ctx.arc(p.x, p.y, r, 0, Math.PI * 2); ctx.fillStyle = "#ffffff"; ctx.fill();
      ctx.shadowColor = "transparent";
      for (var k = 0; k < o.slices.length; k++) {
        var a1 = a0 + o.slices[k][1] * Math.PI * 2;
        ctx.beginPath(); ctx.moveTo(p.x, p.y); ctx.arc(p.x, p.y, r, a0, a1); ctx.closePath();
        ctx.fillStyle = o.slices[k][0]; ctx.fill();
        a0 = a1;
      }
      ctx.beginPath(); ctx.arc(p.x, p.y, r * 0.66, 0, Math.PI * 2); ctx.fillStyle = "#ffffff"; ctx.fill();
      ctx.fillStyle = "#2b2925"; ctx.textAlign = "center"; ctx.textBaseline = "middle";
      ctx.font = "bold " + (o.label.length > 3 ? 10 : 11) + "px 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif";
      ctx.fillText(o.label, p.x, p.y + 0.5);
      ctx.restore();
    }
  });

  // ------------------------------------------------------------------- dates
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  function iso(day) { return new Date(day * 86400000).toISOString().slice(0, 10); }
  function dayLabel(day) {
    var d = new Date(day * 86400000);
    return d.getUTCDate() + " " + MONTHS[d.getUTCMonth()].slice(0, 3) + " " + d.getUTCFullYear();
  }
  function dateText(t0, t1, precision) {
    if (t0 === null) { return "date unknown"; }
    var d = new Date(t0 * 86400000);
    switch (precision) {
      case "year": return d.getUTCFullYear() + " (year precision: " + iso(t0) + " – " + iso(t1) + ")";
      case "month": return MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear() + " (month precision)";
      case "week": return "week of " + dayLabel(t0) + " (" + iso(t0) + " – " + iso(t1) + ", week precision)";
      case "range": return dayLabel(t0) + " – " + dayLabel(t1) + " (date range)";
      case "day": return dayLabel(t0) + (t1 !== null && t1 !== t0 ? " – " + dayLabel(t1) : "");
      default:
        return t1 !== null && t1 !== t0 ? iso(t0) + " – " + iso(t1) : dayLabel(t0);
    }
  }

  // -------------------------------------------------------------- the module
  var NONE = -2147483648;
  var instances = {};

  function mark(name) { if (window.performance && performance.mark) { performance.mark("syriamap:" + name); } }

  function create(map, data, basemap, opts) {
    opts = opts || {};
    var o = data.options || {};
    var n = data.n, i, k;
    var NOUN = o.noun && o.noun.length === 2 ? o.noun.map(String) : ["incident", "incidents"];  // "place(s)" on an article's map
    function nouns(count) { return fmtInt(count) + " " + NOUN[count === 1 ? 0 : 1]; }
    var container = map.getContainer();
    container.classList.add("sm-map");

    // ---- panes: basemap < tiles < admin lines < zones < discs < labels < points < clusters
    function pane(name, z, noEvents) {
      var p = map.createPane(name);
      p.style.zIndex = z;
      if (noEvents) { p.style.pointerEvents = "none"; }
      return p;
    }
    pane("sm-base", 150, true); pane("sm-admin", 250, true); pane("sm-zones", 410);
    pane("sm-discs", 420, true); pane("sm-labels", 430, true); pane("sm-points", 450);
    pane("sm-measure", 640);
    var baseCanvas = L.canvas({ pane: "sm-base", padding: 0.3 });
    var adminCanvas = L.canvas({ pane: "sm-admin", padding: 0.3 });
    var discCanvas = L.canvas({ pane: "sm-discs", padding: 0.3 });
    var zoneSvg = L.svg({ pane: "sm-zones", padding: 0.5 });
    var pointCanvas = L.canvas({ pane: "sm-points", padding: 0.3, tolerance: 3 });

    // ---- columns
    mark("start");
    var lon = new Float64Array(n), lat = new Float64Array(n), mx = new Float64Array(n), my = new Float64Array(n);
    var t0 = new Int32Array(n), t1 = new Int32Array(n), located = new Uint8Array(n);
    var prec = new Float64Array(n), type = Int32Array.from(data.type), group = Int32Array.from(data.group), nLocated = 0;
    var tmin = Infinity, tmax = -Infinity, undated = 0;
    for (i = 0; i < n; i++) {
      var x = data.lon[i], y = data.lat[i];
      prec[i] = data.precision_m[i] === null ? -1 : data.precision_m[i];
      if (x !== null && y !== null) {
        located[i] = 1; nLocated++;
        lon[i] = x; lat[i] = y;
        var s = Math.sin(Math.max(Math.min(y, 85.05), -85.05) * RAD);
        mx[i] = (x + 180) / 360; my[i] = 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
      }
      if (data.t0[i] === null) { t0[i] = NONE; t1[i] = NONE; undated++; } else {
        t0[i] = data.t0[i]; t1[i] = data.t0[i] + (data.dt[i] || 0);
        if (t0[i] < tmin) { tmin = t0[i]; }
        if (t1[i] > tmax) { tmax = t1[i]; }
      }
    }
    var hasDates = tmin !== Infinity;
    // located only to a country (or within ± 150 km or more): listed beside the map, not drawn
    var vague = new Uint8Array(n), vagueIdx = data.vague || [], vagueSyria = new Uint8Array(n);
    vagueIdx.forEach(function (j) { vague[j] = 1; });
    (data.vague_syria || []).forEach(function (j) { vagueSyria[j] = 1; });
    var unlocatedIdx = [];
    for (i = 0; i < n; i++) { if (!located[i]) { unlocatedIdx.push(i); } }
    var types = data.types.map(function (t) { return { name: t.name, count: t.count, color: safeColor(t.color), shape: SHAPES[t.shape] || t.shape === "circle" ? t.shape : "circle" }; });
    var text = data.text;
    function txt(field, idx) {
      var col = text[field];
      if (!col || !col.values.length) { return ""; }
      var code = col.index === null ? idx : typeof col.index === "number" ? col.index : col.index[idx];
      return code < 0 ? "" : col.values[code];
    }

    // ---- state
    mark("columns");
    var groupOn = data.groups.map(function () { return true; });
    var typeOn = data.types.map(function () { return true; });  // legend toggles when layers are not by type
    var zoneTallies = [];  // [zone, legend element] pairs, filled by the legend
    var showDiscs = true;
    var winLo = hasDates ? tmin : 0, winHi = hasDates ? tmax : 0;
    var active = new Uint8Array(n), passes = new Uint8Array(n), nActive = 0, nListed = 0;
    function recomputeActive() {  // passes: the filters allow it; active: and it is located
      nActive = 0;
      for (var j = 0; j < n; j++) {
        var ok = groupOn[group[j]] && typeOn[type[j]] && (t0[j] === NONE || (t0[j] <= winHi && t1[j] >= winLo));
        passes[j] = ok ? 1 : 0;
        var on = ok && located[j];
        active[j] = on ? 1 : 0;
        if (on) { nActive++; }
      }
      nListed = 0;
      for (var v = 0; v < vagueIdx.length; v++) { if (active[vagueIdx[v]]) { nListed++; } }
    }

    // ---- vector basemap
    var countries = L.geoJSON(basemap.countries, {
      renderer: baseCanvas, pane: "sm-base", interactive: false,
      style: function (f) {
        return f.properties.syria
          ? { color: "#5b5750", weight: 1.6, fillColor: "#fbfaf6", fillOpacity: 1 }
          : { color: "#8d8a83", weight: 0.9, fillColor: "#ebe9e3", fillOpacity: 1 };
      }
    });
    var governorates = L.geoJSON(basemap.governorates, {
      renderer: adminCanvas, pane: "sm-admin", interactive: false,
      style: function () { return { color: "#9b968c", weight: 0.9, dashArray: "4 3", fill: false }; }
    });
    var govLabels = L.layerGroup(basemap.governorates.features.map(function (f) {
      var node = el("div", "sm-gov-label", f.properties.name);
      return L.marker([f.properties.label[1], f.properties.label[0]], {
        pane: "sm-labels", interactive: false, keyboard: false,
        icon: L.divIcon({ className: "sm-label-icon", html: node, iconSize: null })
      });
    }));
    var townLayers = [[], [], [], [], []];
    basemap.towns.forEach(function (t) {
      var node = el("div", "sm-town-label sm-rank" + Math.min(t.rank, 3));
      node.appendChild(el("span", "sm-town-en", t.name));
      if (t.name_ar) { node.appendChild(el("span", "sm-town-ar", t.name_ar)); }
      var ll = [t.lat, t.lon];
      townLayers[t.rank].push(L.circleMarker(ll, {
        renderer: adminCanvas, pane: "sm-admin", radius: t.rank === 1 ? 3.2 : 2.4, weight: 1,
        color: "#ffffff", fillColor: "#3d3a35", fillOpacity: 1, interactive: false
      }));
      townLayers[t.rank].push(L.marker(ll, {
        pane: "sm-labels", interactive: false, keyboard: false,
        icon: L.divIcon({ className: "sm-label-icon", html: node, iconSize: null })
      }));
    });
    var towns = L.layerGroup();
    var townGroups = townLayers.map(function (arr) { return L.layerGroup(arr); });
    function updateLabels() {
      var z = map.getZoom();
      [0, 5, 6, 7, 8].forEach(function (minZ, rank) {
        if (!rank) { return; }
        if (z >= minZ) { towns.addLayer(townGroups[rank]); } else { towns.removeLayer(townGroups[rank]); }
      });
      if (z >= 8 && map.hasLayer(governorates)) { govLabels.addTo(map); } else { map.removeLayer(govLabels); }
    }
    countries.addTo(map); governorates.addTo(map); towns.addTo(map);
    map.on("overlayremove", function (e) { if (e.layer === governorates) { map.removeLayer(govLabels); } });
    map.on("overlayadd", function (e) { if (e.layer === governorates) { updateLabels(); } else { placeZoneLabels(); } });
    // one entry, so that Leaflet does not join the two with a comma
    map.attributionControl.addAttribution(creditsHtml(o.credits) + " | " + esc(basemap.attribution || "Natural Earth"));

    var baseLayers = {};  // a choice only when tiles are offered
    if (o.tiles && o.tiles.length) { baseLayers["Offline basemap (Natural Earth)"] = countries; }
    (o.tiles || []).forEach(function (t) {
      baseLayers[esc(t.name)] = L.tileLayer(t.url, { attribution: t.attribution, maxZoom: t.max_zoom || 18, subdomains: t.subdomains || "abc" });
    });

    // ---- zones
    mark("basemap");
    // zones: dark red dashed outline; claim rings: a filled violet band; region: where
    // a ring and a zone overlap
    var ZONE_STYLE = {
      zone: { color: "#a3122a", weight: 2.2, dashArray: "9 5", fillColor: "#a3122a", fillOpacity: 0.05, className: "sm-zone" },
      ring: { color: "#5b2d8e", weight: 1.2, opacity: 0.9, fillColor: "#7b4fa6", fillOpacity: 0.2, className: "sm-zone sm-ring" },
      region: { color: "#3d1a66", weight: 2, opacity: 0.9, fillColor: "#5b2d8e", fillOpacity: 0.35, className: "sm-zone sm-region" }
    };
    function km(m) { return (Math.round(m / 100) / 10) + " km"; }
    /* "40 km ± 9 km from al-Tanf garrison" (or "31 km – 49 km", "more than 10 km") */
    function bandText(z) {
      var b = z.band_m || [], band;
      if (b[1] === null || b[1] === undefined) { band = "more than " + km(b[0]); }
      else if (z.radius_m && Math.abs((b[0] + b[1]) / 2 - z.radius_m) < 1) { band = km(z.radius_m) + " ± " + km((b[1] - b[0]) / 2); }
      else { band = km(b[0]) + " – " + km(b[1]); }
      return band + (z.center_name ? " from " + z.center_name : "");
    }
    var zoneLabels = [];
    var zoneLayers = data.zones.map(function (z, zi) {
      var kind = ZONE_STYLE[z.kind] ? z.kind : "zone";
      var latlngs = z.polygons.map(function (poly) {
        return poly.map(function (ring) { return ring.map(function (p) { return [p[1], p[0]]; }); });
      });
      var poly = L.polygon(latlngs, L.extend({ pane: "sm-zones", renderer: zoneSvg }, ZONE_STYLE[kind]));
      var label = el("div", "sm-zone-text sm-zone-text-" + kind);
      label.appendChild(el("strong", null, z.name));
      if (kind === "ring") { label.appendChild(el("span", null, "claimed: " + bandText(z))); }
      else if (z.radius_m) { label.appendChild(el("span", null, "radius " + fmtKm(z.radius_m))); }
      var labelMarker = L.marker([z.label[1], z.label[0]], {
        pane: "sm-labels", interactive: false, keyboard: false,
        icon: L.divIcon({ className: "sm-zone-label", html: label, iconSize: null })
      });
      zoneLabels.push({ z: z, kind: kind, marker: labelMarker, node: label });
      poly.bindPopup(function () {
        var box = el("div", "sm-popup");
        box.appendChild(el("div", "sm-pop-title", z.name));
        var rows = el("dl", "sm-rows");
        if (kind === "ring") { addRow(rows, "Claimed band", bandText(z) + " (geodesic)"); }
        else if (z.radius_m) { addRow(rows, "Radius", fmtKm(z.radius_m) + " (geodesic)"); }
        if (kind === "zone") {
          var counts = [0, 0, 0];
          for (var j = 0; j < n; j++) { var c = z.relation[j]; if (c >= 0 && active[j]) { counts[c]++; } }
          addRow(rows, NOUN[1].charAt(0).toUpperCase() + NOUN[1].slice(1) + " shown", counts[1] + " inside, " + counts[2] + " indeterminate, " + counts[0] + " outside");
        }
        addRow(rows, "Note", z.note);
        if (z.source && isHttpUrl(z.source)) {
          var a = el("a", "sm-src", z.source);
          a.href = z.source; a.target = "_blank"; a.rel = "noopener noreferrer nofollow";
          addRow(rows, "Source", null, a);
        } else if (z.source) { addRow(rows, "Source", z.source); }
        box.appendChild(rows);
        return box;
      }, { maxWidth: 320 });
      return L.layerGroup(kind === "region" ? [poly] : [poly, labelMarker]);  // an overlap is named in the legend
    });
    zoneLayers.forEach(function (l) { l.addTo(map); });
    // a zone's dashed edge stays visible over the claim bands drawn after it
    zoneLayers.forEach(function (l, zi) { if (data.zones[zi].kind === "zone" || !data.zones[zi].kind) { l.eachLayer(function (x) { if (x.bringToFront) { x.bringToFront(); } }); } });
    /* Put each area's label at the first of its N/S/E/W anchors where it overlaps no label
     * placed before it (zones prefer the top, claim rings the bottom). */
    var SIDES = ["n", "s", "e", "w"];
    function placeZoneLabels() {
      var placed = [];
      zoneLabels.forEach(function (zl, zi) {
        if (!map.hasLayer(zoneLayers[zi]) || !zl.z.anchors || zl.kind === "region") { return; }
        var w = zl.node.offsetWidth || 120, h = zl.node.offsetHeight || 30, best = null;
        var order = zl.kind === "zone" ? [0, 1, 2, 3] : [1, 0, 3, 2];
        for (var q = 0; q < order.length; q++) {
          var a = zl.z.anchors[order[q]], pt = map.latLngToContainerPoint([a[1], a[0]]), side = SIDES[order[q]];
          var x = side === "e" ? pt.x + 6 : side === "w" ? pt.x - w - 6 : pt.x - w / 2;
          var y = side === "n" ? pt.y - h - 4 : side === "s" ? pt.y + 4 : pt.y - h / 2;
          var box = { x0: x, y0: y, x1: x + w, y1: y + h, side: side, a: a };
          var free = placed.every(function (b) { return box.x1 < b.x0 || box.x0 > b.x1 || box.y1 < b.y0 || box.y0 > b.y1; });
          if (!best) { best = box; }
          if (free) { best = box; break; }
        }
        if (!best) { return; }
        placed.push(best);
        zl.marker.setLatLng([best.a[1], best.a[0]]);
        SIDES.forEach(function (sd) { zl.node.classList.toggle("sm-at-" + sd, sd === best.side); });
      });
    }
    map.on("zoomend", placeZoneLabels);

    // ---- popups
    mark("zones");
    function addRow(dl, label, value, node) {
      if (!node && (value === undefined || value === null || value === "")) { return; }
      dl.appendChild(el("dt", null, label));
      var dd = el("dd");
      if (node) { dd.appendChild(node); } else { dd.textContent = String(value); dd.dir = "auto"; }
      dl.appendChild(dd);
    }
    function relationText(z, idx) {
      var c = z.relation[idx];
      if (c < 0) { return ""; }
      var e = z.edge_km[idx], p = prec[idx];
      if (vague[idx] && c === 2) { return "indeterminate: the location is known only " + (p > 0 ? "to ± " + fmtKm(p) : "as a whole country"); }
      var dist = e === null || e === undefined ? "" : Math.abs(e).toFixed(1) + " km from the edge";
      if (c === 1 || c === 0) {
        var word = c === 1 ? "inside" : "outside";
        return word + (dist ? ": " + dist : "") + (p > 0 ? "; its ± " + fmtKm(p) + " uncertainty disc is wholly " + word : "");
      }
      if (p < 0) { return "indeterminate: location precision unknown" + (dist ? " (point " + dist + ", " + (e <= 0 ? "inside" : "outside") + ")" : ""); }
      return "indeterminate: the point is " + (dist ? Math.abs(e).toFixed(1) + " km " + (e <= 0 ? "inside" : "outside") + " the edge, but " : "") +
        "its ± " + fmtKm(p) + " uncertainty disc straddles the edge";
    }
    function card(idx) {
      var ty = types[type[idx]];
      var box = el("div", "sm-popup");
      var head = el("div", "sm-pop-head");
      var sym = el("span", "sm-pop-sym");
      sym.innerHTML = symbolSvg(ty.shape, ty.color, prec[idx] > 1000 || prec[idx] < 0, 18); // shape/colour only: no data text
      head.appendChild(sym);
      head.appendChild(el("span", "sm-pop-title", txt("event_type", idx) || ty.name));
      box.appendChild(head);
      box.appendChild(el("div", "sm-pop-date", dateText(t0[idx] === NONE ? null : t0[idx], t1[idx] === NONE ? null : t1[idx], txt("date_precision", idx))));
      if (vague[idx] || !located[idx]) {
        var where = txt("place_name", idx) || txt("place", idx);
        box.appendChild(el("div", "sm-pop-vague", !located[idx] ? "Not on the map: no location." :
          "Not drawn as a point: located only as “" + (where || "a wide area") + "”" +
          (prec[idx] > 0 ? " (± " + fmtKm(prec[idx]) + ")" : "") + ". The shaded area is where it could be."));
      }
      var rows = el("dl", "sm-rows");
      var a1 = txt("actor1", idx), a2 = txt("actor2", idx);
      addRow(rows, "Actors", a1 && a2 ? a1 + " — " + a2 : a1 || a2);
      addRow(rows, "Place (as written)", txt("place", idx));
      var resolved = txt("place_name", idx), matched = txt("matched", idx);
      if (resolved || matched) {
        addRow(rows, "Resolved as", resolved + (matched && matched !== resolved ? " (matched “" + matched + "”)" : ""));
      }
      var admin = [txt("admin2", idx), txt("admin1", idx), txt("country", idx)].filter(Boolean).join(", ");
      addRow(rows, "Area", admin);
      var loc = prec[idx] > 0 ? "± " + fmtKm(prec[idx]) : prec[idx] < 0 ? "unknown" : "exact point";
      addRow(rows, "Location precision", loc);
      data.zones.forEach(function (z) { addRow(rows, z.name, relationText(z, idx)); });
      var fat = data.fatalities === -1 ? null : data.fatalities[idx];
      if (fat !== null && fat !== undefined) { addRow(rows, "Fatalities", fmtInt(fat)); }
      var url = txt("source_url", idx), outlet = txt("source_outlet", idx);
      if (url || outlet) {
        var src;
        if (isHttpUrl(url)) {
          src = el("a", "sm-src", outlet || url);
          src.href = url; src.target = "_blank"; src.rel = "noopener noreferrer nofollow";
          src.title = url;
        } else {
          src = el("span", "sm-src", [outlet, url].filter(Boolean).join(" — "));
        }
        addRow(rows, "Source", null, src);
      }
      box.appendChild(rows);
      var desc = txt("description", idx);
      if (desc) { box.appendChild(el("p", "sm-desc", desc)); }
      var note = txt("location_note", idx);
      if (note) {
        var det = el("details", "sm-note");
        det.appendChild(el("summary", null, "How this was located"));
        det.appendChild(el("p", null, note));
        box.appendChild(det);
      }
      var id = txt("id", idx);
      if (id) { box.appendChild(el("div", "sm-pop-id", "id " + id)); }
      return box;
    }
    function summary(idx) {
      var parts = [];
      if (t0[idx] !== NONE) { parts.push(iso(t0[idx]) + (t1[idx] !== t0[idx] ? "…" : "")); }
      parts.push(txt("event_type", idx) || types[type[idx]].name);
      var place = txt("place", idx) || txt("place_name", idx);
      if (place) { parts.push(place); }
      return parts.join(" · ");
    }
    function tooltip(idx) {
      var box = el("div", "sm-tip");
      box.appendChild(el("strong", null, txt("event_type", idx) || types[type[idx]].name));
      box.appendChild(el("div", null, dateText(t0[idx] === NONE ? null : t0[idx], t1[idx] === NONE ? null : t1[idx], txt("date_precision", idx))));
      var place = txt("place", idx);
      if (place) { box.appendChild(el("div", null, place + (prec[idx] > 0 ? " (± " + fmtKm(prec[idx]) + ")" : ""))); }
      return box;
    }
    function listPopup(members, what) {
      var box = el("div", "sm-popup sm-list");
      var shown = Math.min(members.length, 200);
      box.appendChild(el("div", "sm-pop-title", nouns(members.length) + " " +
        (what || "here") + (shown < members.length ? " (first " + shown + ")" : "")));
      var ul = el("ul", "sm-list-items");
      members.slice(0, shown).forEach(function (idx) {
        var li = el("li");
        var btn = el("button", "sm-list-btn", summary(idx));
        btn.type = "button";
        btn.addEventListener("click", function (ev) {
          L.DomEvent.stop(ev);
          var back = el("button", "sm-back", "← back to the list");
          back.type = "button";
          var holder = el("div");
          holder.appendChild(back); holder.appendChild(card(idx));
          back.addEventListener("click", function (e2) { L.DomEvent.stop(e2); popup.setContent(box); });
          popup.setContent(holder);
        });
        li.appendChild(btn); ul.appendChild(li);
      });
      box.appendChild(ul);
      return box;
    }
    var popup = L.popup({ maxWidth: 340, minWidth: 240, autoPanPadding: [30, 30], autoPanPaddingTopLeft: [30, o.title ? 80 : 30], className: "sm-leaflet-popup" });

    // ---- grid clustering
    var CELL = o.cluster_px || 60, NO_CLUSTER_ZOOM = o.no_cluster_zoom || 12;
    var clusterOn = o.cluster !== false;
    var pointLayer = L.featureGroup().addTo(map);
    var discLayer = L.layerGroup().addTo(map);
    var discCache = {};
    var rendered = { points: 0, clusters: 0, clustered: 0, discs: 0 };
    function bubbleRadius(count) { return Math.round(12 + Math.min(Math.log10(count), 4) * 3.5); }
    var typeCount = new Int32Array(types.length);
    function clusterMarker(center, members) {
      var total = members.length, k;
      typeCount.fill(0);
      for (k = 0; k < total; k++) { typeCount[type[members[k]]]++; }
      var slices = [];
      for (k = 0; k < types.length; k++) { if (typeCount[k]) { slices.push([types[k].color, typeCount[k] / total]); } }
      var label = total >= 10000 ? Math.round(total / 1000) + "k" : fmtInt(total);
      var m = new ClusterMarker(center, {
        renderer: pointCanvas, radius: bubbleRadius(total), slices: slices, label: label
      });
      m._smMembers = members;
      m.bindTooltip(function () { return el("div", "sm-tip", nouns(total) + ": click to zoom in or list them"); },
        { direction: "top", offset: [0, -12], className: "sm-tooltip" });
      return m;
    }
    var FAN_MAX = o.fan_max || 12, FEW = o.uncluster_below || 250;
    function drawPoint(idx, ll) {
      var ty = types[type[idx]], approx = prec[idx] > 1000 || prec[idx] < 0;
      var mk = new ShapeMarker(ll, {
        renderer: pointCanvas, shape: ty.shape, radius: 6.5,
        color: approx ? ty.color : "#ffffff", weight: approx ? 2 : 1.3,
        fillColor: approx ? "#ffffff" : ty.color, fillOpacity: approx ? 0.9 : 0.95
      });
      mk._smIndex = idx;
      mk.bindTooltip(function () { return tooltip(idx); }, { direction: "top", offset: [0, -6], className: "sm-tooltip" });
      pointLayer.addLayer(mk);
      rendered.points++;
      if (o.point_labels && nLocated <= 60) {  // an article's few places: name them on the map
        var name = txt("place_name", idx) || txt("place", idx);
        if (name) {
          pointLayer.addLayer(L.tooltip({ permanent: true, direction: "left", offset: [-7, 0], className: "sm-place-label", interactive: false, pane: "sm-labels" })
            .setLatLng(ll).setContent(el("span", null, name)));
        }
      }
    }
    function drawDisc(idx, mpp, seen) {  // queue; drawn by drawDiscs once the view is known
      var r = prec[idx];
      if (!showDiscs || !(r > 0) || r / mpp < 4) { return; }
      var key = lon[idx] + "," + lat[idx] + "," + r + "," + type[idx];
      if (seen[key]) { return; }
      seen[key] = 1;
      discQueue.push([idx, r / mpp]);
    }
    var discQueue = [];
    function drawDiscs() {
      var size = map.getSize(), small = Math.min(size.x, size.y), diag = Math.sqrt(size.x * size.x + size.y * size.y);
      // many overlapping fills would tint the whole view: fill only a few discs smaller than the view
      var few = discQueue.length <= 40;
      discQueue.forEach(function (item) {
        var idx = item[0], rpx = item[1], r = prec[idx];
        if (rpx > 4 * diag) { return; }  // its outline is far outside the view
        var ring = discCache[idx];
        if (!ring) {
          ring = discCache[idx] = geodesicCircle(lon[idx], lat[idx], r, r > 50000 ? 144 : 72).map(function (p) { return [p[1], p[0]]; });
        }
        rendered.discs++;
        var big = r > 100000, color = types[type[idx]].color, fill = !big && few && rpx < 0.6 * small;
        discLayer.addLayer(L.polygon(ring, {
          renderer: discCanvas, pane: "sm-discs", interactive: false, color: color, weight: big ? 1.2 : 1,
          opacity: few ? (big ? 0.55 : 0.75) : 0.35, dashArray: big ? "2 5" : "3 3", fill: fill, fillColor: color, fillOpacity: 0.06
        }));
      });
      discQueue = [];
    }
    function render() {
      pointLayer.clearLayers(); discLayer.clearLayers();
      rendered = { points: 0, clusters: 0, clustered: 0, discs: 0 };
      var z = map.getZoom(), scale = 256 * Math.pow(2, z);
      var pb = map.getPixelBounds(), padX = (pb.max.x - pb.min.x) * 0.25, padY = (pb.max.y - pb.min.y) * 0.25;
      var x0 = pb.min.x - padX, x1 = pb.max.x + padX, y0 = pb.min.y - padY, y1 = pb.max.y + padY;
      var inView = [];
      for (var j = 0; j < n; j++) {
        if (!active[j] || vague[j]) { continue; }
        var px = mx[j] * scale, py = my[j] * scale;
        if (px < x0 || px > x1 || py < y0 || py > y1) { continue; }
        inView.push(j);
      }
      // cluster into grid cells at low zoom; with few incidents in view only
      // stack (near-)identical positions, which are fanned out around their point
      var stacking = inView.length <= FEW || (z >= NO_CLUSTER_ZOOM && inView.length <= 4000) || z >= map.getMaxZoom();
      var cell = clusterOn ? (stacking ? 3 : CELL) : 0;
      var cells = new Map(), groups = [];
      for (var q = 0; q < inView.length; q++) {
        var idx = inView[q];
        if (!cell) { groups.push([idx]); continue; }
        var key = Math.floor(my[idx] * scale / cell) * 67108864 + Math.floor(mx[idx] * scale / cell);
        var c = cells.get(key);
        if (c === undefined) { c = []; cells.set(key, c); groups.push(c); }
        c.push(idx);
      }
      var mpp = 40075016.686 * Math.cos(map.getCenter().lat * RAD) / scale; // metres per pixel
      var seenDiscs = {}, bubbles = [];
      groups.forEach(function (members) {
        if (members.length === 1) {
          drawPoint(members[0], [lat[members[0]], lon[members[0]]]);
          drawDisc(members[0], mpp, seenDiscs);
          return;
        }
        var sx = 0, sy = 0;
        members.forEach(function (idx) { sx += mx[idx]; sy += my[idx]; });
        var cx = sx / members.length * scale, cy = sy / members.length * scale;
        var center = map.unproject([cx, cy], z);
        if (stacking && members.length <= FAN_MAX) {
          var radius = 12 + 2.2 * members.length;
          pointLayer.addLayer(L.circleMarker(center, {
            renderer: pointCanvas, radius: 2.5, weight: 1, color: "#ffffff", fillColor: "#2b2925", fillOpacity: 1, interactive: false
          }));
          var spots = members.map(function (idx, k) {
            var a = 2 * Math.PI * k / members.length - Math.PI / 2;
            var ll = map.unproject([cx + radius * Math.cos(a), cy + radius * Math.sin(a)], z);
            pointLayer.addLayer(L.polyline([center, ll], {
              renderer: pointCanvas, color: "#2b2925", weight: 1, opacity: 0.55, interactive: false
            }));
            return ll;
          });
          members.forEach(function (idx, k) { drawPoint(idx, spots[k]); drawDisc(idx, mpp, seenDiscs); });
          return;
        }
        bubbles.push({ x: cx, y: cy, members: members });
      });
      // merge bubbles that would overlap (grid cells split dense areas), largest first
      bubbles.sort(function (a, c) { return c.members.length - a.members.length; });
      var kept = [];
      bubbles.forEach(function (bb) {
        var r = bubbleRadius(bb.members.length);
        for (var k = 0; k < kept.length; k++) {
          var kb = kept[k], dx = kb.x - bb.x, dy = kb.y - bb.y, rk = bubbleRadius(kb.members.length);
          if (dx * dx + dy * dy < (r + rk - 2) * (r + rk - 2)) { kb.members = kb.members.concat(bb.members); return; }
        }
        kept.push(bb);
      });
      kept.forEach(function (kb) {
        pointLayer.addLayer(clusterMarker(map.unproject([kb.x, kb.y], z), kb.members));
        rendered.clusters++; rendered.clustered += kb.members.length;
      });
      drawDiscs();
    }
    pointLayer.on("click", function (e) {
      var layer = e.layer;
      if (layer._smMembers) {
        var members = layer._smMembers, b = L.latLngBounds([]);
        members.forEach(function (idx) { b.extend([lat[idx], lon[idx]]); });
        var same = b.getNorthEast().equals(b.getSouthWest());
        if (same || map.getZoom() >= map.getMaxZoom()) {
          openAt(layer.getLatLng(), listPopup(members));
        } else {
          map.fitBounds(b.pad(0.2), { maxZoom: Math.max(map.getZoom() + 1, Math.min(map.getZoom() + 3, map.getMaxZoom())) });
        }
      } else if (layer._smIndex !== undefined) {
        openAt(layer.getLatLng(), card(layer._smIndex));
      }
    });
    var pending = false;
    function schedule() {
      if (pending) { return; }
      pending = true;
      L.Util.requestAnimFrame(function () { pending = false; recomputeActive(); render(); updateTime(); });
    }
    map.on("moveend", function () { updateLabels(); schedule(); });

    // ---- layer control
    mark("clustering-setup");
    var overlays = {};
    var legendRows = {};
    function syncLegend(g) {
      if (data.group_by !== "event_type") { return; }  // layers by actor: the legend lists types
      var row = legendRows[g];
      if (row) { row.classList.toggle("sm-off", !groupOn[g]); row.setAttribute("aria-checked", groupOn[g] ? "true" : "false"); }
    }
    var groupLayers = data.groups.map(function (name, g) {
      var fake = L.layerGroup();
      fake.on("add", function () { groupOn[g] = true; syncLegend(g); schedule(); });
      fake.on("remove", function () { groupOn[g] = false; syncLegend(g); schedule(); });
      fake.addTo(map);
      var count = 0;
      for (var j = 0; j < n; j++) { if (group[j] === g) { count++; } }
      var sym = "";
      if (data.group_by === "event_type") { sym = symbolSvg(types[g].shape, types[g].color, false, 14); }
      overlays['<span class="sm-lc">' + sym + '<span class="sm-lc-name">' + esc(name) + '</span> <span class="sm-count">' + fmtInt(count) + "</span></span>"] = fake;
      return fake;
    });
    var discToggle = L.layerGroup().addTo(map);
    discToggle.on("add", function () { showDiscs = true; schedule(); });
    discToggle.on("remove", function () { showDiscs = false; schedule(); });
    overlays['<span class="sm-lc sm-lc-extra">Uncertainty discs</span>'] = discToggle;
    data.zones.forEach(function (z, zi) {
      var what = z.kind === "ring" ? "Claim ring: " : z.kind === "region" ? "" : "Zone: ";
      overlays['<span class="sm-lc sm-lc-extra">' + what + esc(z.name) + "</span>"] = zoneLayers[zi];
    });
    overlays['<span class="sm-lc sm-lc-extra">Governorates</span>'] = governorates;
    overlays['<span class="sm-lc sm-lc-extra">Towns</span>'] = towns;
    // by event type, the layer control is also the key to the symbols: open unless long or cramped
    var layerControl = L.control.layers(baseLayers, overlays, {
      collapsed: true, position: "topright"
    }).addTo(map);
    // kept open (the key to the symbols) while the right-hand controls fit; see fitControls
    var layersOpen = false;
    layerControl.collapse = function () {
      if (!layersOpen) { L.Control.Layers.prototype.collapse.call(this); }
      return this;
    };
    layerControl.getContainer().classList.add("sm-layers");
    var groupTitle = el("div", "sm-lc-title", o.group_title || (data.group_by === "event_type" ? "Event type" : data.group_by ? "Layers by " + data.group_by : NOUN[1].charAt(0).toUpperCase() + NOUN[1].slice(1)));
    var ovl = layerControl.getContainer().querySelector(".leaflet-control-layers-overlays");
    if (ovl) {
      ovl.insertBefore(groupTitle, ovl.firstChild);
      var firstExtra = ovl.querySelector(".sm-lc-extra");
      var extraLabel = firstExtra && firstExtra.closest("label");
      if (extraLabel) { ovl.insertBefore(el("div", "sm-lc-title sm-lc-title2", "On the map"), extraLabel); }
    }

    // ---- legend
    mark("layer-control");
    var legendBox = null, clusterRow = null;
    var Legend = L.Control.extend({
      options: { position: "bottomright" },
      onAdd: function () {
        var box = el("div", "sm-legend leaflet-bar");
        L.DomEvent.disableClickPropagation(box); L.DomEvent.disableScrollPropagation(box);
        var head = el("button", "sm-legend-head", "Legend");
        head.type = "button";
        head.setAttribute("aria-expanded", "true");
        head.addEventListener("click", function () {
          var open = box.classList.toggle("sm-collapsed");
          head.setAttribute("aria-expanded", open ? "false" : "true");
        });
        box.appendChild(head);
        var body = el("div", "sm-legend-body");
        // by event type, the layer control already lists the types with their symbols
        if (data.group_by !== "event_type") { body.appendChild(el("div", "sm-legend-title", o.group_title || "Event type")); }
        types.forEach(function (t, ti) {
          if (data.group_by === "event_type") { return; }
          var row = el("div", "sm-legend-row sm-legend-type");
          row.classList.add("sm-toggle");
          row.tabIndex = 0;
          row.setAttribute("role", "switch");
          row.setAttribute("aria-checked", "true");
          row.title = "Show or hide this event type";
          var flip = function (ev) {
            if (ev.type === "keydown" && ev.key !== "Enter" && ev.key !== " ") { return; }
            ev.preventDefault();
            if (data.group_by === "event_type") { api.setGroup(ti, !groupOn[ti]); } else { api.setType(ti, !typeOn[ti]); }
          };
          row.addEventListener("click", flip); row.addEventListener("keydown", flip);
          legendRows[ti] = row;
          var s = el("span", "sm-legend-sym"); s.innerHTML = symbolSvg(t.shape, t.color, false, 16);
          row.appendChild(s); row.appendChild(el("span", "sm-legend-name", t.name));
          row.appendChild(el("span", "sm-count", fmtInt(t.count)));
          body.appendChild(row);
        });
        body.appendChild(el("div", "sm-legend-title", "Location"));
        var r1 = el("div", "sm-legend-row"), s1 = el("span", "sm-legend-sym");
        s1.innerHTML = symbolSvg("circle", "#3d3a35", false, 16);
        r1.appendChild(s1); r1.appendChild(el("span", "sm-legend-name", "precise (≤ 1 km)")); body.appendChild(r1);
        var r2 = el("div", "sm-legend-row"), s2 = el("span", "sm-legend-sym");
        s2.innerHTML = symbolSvg("circle", "#3d3a35", true, 16);
        r2.appendChild(s2); r2.appendChild(el("span", "sm-legend-name", "approximate: dashed disc = uncertainty")); body.appendChild(r2);
        if (nLocated - vagueIdx.length > FAN_MAX && clusterOn) {  // shown while bubbles are drawn
          var r3 = el("div", "sm-legend-row sm-legend-cluster-row"), s3 = el("span", "sm-legend-sym sm-legend-cluster");
          r3.appendChild(s3); r3.appendChild(el("span", "sm-legend-name", "cluster: count, ring = mix of types")); body.appendChild(r3);
          clusterRow = r3;
        }
        var kinds = [["zone", "Zones (geodesic)"], ["ring", "Distance claims"], ["region", "Where the claims overlap"]];
        kinds.forEach(function (kd) {
          var some = data.zones.filter(function (z) { return (ZONE_STYLE[z.kind] ? z.kind : "zone") === kd[0]; });
          if (!some.length) { return; }
          body.appendChild(el("div", "sm-legend-title", kd[1]));
          some.forEach(function (z) {
            var rz = el("div", "sm-legend-row sm-legend-zone");
            rz.appendChild(el("span", "sm-legend-sym sm-legend-" + kd[0] + "-sym"));
            var label = kd[0] === "ring" ? (z.subject ? z.subject + " — " : "") + "claimed location ring: " + bandText(z) :
              z.name + (z.radius_m && kd[0] === "zone" ? " (" + fmtKm(z.radius_m) + ")" : "");
            rz.appendChild(el("span", "sm-legend-name", label));
            body.appendChild(rz);
            if (kd[0] === "zone") {  // rings and overlaps are not zones: no inside/outside tally
              var tally = el("div", "sm-legend-note sm-zone-tally");
              zoneTallies.push([z, tally]);
              body.appendChild(tally);
            }
            if (z.note && kd[0] !== "region") { body.appendChild(el("div", "sm-legend-note sm-zone-note", z.note)); }
          });
        });
        if (o.line_legend && o.line_legend.length) {  // lines drawn by the caller (claims between places)
          body.appendChild(el("div", "sm-legend-title", "Claims between two places"));
          o.line_legend.forEach(function (item) {
            var rl = el("div", "sm-legend-row"), sl = el("span", "sm-legend-sym");
            sl.innerHTML = '<svg width="16" height="10" aria-hidden="true"><line x1="0" y1="5" x2="16" y2="5" stroke="' + esc(safeColor(item[0])) +
              '" stroke-width="3"' + (item[1] ? ' stroke-dasharray="4 3"' : "") + "/></svg>";  // colour validated, no text
            rl.appendChild(sl); rl.appendChild(el("span", "sm-legend-name", item[2]));
            body.appendChild(rl);
          });
        }
        if (undated && hasDates && o.time_control !== false) { body.appendChild(el("div", "sm-legend-note", fmtInt(undated) + " undated — always shown")); }
        box.appendChild(body);
        legendBox = box;
        return box;
      }
    });
    new Legend().addTo(map);

    // ---- not drawn on the map: located only to a country (or wider), or not at all
    mark("legend-done");
    var offBox = null, offSections = [];
    var highlight = L.layerGroup().addTo(map);
    var syriaShape = (basemap.countries.features || []).filter(function (f) { return f.properties.syria; });
    function clearHighlight() { highlight.clearLayers(); }
    function openAt(latlng, content, offMap) {
      clearHighlight();
      popup.setLatLng(latlng).setContent(content).openOn(map);
      var pe = popup.getElement();
      if (pe) { pe.classList.toggle("sm-offmap-popup", !!offMap); }
      return pe;
    }
    map.on("popupclose", clearHighlight);
    /* Open a listed incident's card (at the view's centre, no tip) and shade where it could be. */
    function openListed(idx) {
      var color = types[type[idx]].color, style = { renderer: discCanvas, pane: "sm-discs", interactive: false, color: color, weight: 2, dashArray: "6 4", fillColor: color, fillOpacity: 0.1 };
      var pe = openAt(map.getCenter(), card(idx), true);
      if (vague[idx] && vagueSyria[idx] && syriaShape.length) {
        highlight.addLayer(L.geoJSON({ type: "FeatureCollection", features: syriaShape }, { style: function () { return style; }, renderer: discCanvas, pane: "sm-discs", interactive: false }));
      } else if (vague[idx] && prec[idx] > 0) {
        highlight.addLayer(L.polygon(geodesicCircle(lon[idx], lat[idx], prec[idx], 144).map(function (p) { return [p[1], p[0]]; }), style));
      }
      return pe;
    }
    var OFF_MAX = 100;  // entries listed per section
    function offSection(title, members) {
      var sec = el("div", "sm-off-section");
      var head = el("div", "sm-off-title");
      var ul = el("ul", "sm-off-items");
      sec.appendChild(head); sec.appendChild(ul);
      return { el: sec, head: head, ul: ul, title: title, members: members, key: "" };
    }
    function refreshOffMap() {
      offSections.forEach(function (sc) {
        var shown = sc.members.filter(function (j) { return passes[j]; });
        sc.head.textContent = sc.title + " (" + fmtInt(shown.length) + ")";
        var key = shown.join(",");
        if (key === sc.key) { return; }
        sc.key = key;
        while (sc.ul.firstChild) { sc.ul.removeChild(sc.ul.firstChild); }
        shown.slice().sort(function (a, c) { return (t0[a] - t0[c]) || (a - c); }).slice(0, OFF_MAX).forEach(function (j) {
          var li = el("li"), btn = el("button", "sm-off-btn");
          btn.type = "button";
          var sym = el("span", "sm-legend-sym");
          sym.innerHTML = symbolSvg(types[type[j]].shape, types[type[j]].color, true, 14);  // shape/colour only
          btn.appendChild(sym);
          btn.appendChild(el("span", "sm-off-text", summary(j)));
          btn.addEventListener("click", function (ev) { L.DomEvent.stop(ev); openListed(j); });
          li.appendChild(btn); sc.ul.appendChild(li);
        });
        if (shown.length > OFF_MAX) { sc.ul.appendChild(el("li", "sm-legend-note", "… and " + fmtInt(shown.length - OFF_MAX) + " more")); }
        if (!shown.length) { sc.ul.appendChild(el("li", "sm-legend-note", "none in the dates and layers shown")); }
      });
    }
    if (vagueIdx.length || unlocatedIdx.length) {
      var OffMap = L.Control.extend({
        options: { position: "topright" },
        onAdd: function () {
          var box = el("div", "sm-offmap sm-panel leaflet-bar");
          L.DomEvent.disableClickPropagation(box); L.DomEvent.disableScrollPropagation(box);
          var head = el("button", "sm-legend-head", "Not drawn on the map");
          head.type = "button"; head.setAttribute("aria-expanded", "true");
          head.addEventListener("click", function () {
            var closed = box.classList.toggle("sm-collapsed");
            head.setAttribute("aria-expanded", closed ? "false" : "true");
          });
          box.appendChild(head);
          var body = el("div", "sm-legend-body");
          if (vagueIdx.length) { offSections.push(offSection(o.vague_title || data.vague_title || "Located only to a wide area", vagueIdx)); }
          if (unlocatedIdx.length) { offSections.push(offSection(o.unlocated_title || "Not located", unlocatedIdx)); }
          offSections.forEach(function (sc) { body.appendChild(sc.el); });
          box.appendChild(body);
          offBox = box;
          return box;
        }
      });
      new OffMap().addTo(map);
    }

    /* Let the attribution wrap rather than run under the time control on the left. */
    function fitAttribution() {
      var attribution = container.querySelector(".leaflet-control-attribution"), left = container.querySelector(".leaflet-bottom.leaflet-left");
      if (!attribution) { return; }
      var leftWidth = left ? left.getBoundingClientRect().width : 0;
      attribution.style.maxWidth = Math.max(180, container.clientWidth - leftWidth - 16) + "px";
    }

    /* Open the layer control, the list and the legend as far as they fit on the right
     * without overlapping; fold the layer control first, then the legend, then the list. */
    function fitControls() {
      fitAttribution();
      var top = container.querySelector(".leaflet-top.leaflet-right"), bottom = container.querySelector(".leaflet-bottom.leaflet-right");
      function overlap() {
        var a = top.getBoundingClientRect(), b = bottom.getBoundingClientRect(), c = container.getBoundingClientRect();
        var lowest = Math.max.apply(null, Array.prototype.map.call(top.children, function (ch) { return ch.getBoundingClientRect().bottom; }).concat([a.top]));
        var highest = Math.min.apply(null, Array.prototype.map.call(bottom.children, function (ch) {
          return ch.classList.contains("leaflet-control-attribution") ? c.bottom : ch.getBoundingClientRect().top;
        }).concat([c.bottom]));
        return lowest + 6 > highest - (highest === c.bottom ? 20 : 0);
      }
      layersOpen = data.groups.length <= 12;
      if (layersOpen) { layerControl.expand(); } else { L.Control.Layers.prototype.collapse.call(layerControl); }
      [legendBox, offBox].forEach(function (bx) { if (bx) { bx.classList.remove("sm-collapsed"); } });
      if (layersOpen && overlap()) { layersOpen = false; L.Control.Layers.prototype.collapse.call(layerControl); }
      [legendBox, offBox].forEach(function (bx) { if (bx && overlap()) { bx.classList.add("sm-collapsed"); } });
      [legendBox, offBox].forEach(function (bx) {
        if (bx) { bx.querySelector(".sm-legend-head").setAttribute("aria-expanded", bx.classList.contains("sm-collapsed") ? "false" : "true"); }
      });
    }

    // ---- title
    if (o.title) {
      var titleBox = el("div", "sm-title");
      titleBox.appendChild(el("div", "sm-title-main", o.title));
      var sub = el("div", "sm-title-sub");
      titleBox.appendChild(sub);
      container.appendChild(titleBox);
      L.DomEvent.disableClickPropagation(titleBox);
    }

    // ---- time control
    mark("legend");
    var timeLabel = null, timeCount = null, histCanvas = null, loInput = null, hiInput = null;
    var bins = [], binDays = 1;
    function updateZoneTallies() {
      zoneTallies.forEach(function (pair) {
        var z = pair[0], c = [0, 0, 0];
        for (var j = 0; j < n; j++) { var r = z.relation[j]; if (r >= 0 && active[j]) { c[r]++; } }
        pair[1].textContent = NOUN[1] + " shown: " + fmtInt(c[1]) + " inside, " + fmtInt(c[2]) + " uncertain (disc on the edge), " + fmtInt(c[0]) + " outside";
      });
    }
    function updateTime() {
      updateZoneTallies();
      if (clusterRow) { clusterRow.style.display = rendered.clusters ? "" : "none"; }
      var sub = container.querySelector(".sm-title-sub");
      var msg = fmtInt(nActive) + " of " + nouns(nLocated) + " shown";
      if (sub) {
        sub.textContent = msg + (nListed ? " (" + fmtInt(nListed) + " only listed)" : "") +
          (hasDates ? " · " + dayLabel(winLo) + " – " + dayLabel(winHi) : "");
      }
      refreshOffMap();
      if (!timeLabel) { return; }
      timeLabel.textContent = dayLabel(winLo) + " – " + dayLabel(winHi);
      timeCount.textContent = msg;
      drawHist();
    }
    function drawHist() {
      var ctx = histCanvas.getContext("2d"), w = histCanvas.width, h = histCanvas.height;
      ctx.clearRect(0, 0, w, h);
      var max = Math.max.apply(null, bins.concat([1])), bw = w / bins.length;
      for (var b = 0; b < bins.length; b++) {
        var bLo = tmin + b * binDays, bHi = bLo + binDays - 1;
        ctx.fillStyle = bHi >= winLo && bLo <= winHi ? "#a3122a" : "#c9c5bc";
        var bh = bins[b] ? Math.max(1.5, (h - 2) * Math.sqrt(bins[b] / max)) : 0;
        ctx.fillRect(b * bw + 0.5, h - bh, Math.max(bw - 1, 1), bh);
      }
    }
    if (hasDates && o.time_control !== false) {
      var span = tmax - tmin + 1;
      binDays = Math.max(1, Math.ceil(span / 90));
      bins = new Array(Math.ceil(span / binDays)).fill(0);
      for (i = 0; i < n; i++) { if (t0[i] !== NONE && located[i]) { bins[Math.min(bins.length - 1, Math.floor((t0[i] - tmin) / binDays))]++; } }
      var Time = L.Control.extend({
        options: { position: "bottomleft" },
        onAdd: function () {
          var box = el("div", "sm-time leaflet-bar");
          L.DomEvent.disableClickPropagation(box); L.DomEvent.disableScrollPropagation(box);
          var row = el("div", "sm-time-row");
          var play = el("button", "sm-time-play", "▶");
          play.type = "button"; play.title = "Play: move the window through time";
          play.setAttribute("aria-label", "play");
          row.appendChild(play);
          timeLabel = el("span", "sm-time-label");
          row.appendChild(timeLabel);
          var reset = el("button", "sm-time-reset", "all dates");
          reset.type = "button";
          row.appendChild(reset);
          box.appendChild(row);
          var track = el("div", "sm-time-track");
          histCanvas = el("canvas", "sm-time-hist");
          histCanvas.width = 300; histCanvas.height = 38;
          track.appendChild(histCanvas);
          loInput = el("input", "sm-time-lo"); hiInput = el("input", "sm-time-hi");
          [loInput, hiInput].forEach(function (inp, which) {
            inp.type = "range"; inp.min = String(tmin); inp.max = String(tmax); inp.step = "1";
            inp.value = String(which ? tmax : tmin);
            inp.setAttribute("aria-label", which ? "latest date shown" : "earliest date shown");
            inp.addEventListener("input", function () {
              var lo = +loInput.value, hi = +hiInput.value;
              if (lo > hi) { if (which) { loInput.value = String(hi); lo = hi; } else { hiInput.value = String(lo); hi = lo; } }
              api.setWindow(lo, hi);
            });
            track.appendChild(inp);
          });
          box.appendChild(track);
          var foot = el("div", "sm-time-foot");
          foot.appendChild(el("span", "sm-time-end", iso(tmin)));
          timeCount = el("span", "sm-time-count");
          foot.appendChild(timeCount);
          foot.appendChild(el("span", "sm-time-end", iso(tmax)));
          box.appendChild(foot);
          var timer = null;
          play.addEventListener("click", function () {
            if (timer) { clearInterval(timer); timer = null; play.textContent = "▶"; return; }
            var width = Math.max(binDays * 3, Math.round((winHi - winLo) || span / 6));
            if (winHi - winLo >= span - 1) { width = Math.max(binDays, Math.round(span / 6)); }
            var lo = winHi - winLo >= span - 1 || winHi >= tmax ? tmin : winLo;
            play.textContent = "❚❚";
            api.setWindow(lo, Math.min(lo + width, tmax));
            timer = setInterval(function () {
              var step = Math.max(binDays, Math.round(width / 4));
              if (winHi >= tmax) { clearInterval(timer); timer = null; play.textContent = "▶"; return; }
              api.setWindow(Math.min(winLo + step, tmax), Math.min(winHi + step, tmax));
            }, 700);
          });
          reset.addEventListener("click", function () { api.setWindow(tmin, tmax); });
          return box;
        }
      });
      new Time().addTo(map);
    }

    // ---- scale, fullscreen, measure
    mark("time");
    L.control.scale({ imperial: false, maxWidth: 140, position: "bottomleft" }).addTo(map);
    var Fullscreen = L.Control.extend({
      options: { position: "topleft" },
      onAdd: function () {
        var bar = el("div", "leaflet-bar sm-tools");
        var fs = el("a", "sm-btn sm-fullscreen");
        fs.href = "#"; fs.title = "Full screen"; fs.setAttribute("role", "button"); fs.setAttribute("aria-label", "Full screen");
        L.DomEvent.on(fs, "click", function (e) {
          L.DomEvent.preventDefault(e); L.DomEvent.stopPropagation(e);
          var doc = document;
          if (doc.fullscreenElement) { doc.exitFullscreen(); return; }
          if (container.classList.contains("sm-pseudo-full")) { container.classList.remove("sm-pseudo-full"); map.invalidateSize(); return; }
          var req = container.requestFullscreen && container.requestFullscreen();
          if (req && req.catch) { req.catch(function () { container.classList.add("sm-pseudo-full"); map.invalidateSize(); }); } else if (!req) { container.classList.add("sm-pseudo-full"); map.invalidateSize(); }
        });
        document.addEventListener("fullscreenchange", function () { map.invalidateSize(); });
        bar.appendChild(fs);
        var ms = el("a", "sm-btn sm-measure");
        ms.href = "#"; ms.title = "Measure geodesic distance (click points, double-click or Esc to finish)";
        ms.setAttribute("role", "button"); ms.setAttribute("aria-label", "Measure distance");
        L.DomEvent.on(ms, "click", function (e) { L.DomEvent.preventDefault(e); L.DomEvent.stopPropagation(e); measure.toggle(); });
        bar.appendChild(ms);
        var ls = el("a", "sm-btn sm-listbtn");
        ls.href = "#"; ls.title = "List the incidents shown in this view"; ls.setAttribute("role", "button");
        ls.setAttribute("aria-label", "List the incidents shown in this view");
        L.DomEvent.on(ls, "click", function (e) { L.DomEvent.preventDefault(e); L.DomEvent.stopPropagation(e); api.listInView(); });
        bar.appendChild(ls);
        return bar;
      }
    });
    new Fullscreen().addTo(map);

    var measure = (function () {
      var on = false, pts = [], line = null, rubber = null, tip = null, dots = L.layerGroup();
      function total(extra) {
        var d = 0, all = extra ? pts.concat([extra]) : pts;
        for (var j = 1; j < all.length; j++) { d += distance(all[j - 1].lng, all[j - 1].lat, all[j].lng, all[j].lat); }
        return d;
      }
      function show(latlng, extra) {
        var d = total(extra), all = extra ? pts.concat([extra]) : pts;
        var box = el("div", "sm-measure-tip", fmtKm(d));
        if (all.length >= 2) {  // bearing of the last leg, as news writes it ("40 km NE of ...")
          var a = all[all.length - 2], b = all[all.length - 1];
          var az = bearing(a.lng, a.lat, b.lng, b.lat);
          box.appendChild(el("span", "sm-measure-az", (all.length > 2 ? "last leg " : "") +
            ("00" + Math.round(az) % 360).slice(-3) + "° " + compass(az)));
        }
        if (!tip) { tip = L.tooltip({ permanent: true, direction: "right", offset: [10, 0], className: "sm-measure-label", pane: "sm-measure" }); }
        tip.setLatLng(latlng).setContent(box);
        if (!map.hasLayer(tip)) { tip.addTo(map); }
      }
      function click(e) {
        pts.push(e.latlng);
        dots.addLayer(L.circleMarker(e.latlng, { pane: "sm-measure", radius: 4, color: "#111", weight: 2, fillColor: "#fff", fillOpacity: 1, interactive: false }));
        line.setLatLngs(pts);
        show(e.latlng);
      }
      function move(e) {
        if (!pts.length) { return; }
        rubber.setLatLngs([pts[pts.length - 1], e.latlng]);
        show(e.latlng, e.latlng);
      }
      function finish() {
        if (!on) { return; }
        on = false; container.classList.remove("sm-measuring");
        map.off("click", click); map.off("mousemove", move); map.off("dblclick", finish);
        map.doubleClickZoom.enable();
        if (rubber) { map.removeLayer(rubber); }
        if (pts.length && tip) { show(pts[pts.length - 1]); }
      }
      function clear() {
        [line, rubber, tip].forEach(function (l) { if (l && map.hasLayer(l)) { map.removeLayer(l); } });
        dots.clearLayers(); pts = [];
      }
      document.addEventListener("keydown", function (e) { if (e.key === "Escape" && on) { finish(); } });
      return {
        toggle: function () {
          if (on) { finish(); clear(); return; }
          clear();
          on = true; container.classList.add("sm-measuring");
          line = L.polyline([], { pane: "sm-measure", color: "#111", weight: 2.5, dashArray: "6 4", interactive: false }).addTo(map);
          rubber = L.polyline([], { pane: "sm-measure", color: "#111", weight: 1.5, dashArray: "2 4", interactive: false }).addTo(map);
          dots.addTo(map);
          map.doubleClickZoom.disable();
          map.on("click", click); map.on("mousemove", move); map.on("dblclick", finish);
        },
        distance: total,
        points: function () { return pts.slice(); }
      };
    })();

    // ---- public handle (tests, notebooks)
    mark("tools");
    var api = {
      map: map,
      setWindow: function (lo, hi) {
        if (typeof lo === "string") { lo = Math.floor(Date.parse(lo) / 86400000); }
        if (typeof hi === "string") { hi = Math.floor(Date.parse(hi) / 86400000); }
        winLo = Math.max(lo, hasDates ? tmin : lo); winHi = Math.min(hi, hasDates ? tmax : hi);
        if (loInput) { loInput.value = String(winLo); hiInput.value = String(winHi); }
        recomputeActive(); render(); updateTime();
        return nActive;
      },
      counts: function () {
        var unlocatedListed = 0;
        for (var u = 0; u < unlocatedIdx.length; u++) { if (passes[unlocatedIdx[u]]) { unlocatedListed++; } }
        return {
          total: n, located: nLocated, active: nActive, points: rendered.points, clusters: rendered.clusters, clustered: rendered.clustered, discs: rendered.discs,
          listed: nListed, unlocated_listed: unlocatedListed, panel: offBox ? offBox.querySelectorAll(".sm-off-btn").length : 0
        };
      },
      inView: function () {
        var b = map.getBounds(), out = [];
        for (var j = 0; j < n; j++) { if (active[j] && !vague[j] && b.contains([lat[j], lon[j]])) { out.push(j); } }
        out.sort(function (a, c) { return (t0[a] - t0[c]) || (a - c); });
        return out;
      },
      listInView: function () {
        var members = api.inView();
        openAt(map.getCenter(), listPopup(members, "in this view, by date"));
        var first = popup.getElement() && popup.getElement().querySelector(".sm-list-btn");
        if (first) { first.focus(); }
        return members.length;
      },
      clusters: function () {
        var out = [];
        pointLayer.eachLayer(function (l) {
          if (l._smMembers) { var pt = map.latLngToContainerPoint(l.getLatLng()); out.push({ x: pt.x, y: pt.y, count: l._smMembers.length, label: l.options.label }); }
        });
        return out;
      },
      markerPoint: function (idx) {
        var found = null;
        pointLayer.eachLayer(function (l) { if (l._smIndex === idx) { found = map.latLngToContainerPoint(l.getLatLng()); } });
        return found && { x: found.x, y: found.y };
      },
      openPopup: function (idx) { return vague[idx] || !located[idx] ? openListed(idx) : openAt([lat[idx], lon[idx]], card(idx)); },
      measure: measure,
      geodesicCircle: geodesicCircle,
      distance: distance,
      bearing: bearing,
      setType: function (t, on) {
        typeOn[t] = !!on;
        var row = legendRows[t];
        if (row) { row.classList.toggle("sm-off", !on); row.setAttribute("aria-checked", on ? "true" : "false"); }
        recomputeActive(); render(); updateTime();
        return nActive;
      },
      setGroup: function (g, on) {
        if (on) { groupLayers[g].addTo(map); } else { map.removeLayer(groupLayers[g]); }
        recomputeActive(); render(); updateTime();
        return nActive;
      }
    };

    recomputeActive();
    // fit the data between the controls; refit when the container is resized
    // (a notebook iframe settling, full screen) until the user moves the map
    var b = data.bounds, autoFit = true, fitting = false;
    function fit() {
      fitting = true;
      map.invalidateSize(false);
      // keep the data clear of the open controls on the right when there is room
      var right = container.querySelector(".leaflet-top.leaflet-right"), rw = right ? right.getBoundingClientRect().width : 0;
      var padRight = rw && rw < container.clientWidth * 0.35 ? rw + 12 : 24;
      map.fitBounds([[b[0][0], b[0][1]], [b[1][0], b[1][1]]], {
        paddingTopLeft: [48, o.title ? 70 : 24], paddingBottomRight: [padRight, timeLabel ? 112 : 36],
        maxZoom: o.max_fit_zoom || 11, animate: false
      });
      fitting = false;
    }
    map.on("dragstart", function () { autoFit = false; });
    map.on("zoomstart", function () { if (!fitting) { autoFit = false; } });
    map.on("resize", function () { fitControls(); if (autoFit) { fit(); } });
    api.fit = function () { autoFit = true; fit(); };
    refreshOffMap();  // filled before measuring what fits on the right
    fitControls();
    fit();
    mark("fit");
    updateLabels(); render(); updateTime(); placeZoneLabels();
    mark("ready");
    instances[opts.name || map.getContainer().id] = api;
    container.setAttribute("data-sm-ready", "1");
    return api;
  }

  /* Read a payload element: plain JSON, or deflated + base64 for large maps. */
  function readPayload(id) {
    var node = document.getElementById(id);
    if (node.getAttribute("data-encoding") !== "deflate-base64") { return JSON.parse(node.textContent); }
    if (typeof DecompressionStream === "undefined") {
      throw new Error("this browser cannot unpack the map data (no DecompressionStream); open the file in a current Chrome, Edge, Firefox or Safari");
    }
    var bin = atob(node.textContent.trim()), bytes = new Uint8Array(bin.length);
    for (var k = 0; k < bin.length; k++) { bytes[k] = bin.charCodeAt(k); }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
    return new Response(stream).text().then(JSON.parse);
  }
  function fail(map, err) {
    var box = el("div", "sm-error", "The map data could not be loaded: " + (err && err.message ? err.message : String(err)));
    map.getContainer().appendChild(box);
    if (window.console) { console.error(err); }
  }
  /* Build the map from payload elements; returns the API (or a Promise of it for packed data). */
  function load(map, dataId, baseId, opts) {
    try {
      var basemap = JSON.parse(document.getElementById(baseId).textContent);
      var data = readPayload(dataId);
      if (data && typeof data.then === "function") {
        return data.then(function (d) { return create(map, d, basemap, opts); }).catch(function (e) { fail(map, e); });
      }
      return create(map, data, basemap, opts);
    } catch (e) { fail(map, e); return null; }
  }

  window.SyriaMap = { create: create, load: load, instances: instances, esc: esc, geodesicCircle: geodesicCircle, distance: distance };
})();
