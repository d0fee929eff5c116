// The timeline: events per week as bars (SVG, no inline styles), each week's events listed,
// events dated only to a month or a year and undated ones apart. `actor=NAME` in the filter
// gives one actor's timeline.
import { TYPE_CLASSES, eventItem, getJSON, h, typeClass, watchFilters } from "./desk.js";

const TYPE_ORDER = Object.keys(TYPE_CLASSES);
const typeOrder = (type) => (TYPE_ORDER.includes(type) ? TYPE_ORDER.indexOf(type) : TYPE_ORDER.length);

const SVG = "http://www.w3.org/2000/svg";
const chartEl = document.getElementById("chart");
const weeksEl = document.getElementById("weeks");
const coarseEl = document.getElementById("coarse");
const undatedEl = document.getElementById("undated");
const statusEl = document.getElementById("status");
const form = document.getElementById("filters");
const actorEl = document.getElementById("actor");

function svg(tag, attrs, text) {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  if (text !== undefined) el.textContent = text;
  return el;
}

function chart(weeks) {
  const width = 1000, height = 220, pad = 28;
  const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: "none" });
  const most = Math.max(1, ...weeks.map((w) => w.count));
  const step = Math.min((width - 2 * pad) / Math.max(weeks.length, 1), 60);
  const every = Math.ceil(56 / step); // a label ("17-04-17") is about 50 units wide
  weeks.forEach((week, i) => {
    const barHeight = ((height - 2 * pad) * week.count) / most;
    const x = pad + i * step;
    // One segment per event type, stacked in the legend's order, coloured as on the map.
    const group = week.count ? svg("a", { href: `#week-${week.week}`, class: "bar-link" }) : root;
    let top = height - pad;
    for (const [type, n] of Object.entries(week.by_type).sort(([a], [b]) => typeOrder(a) - typeOrder(b))) {
      const segment = ((height - 2 * pad) * n) / most;
      top -= segment;
      const bar = svg("rect", {
        class: `bar type-${typeClass(type)}`, x: x + 1, y: top, width: Math.max(step - 2, 1), height: segment,
        "data-week": week.week, "data-type": type,
      });
      bar.append(svg("title", {}, `week of ${week.week}: ${n} ${type} of ${week.count} events`));
      group.append(bar);
    }
    if (week.count) root.append(group);
    if (i % every === 0) {
      root.append(svg("text", { class: "axis", x: x + 1, y: height - pad + 12 }, week.week.slice(2)));
    }
    if (week.count) root.append(svg("text", { x: x + step / 2 - 3, y: height - pad - barHeight - 3 }, week.count));
  });
  root.append(svg("text", { x: 2, y: 12 }, `events per week (most: ${most})`));
  return root;
}

/** The map with this page's filters, narrowed to the week starting on `monday`. */
function weekOnMap(monday) {
  const params = new URLSearchParams(location.search);
  const sunday = new Date(`${monday}T00:00:00Z`);
  sunday.setUTCDate(sunday.getUTCDate() + 6);
  params.set("since", monday);
  params.set("until", sunday.toISOString().slice(0, 10));
  return `/?${params}`;
}

function render(data) {
  chartEl.replaceChildren(data.weeks.length ? chart(data.weeks) : h("p", { class: "dim" }, "No event is dated to a day or a week."));
  weeksEl.replaceChildren(...data.weeks.filter((w) => w.count).map((week) =>
    h("section", { class: "week", "data-week": week.week, id: `week-${week.week}` },
      h("h3", {}, `Week of ${week.week} — ${week.count} event${week.count === 1 ? "" : "s"} `,
        h("a", { href: weekOnMap(week.week), class: "on-map" }, "on the map →")),
      h("ol", { class: "event-list" }, week.events.map(eventItem)))));
  coarseEl.replaceChildren(...data.coarse.map(eventItem));
  undatedEl.replaceChildren(...data.undated.map(eventItem));
  for (const list of [coarseEl, undatedEl]) {
    list.hidden = list.childElementCount === 0;
    list.previousElementSibling.hidden = list.hidden; // its heading
  }
  const dated = data.weeks.reduce((n, w) => n + w.count, 0);
  statusEl.textContent = `${data.total} events: ${dated} in ${data.weeks.length} week${data.weeks.length === 1 ? "" : "s"}, ${data.coarse.length} dated only to a month or a year, ${data.undated.length} undated.`;
  chartEl.dataset.state = "ready";
}

// Each filter change asks again; an answer that comes back after a newer question is
// dropped, so a slow old answer never replaces a newer one.
let asked = 0;

async function load(params) {
  chartEl.dataset.state = "loading";
  const actor = params.get("actor");
  actorEl.textContent = actor ? ` of ${actor}` : "";
  document.title = `Timeline${actor ? " · " + actor : ""} · wardesk`;
  const mine = ++asked;
  try {
    const data = await getJSON("/api/timeline", params);
    if (mine === asked) render(data);
  } catch (error) {
    if (mine !== asked) return;
    render({ weeks: [], coarse: [], undated: [], total: 0 });
    statusEl.textContent = `Could not load the events: ${error.message}`;
    chartEl.dataset.state = "error";
  }
}

watchFilters(form, load);
