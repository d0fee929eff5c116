// The map: events as markers coloured by type and sized by corroboration, deals as arrows
// from origin to each claimed destination, over the vendored base map (no internet needed).
import { eventItem, exportLinks, getJSON, h, safePath, typeColor, watchFilters } from "./desk.js";

const L = window.L;
const topojson = window.topojson;
const mapEl = document.getElementById("map");
const listEl = document.getElementById("event-list");
const statusEl = document.getElementById("status");
const form = document.getElementById("filters");
const offEl = document.getElementById("deals-off");
const offListEl = document.getElementById("deals-off-list");

const map = L.map(mapEl, { worldCopyJump: true, minZoom: 2, maxZoom: 13 }).setView([35, 38.5], 6);
const markers = new Map();
// Events at one place (or a few pixels apart at this zoom) gather into a numbered cluster
// that names its places; a click zooms in or, at the last zoom, spreads them out.
const eventsLayer = L.markerClusterGroup({
  maxClusterRadius: 24,
  showCoverageOnHover: false,
  spiderfyOnMaxZoom: true,
  animate: false, // no fading copies of old clusters: what is in the page is what is shown
  iconCreateFunction: clusterIcon,
});

const dealsLayer = L.layerGroup();
let fitted = false;

async function baseMap(config) {
  if (config.tiles) {
    const credit = document.createElement("span");
    credit.textContent = config.tiles_attribution || "";
    L.tileLayer(config.tiles, { maxZoom: 18, attribution: credit.innerHTML }).addTo(map);
  }
  const world = await getJSON(config.basemap);
  L.geoJSON(topojson.feature(world, world.objects.countries), {
    interactive: false,
    style: { color: "#a59f92", weight: 1, fillColor: "#f4f1ea", fillOpacity: config.tiles ? 0 : 1 },
  }).addTo(map);
  map.attributionControl.addAttribution("Borders: Natural Earth via world-atlas");
  const admin = await getJSON("/api/admin1");
  const labels = L.layerGroup(admin.admin1.map((unit) =>
    L.circleMarker([unit.lat, unit.lon], { radius: 2, color: "#8d8676", weight: 1, interactive: false })
      .bindTooltip(h("span", {}, unit.name), { permanent: true, direction: "right", className: "admin1-label" })));
  const showLabels = () => (map.getZoom() >= 6 ? labels.addTo(map) : labels.remove());
  map.on("zoomend", showLabels);
  showLabels();
}

/** How precisely an event's place is known, in words (ACLED's geo-precision). */
function precisionText(location) {
  if (location.precision >= 3) {
    return location.admin1 ? "a province or region: the point is its centre" : "a whole country or a vague region: the point is its centre";
  }
  return location.precision === 2 ? "near a town, or a district" : "a town or village";
}

function popup(e) {
  const where = e.location ? e.location.name : "";
  return h("div", { class: "popup" },
    h("h3", {}, e.sub_event_type),
    h("p", {}, [where, e.date_text || "undated"].filter(Boolean).join(" · ")),
    h("p", { class: "precision" }, `place: ${precisionText(e.location)} (precision ${e.location.precision})`),
    h("p", {}, `${e.sources} independent source${e.sources === 1 ? "" : "s"}`),
    e.contested.length ? h("p", {}, "contested: ", ...e.contested.map((s) => h("a", { class: "flag", href: "/codebook#contested" }, s))) : null,
    h("p", {}, h("a", { href: safePath(e.url), class: "open-event" }, "Open the event →")));
}

/** Let the keyboard reach a drawn marker: Tab to it, Enter or Space opens its popup. */
function focusable(m, label) {
  const el = m.getElement();
  if (!el || el.hasAttribute("tabindex")) return;
  el.setAttribute("tabindex", "0");
  el.setAttribute("role", "button");
  el.setAttribute("aria-label", label);
  el.addEventListener("keydown", (event) => {
    if (event.key === "Enter" || event.key === " ") { event.preventDefault(); m.openPopup(); }
  });
}

function marker(e) {
  const contested = e.contested.length > 0;
  const precision = e.location.precision || 1;
  // Vague places are drawn hollow (a province, a region, a country: not a spot on the ground),
  // places near a town dashed; only a town is a solid dot.
  const vague = precision >= 3;
  const m = L.circleMarker([e.location.lat, e.location.lon], {
    radius: (vague ? 9 : 5) + 4 * Math.sqrt(Math.max(e.sources, 0)),
    color: contested ? "#c62828" : (vague ? typeColor(e.event_type) : "#27313d"),
    weight: contested || vague ? 3 : 1,
    dashArray: precision >= 2 ? "4 4" : null,
    fillColor: typeColor(e.event_type),
    fillOpacity: vague ? 0.08 : (e.sources > 0 ? 0.85 : 0.35),
    className: `event-marker p${precision}${vague ? " vague" : ""}${contested ? " contested" : ""} ev-${e.event_id}`,
    place: e.location.name,
  });
  m.on("add", () => focusable(m, `${e.sub_event_type} at ${e.location.name}, ${e.date_text || "undated"}`));
  m.bindPopup(popup(e));
  m.bindTooltip(h("span", {}, `${e.sub_event_type} · ${e.location.name}${vague ? " (area)" : ""}`));
  return m;
}

function clusterIcon(cluster) {
  const count = cluster.getChildCount();
  const places = [...new Set(cluster.getAllChildMarkers().map((m) => m.options.place))];
  const named = places.slice(0, 3).join(", ") + (places.length > 3 ? ` and ${places.length - 3} more` : "");
  cluster.bindTooltip(h("span", {}, `${count} events: ${named}`), { direction: "top" });
  const size = count < 10 ? 30 : 38;
  return L.divIcon({
    html: `<span>${count}</span>`, // a number only: no page text goes into this HTML
    className: "event-cluster",
    iconSize: [size, size],
  });
}

