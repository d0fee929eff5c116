// Shared helpers for the desk's pages. Every piece of data reaches the DOM as text
// (textContent, attribute values): never as HTML.

/** Create an element: h("a", {href: "/x", class: "y"}, "text", child, ...). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) throw new Error("no inline handlers");
    el.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** Only same-origin paths are followed (links from the API are relative). */
export function safePath(path) {
  return typeof path === "string" && path.startsWith("/") && !path.startsWith("//") ? path : "#";
}

export async function getJSON(path, params) {
  const query = params && params.toString();
  const response = await fetch(query ? `${path}?${query}` : path, {
    headers: { Accept: "application/json" },
  });
  if (!response.ok) {
    let detail = response.statusText;
    try {
      const body = await response.json();
      detail = typeof body.detail === "string" ? body.detail
        : (body.detail || []).map((d) => `${(d.loc || []).slice(-1)[0]}: ${d.msg}`).join("; ");
    } catch (_) { /* keep the status text */ }
    throw new Error(`${response.status}: ${detail}`);
  }
  return response.json();
}

export const TYPE_CLASSES = {
  "Battles": "battles",
  "Explosions/Remote violence": "explosions",
  "Violence against civilians": "civilians",
  "Protests": "protests",
  "Riots": "riots",
  "Strategic developments": "strategic",
};
export const TYPE_COLORS = {
  battles: "#d62728", explosions: "#ff7f0e", civilians: "#9467bd",
  protests: "#2ca02c", riots: "#8c564b", strategic: "#1f77b4", other: "#7f7f7f",
};

export function typeClass(eventType) {
  return TYPE_CLASSES[eventType] || "other";
}

export function typeColor(eventType) {
  return TYPE_COLORS[typeClass(eventType)];
}

export function actorsText(actors) {
  return [actors.actor1, actors.actor2].filter(Boolean).join(" / ") || "—";
}

/** One event as a list item: what, where, when, who, sources, contested slots. */
export function eventItem(e) {
  const status = e.contested.includes("status") ? "status contested" : e.agreement && e.agreement.status;
  const deal = e.agreement ? ` (${[e.agreement.kind, status].filter(Boolean).join(", ")})` : "";
  const flags = e.contested.flatMap((slot) => [h("a", { class: "flag", href: "/codebook#contested" }, slot.replace(/_/g, " ")), " "]);
  const meta = [
    e.location ? e.location.name : "no place",
    e.date_text || "undated",
    actorsText(e.actors),
    `${e.sources} source${e.sources === 1 ? "" : "s"}` + (e.reader_comments ? ` +${e.reader_comments} reader` : ""),
  ].join(" · ");
  return h("li", { "data-event": e.event_id },
    h("span", { class: `swatch type-${typeClass(e.event_type)}` }),
    h("a", { href: safePath(e.url), class: "event-link" }, e.sub_event_type + deal,
      h("span", { class: "visually-hidden" }, ` at ${e.location ? e.location.name : "no place"}, ${e.date_text || "undated"}`)), " ",
    ...flags,
    h("span", { class: "meta" }, meta));
}

/** The filter form as query parameters (blank fields left out). */
export function filterParams(form) {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form)) {
    if (String(value).trim() !== "") params.append(name, String(value).trim());
  }
  return params;
}

/** Point the export links (a[data-format]) at exactly the rows `params` selects. */
export function exportLinks(params) {
  const query = params.toString();
  for (const link of document.querySelectorAll("#export a[data-format]")) {
    link.href = `/api/export.${link.dataset.format}${query ? "?" + query : ""}`;
  }
}

/** Set the filter form's fields to `params` (the others blank). */
function fillForm(form, params) {
  for (const el of form.elements) {
    if (!el.name) continue;
    const values = params.getAll(el.name);
    if (el.type === "checkbox") el.checked = values.includes(el.value);
    else if (el.tagName === "SELECT") {
      for (const option of el.options) option.selected = values.includes(option.value);
      if (!values.length) el.selectedIndex = 0;
    } else el.value = values[0] || "";
  }
}

/** Apply the filter form in place: call `apply(params)` now and on every change, keeping the
 * page URL in step (so a filtered view can be bookmarked or shared). Each change is a step in
 * the browser's history, so Back undoes the last filter change. */
export function watchFilters(form, apply) {
  let applied = null; // the query string of the filter last applied
  const run = (push) => {
    const params = filterParams(form);
    const query = params.toString();
    const url = query ? `${location.pathname}?${query}` : location.pathname;
    if (push && url !== location.pathname + location.search) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
    applied = location.search;
    apply(params);
  };
  form.addEventListener("change", () => run(true));
  form.addEventListener("submit", (event) => { event.preventDefault(); run(true); });
  form.addEventListener("reset", (event) => {
    // Clear to blank (not to the values the page was loaded with), then apply.
    event.preventDefault();
    fillForm(form, new URLSearchParams());
    run(true);
  });
  window.addEventListener("popstate", () => {
    // Following a link to "#week-…" is a history step too, but leaves the filter alone.
    if (location.search === applied) return;
    fillForm(form, new URLSearchParams(location.search));
    applied = location.search;
    apply(filterParams(form));
  });
  run(false);
}