function arrowHead(from, to) {
  // Two short wings at the destination, in a locally flat projection (lon scaled by cos lat).
  const k = Math.cos((to[0] * Math.PI) / 180);
  const dx = (from[1] - to[1]) * k;
  const dy = from[0] - to[0];
  const length = Math.hypot(dx, dy) || 1;
  const size = Math.min(length * 0.25, 0.3);
  const wing = (angle) => {
    const c = Math.cos(angle), s = Math.sin(angle);
    const x = ((dx * c - dy * s) / length) * size;
    const y = ((dx * s + dy * c) / length) * size;
    return [to[0] + y, to[1] + x / k];
  };
  return [wing(0.45), to, wing(-0.45)];
}

/** A deal's destination in words, for tooltips and the list of destinations not drawn. */
function dealText(d) {
  const who = d.claimed_by.length ? ` (${d.claimed_by.join(", ")})` : "";
  return `${d.kind || "deal"}${d.status ? ", " + d.status : ""}: ${d.origin.name} → ${d.destination.name}${who}`;
}

/** A deal as a line from its origin: to an arrowhead at a town, to a dashed ring round a
 * province (only its centre is known). Destinations drawn "off" are listed, not drawn. */
function arrow(d) {
  const from = [d.origin.lat, d.origin.lon];
  const to = [d.destination.lat, d.destination.lon];
  const style = {
    color: d.reader_only ? "#b7791f" : "#27313d",
    weight: 2.5,
    opacity: 0.9,
    dashArray: d.contested ? "7 6" : null,
    className: `deal-arrow${d.contested ? " contested" : ""}`,
  };
  const end = d.shape === "area"
    ? L.circle(to, { ...style, radius: 30000, dashArray: "3 5", fillOpacity: 0.05, className: "deal-area" })
    : L.polyline(arrowHead(from, to), style);
  const group = L.featureGroup([L.polyline([from, to], style), end]);
  group.bindTooltip(h("span", {}, dealText(d) + (d.shape === "area" ? " (a province: its centre)" : "")), { sticky: true });
  group.on("click", () => { window.location.href = safePath(d.url); });
  return group;
}

function render(data) {
  eventsLayer.clearLayers();
  dealsLayer.clearLayers();
  markers.clear();
  listEl.replaceChildren();
  const placed = data.events.filter((e) => e.location && e.location.lat !== null && e.location.lon !== null);
  // Deals first: each layer added is drawn on top, and the markers must stay clickable.
  const drawn = data.deals.filter((d) => d.shape !== "off");
  const off = data.deals.filter((d) => d.shape === "off");
  for (const d of drawn) dealsLayer.addLayer(arrow(d));
  // Big markers first, so the small ones stay clickable on top of them.
  for (const e of [...placed].sort((a, b) => b.sources - a.sources)) {
    const m = marker(e);
    markers.set(e.event_id, m);
    eventsLayer.addLayer(m);
  }
  for (const e of data.events) {
    const item = eventItem(e);
    const m = markers.get(e.event_id);
    if (m) {
      item.addEventListener("mouseenter", () => {
        m.setStyle({ weight: 4, color: "#e65100" });
        if (map.hasLayer(m)) m.bringToFront();
      });
      item.addEventListener("mouseleave", () => m.setStyle({ weight: e.contested.length ? 3 : 1, color: e.contested.length ? "#c62828" : "#27313d" }));
    }
    listEl.append(item);
  }
  const shown = data.events.length < data.total ? ` (first ${data.events.length})` : "";
  statusEl.textContent = `${data.total} events${shown}: ${placed.length} on the map, ${drawn.length} deal arrows.`;
  offListEl.replaceChildren(...off.map((d) => h("li", {},
    h("a", { href: safePath(d.url) }, dealText(d)),
    h("span", { class: "meta" }, d.destination.precision >= 3 && !d.destination.admin1
      ? "a whole country or a vague region: not drawn as a point"
      : `${d.km} km away: not drawn across the map`))));
  offEl.hidden = off.length === 0;
  if (!fitted && placed.length) {
    map.fitBounds(L.latLngBounds(placed.map((e) => [e.location.lat, e.location.lon])).pad(0.3), { maxZoom: 8, animate: false });
    fitted = true;
  }
  mapEl.dataset.markers = String(placed.length);
  mapEl.dataset.deals = String(drawn.length);
  mapEl.dataset.state = "ready";
}

// Each filter change asks again; an answer that comes back after a newer question is
// dropped, so a slow old answer never replaces a newer one.
let asked = 0;

async function load(params) {
  mapEl.dataset.state = "loading";
  exportLinks(params);
  statusEl.textContent = "Loading events…";
  const mine = ++asked;
  try {
    const data = await getJSON("/api/map", params);
    if (mine === asked) render(data);
  } catch (error) {
    if (mine !== asked) return;
    // Nothing of the last answer stays on the map: it would pass for this filter's.
    render({ events: [], deals: [], total: 0 });
    statusEl.textContent = `Could not load the events: ${error.message}`;
    mapEl.dataset.state = "error";
  }
}

async function main() {
  const config = await getJSON(mapEl.dataset.config);
  await baseMap(config); // drawn first: later vector layers lie on top of it
  dealsLayer.addTo(map);
  eventsLayer.addTo(map);
  watchFilters(form, load);
}

main().catch((error) => { statusEl.textContent = `The map failed to start: ${error.message}`; });
